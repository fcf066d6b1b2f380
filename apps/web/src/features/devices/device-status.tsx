import { Text } from '@mantine/core';
import { type ProcessingStatus, processingStatusLabels } from '@openthings/domain';

/**
 * PRODUCT §3: 🟢 Active · ⚫ Deactivated · ⚫ Not yet linked · ⚫ Inventory — only Active is green. The
 * dots are drawn, not emoji, so they look the same whatever fonts the computer has.
 */
export function DeviceStatus({ status, size = 'sm' }: { status: ProcessingStatus; size?: 'sm' | 'md' }) {
  return (
    <Text component="span" size={size} className="ot-device-status" data-status={status}>
      <span className="ot-status-dot" data-active={status === 'ACTIVE' || undefined} aria-hidden />
      {processingStatusLabels[status]}
    </Text>
  );
}
