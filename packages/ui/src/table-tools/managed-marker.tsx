import { Tooltip } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';

/**
 * 🔒 next to a managed item: bought from the operator, so the customer cannot add or delete it. Drawn
 * as an icon so it shows whatever fonts the computer has.
 */
export function ManagedMarker({
  label = 'Managed by the operator: cannot be added or deleted',
}: {
  label?: string;
}) {
  return (
    <Tooltip label={label} events={{ hover: true, focus: true, touch: true }}>
      <span className="ot-managed" role="img" aria-label={label}>
        <IconLock size={13} stroke={2} aria-hidden />
      </span>
    </Tooltip>
  );
}
