import { Button, Group, Text } from '@mantine/core';
import type { Device, LoraConnectivityPlanId, NetworkAdapter } from '@openthings/domain';
import { notifySuccess } from '@openthings/ui';
import { useState } from 'react';
import { errorMessage } from '../../../lib/error-messages.ts';
import { useUpdateAdapter } from '../devices.api.ts';
import { LoraPlanSelect } from '../lora-plan-select.tsx';

/** Change the LoRa connectivity plan of a device (e.g. to one with network geolocation). */
export function LoraPlanChange({
  device,
  adapter,
  canWrite,
}: {
  device: Device;
  adapter: NetworkAdapter;
  canWrite: boolean;
}) {
  const update = useUpdateAdapter();
  const [planId, setPlanId] = useState<string | null>(adapter.connectivityPlanId);
  const changed = planId !== adapter.connectivityPlanId;
  const save = () => {
    if (!planId) return;
    update.mutate(
      {
        deviceId: device.id,
        adapterId: adapter.id,
        patch: { connectivityPlanId: planId as LoraConnectivityPlanId },
      },
      { onSuccess: () => notifySuccess('The connectivity plan was changed.') },
    );
  };
  return (
    <div>
      <LoraPlanSelect value={planId} onChange={setPlanId} disabled={!canWrite} />
      {canWrite && changed && (
        <Group justify="flex-end" gap="xs" mt="xs">
          <Button
            variant="default"
            onClick={() => setPlanId(adapter.connectivityPlanId)}
            disabled={update.isPending}
          >
            Cancel
          </Button>
          <Button onClick={save} loading={update.isPending}>
            Change plan
          </Button>
        </Group>
      )}
      {update.isError && (
        <Text size="sm" c="red" role="alert" mt={4}>
          {errorMessage(update.error)}
        </Text>
      )}
    </div>
  );
}
