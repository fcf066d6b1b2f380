import { Tooltip } from '@mantine/core';

/** 🔒 next to a managed item: bought from the operator, so the customer cannot add or delete it. */
export function ManagedMarker({
  label = 'Managed by the operator: cannot be added or deleted',
}: {
  label?: string;
}) {
  return (
    <Tooltip label={label} events={{ hover: true, focus: true, touch: true }}>
      <span className="ot-managed" role="img" aria-label={label}>
        🔒
      </span>
    </Tooltip>
  );
}
