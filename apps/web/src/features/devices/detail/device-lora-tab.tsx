import { Badge, SimpleGrid, Stack, Text } from '@mantine/core';
import {
  type Device,
  type LORA_NETWORK_STATUSES,
  loraNetworkStatusLabels,
  type NetworkAdapter,
} from '@openthings/domain';
import { KeyValueList, SectionCard } from '@openthings/ui';
import { formatDateTime } from '../../../lib/format.ts';
import { LoraPlanChange } from './lora-plan-change.tsx';

type LoraStatus = (typeof LORA_NETWORK_STATUSES)[number];

const statusInfo: Record<LoraStatus, { color: string; help: string }> = {
  INVENTORY: { color: 'gray', help: 'Known to the platform, not registered on the LoRa network yet.' },
  PENDING_CREATION: {
    color: 'yellow',
    help: 'The registration on the LoRa network is on its way; it normally turns Active within minutes.',
  },
  ACTIVE: { color: 'teal', help: 'Registered on the LoRa network: the device can join and send data.' },
  FAILED: {
    color: 'red',
    help: 'The network refused the registration. Most often the DevEUI is registered elsewhere already: remove it there, then delete and add the device again.',
  },
};

/** LoRa: the network registration's status and the connectivity plan. */
export function DeviceLoraTab({
  device,
  adapter,
  canWrite,
}: {
  device: Device;
  adapter: NetworkAdapter;
  canWrite: boolean;
}) {
  const status = adapter.networkStatus;
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
      <SectionCard title="Network status">
        <Stack gap={6}>
          {status ? (
            <>
              <Badge
                color={statusInfo[status].color}
                size="lg"
                variant="light"
                style={{ alignSelf: 'flex-start' }}
              >
                {loraNetworkStatusLabels[status]}
              </Badge>
              <Text size="sm" c="dimmed">
                {statusInfo[status].help}
              </Text>
            </>
          ) : (
            <Text size="sm" c="dimmed">
              No network status reported.
            </Text>
          )}
          <KeyValueList
            items={[
              {
                label: 'DevEUI',
                value: <span className="ot-mono">{adapter.devEui ?? adapter.identifier}</span>,
              },
              { label: 'AppEUI', value: <span className="ot-mono">{adapter.appEui ?? '—'}</span> },
              { label: 'AppKey', value: 'Set (not shown)' },
              { label: 'Since', value: formatDateTime(adapter.modifiedAt) },
            ]}
            labelWidth={110}
          />
        </Stack>
      </SectionCard>
      <SectionCard
        title="Connectivity plan"
        description="Plans with geolocation locate the device from the gateways that hear it."
      >
        <LoraPlanChange device={device} adapter={adapter} canWrite={canWrite} />
      </SectionCard>
    </SimpleGrid>
  );
}
