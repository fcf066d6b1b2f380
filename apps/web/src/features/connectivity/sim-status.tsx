import { Text } from '@mantine/core';
import { type SimStatus as Status, simStatusLabels } from '@openthings/domain';

const tones: Record<Status, string> = {
  ACTIVATED: 'active',
  ACTIVATION_READY: 'ready',
  DEACTIVATED: 'off',
  RETIRED: 'final',
};

/** Activated · Activation Ready · Deactivated · Retired (final): a dot and the carrier's word. */
export function SimStatusBadge({ status, size = 'sm' }: { status: Status; size?: 'sm' | 'md' }) {
  return (
    <Text component="span" size={size} className="ot-device-status" data-status={status}>
      <span className="ot-status-dot" data-tone={tones[status]} aria-hidden />
      {simStatusLabels[status]}
    </Text>
  );
}
