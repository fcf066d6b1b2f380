import { Button, Menu, Text } from '@mantine/core';
import { allowedSimTransitions, type Sim, type SimStatus, simStatusLabels } from '@openthings/domain';
import { ConfirmDialog, notifySuccess } from '@openthings/ui';
import { IconChevronDown } from '@tabler/icons-react';
import { useState } from 'react';
import { errorMessage } from '../../../lib/error-messages.ts';
import { useUpdateSim } from '../sims.api.ts';

const verbs: Record<SimStatus, string> = {
  ACTIVATED: 'Activate',
  ACTIVATION_READY: 'Make activation ready',
  DEACTIVATED: 'Deactivate',
  RETIRED: 'Retire',
};

const consequences: Record<SimStatus, string> = {
  ACTIVATED: 'The SIM can use the network and is billed for its usage.',
  ACTIVATION_READY: 'The SIM waits for its first use.',
  DEACTIVATED: 'The SIM can no longer use the network until it is activated again.',
  RETIRED:
    'Retiring is final: the SIM can never be activated, changed or linked again. This cannot be undone.',
};

/** Only the carrier's allowed next statuses are offered; Retired asks twice because it is final. */
export function SimStatusChange({ sim }: { sim: Sim }) {
  const update = useUpdateSim();
  const [target, setTarget] = useState<SimStatus | null>(null);
  const next = allowedSimTransitions(sim.status);
  if (next.length === 0) {
    return (
      <Text size="xs" c="dimmed">
        Retired is final: the status no longer changes.
      </Text>
    );
  }
  return (
    <>
      <Menu position="bottom-end" shadow="md">
        <Menu.Target>
          <Button size="xs" variant="default" rightSection={<IconChevronDown size={12} />}>
            Change status
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>From {simStatusLabels[sim.status]} to</Menu.Label>
          {next.map((status) => (
            <Menu.Item
              key={status}
              color={status === 'RETIRED' ? 'red' : undefined}
              onClick={() => {
                update.reset();
                setTarget(status);
              }}
            >
              {simStatusLabels[status]}
            </Menu.Item>
          ))}
        </Menu.Dropdown>
      </Menu>
      <ConfirmDialog
        opened={target !== null}
        title={target ? `${verbs[target]} SIM` : ''}
        message={
          <>
            {target && `SIM ${sim.iccid} becomes ${simStatusLabels[target]}. ${consequences[target]}`}
            {update.isError && (
              <Text component="span" display="block" c="red" mt="xs" role="alert">
                {errorMessage(update.error)}
              </Text>
            )}
          </>
        }
        confirmLabel={target ? verbs[target] : 'Change'}
        danger={target === 'RETIRED' || target === 'DEACTIVATED'}
        loading={update.isPending}
        onConfirm={() =>
          target &&
          update.mutate(
            { id: sim.id, patch: { status: target } },
            {
              onSuccess: (saved) => {
                notifySuccess(`SIM ${saved.iccid} is ${simStatusLabels[saved.status]}.`);
                setTarget(null);
              },
            },
          )
        }
        onCancel={() => setTarget(null)}
      />
    </>
  );
}
