import { type ProcessingStatus, processingStatusLabels } from '@openthings/domain';

/**
 * PRODUCT §3: 🟢 Active · ⚫ Deactivated · ⚫ Not yet linked · ⚫ Inventory — only Active is green. The
 * dots are drawn, not emoji, so they look the same whatever fonts the computer has. A plain element
 * (app.css): the devices table shows one per row.
 */
export function DeviceStatus({ status, size = 'sm' }: { status: ProcessingStatus; size?: 'sm' | 'md' }) {
  return (
    <span className="ot-device-status" data-size={size} data-status={status}>
      <span className="ot-status-dot" data-active={status === 'ACTIVE' || undefined} aria-hidden />
      {processingStatusLabels[status]}
    </span>
  );
}
