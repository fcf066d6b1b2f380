import { IconLock } from '@tabler/icons-react';
import { CellTooltip } from './cell-tooltip.tsx';

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
    <CellTooltip label={label} className="ot-managed" role="img" aria-label={label}>
      <IconLock size={13} stroke={2} aria-hidden />
    </CellTooltip>
  );
}
