import { Anchor, Button, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import {
  type Device,
  type DeviceType,
  loraNetworkStatusLabels,
  type NetworkAdapter,
  networkTypeLabels,
} from '@openthings/domain';
import { KeyValueList, notifySuccess, SectionCard } from '@openthings/ui';
import { IconPlayerPause, IconPlayerPlay } from '@tabler/icons-react';
import { Link } from 'react-router';
import { errorMessage } from '../../../lib/error-messages.ts';
import { formatDateTime } from '../../../lib/format.ts';
import { DeviceStatus } from '../device-status.tsx';
import { useSetDeviceActive } from '../devices.api.ts';

export interface DeviceOverviewProps {
  device: Device;
  type: DeviceType | undefined;
  adapters: readonly NetworkAdapter[] | undefined;
  canWrite: boolean;
  /** Where the Flows tab is, to link "n flows" to it. */
  flowsHref: string;
}

const statusHelp: Record<Device['processingStatus'], string> = {
  ACTIVE: 'Data is processed both ways: uplinks go through its flows, downlinks are sent.',
  DEACTIVATED: 'Uplinks are kept in the history but not processed or forwarded; no downlinks are sent.',
  NOT_LINKED: 'The device is in no flow yet: link it to a flow to process its data.',
  INVENTORY: 'The device is known but not registered on a network: add its network information.',
};

function adapterFacts(adapter: NetworkAdapter) {
  const facts = [
    {
      label: `${networkTypeLabels[adapter.type]} identifier`,
      value: <span className="ot-mono">{adapter.identifier}</span>,
    },
  ];
  if (adapter.type === 'LORA' && adapter.networkStatus)
    facts.push({
      label: 'LoRa network status',
      value: <>{loraNetworkStatusLabels[adapter.networkStatus]}</>,
    });
  if (adapter.type === 'M2M' && adapter.iccid)
    facts.push({ label: 'SIM (ICCID)', value: <span className="ot-mono">{adapter.iccid}</span> });
  return facts;
}

/** The device at a glance: status (with the switch), connectivity, flows, type and project. */
export function DeviceOverview({ device, type, adapters, canWrite, flowsHref }: DeviceOverviewProps) {
  const setActive = useSetDeviceActive();
  const toggle = () =>
    setActive.mutate(
      { id: device.id, active: !device.enabled },
      {
        onSuccess: (next) =>
          notifySuccess(
            next.enabled ? `"${next.name}" processes data again.` : `"${next.name}" is deactivated.`,
          ),
      },
    );

  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
      <SectionCard
        title="Status"
        actions={
          canWrite && (
            <Button
              size="xs"
              variant="default"
              leftSection={device.enabled ? <IconPlayerPause size={14} /> : <IconPlayerPlay size={14} />}
              loading={setActive.isPending}
              onClick={toggle}
            >
              {device.enabled ? 'Deactivate' : 'Activate'}
            </Button>
          )
        }
      >
        <Stack gap={6}>
          <DeviceStatus status={device.processingStatus} size="md" />
          <Text size="sm" c="dimmed">
            {statusHelp[device.processingStatus]}
          </Text>
          {setActive.isError && (
            <Text size="sm" c="red" role="alert">
              {errorMessage(setActive.error)}
            </Text>
          )}
        </Stack>
      </SectionCard>
      <SectionCard title="Connectivity">
        <KeyValueList
          items={[
            {
              label: 'Last message',
              value: device.lastMessageAt ? formatDateTime(device.lastMessageAt) : 'No message yet',
            },
            {
              label: 'Network',
              value: device.networkType ? networkTypeLabels[device.networkType] : 'No network information',
            },
            ...(adapters ?? []).flatMap(adapterFacts),
          ]}
        />
      </SectionCard>
      <SectionCard title="Flows">
        {device.flowCount === 0 ? (
          <Text size="sm" c="dimmed">
            In no flow.{' '}
            <Anchor component={Link} to={flowsHref} size="sm">
              Link it to a flow
            </Anchor>
          </Text>
        ) : (
          <Stack gap={4}>
            <Group gap={6} wrap="wrap">
              {device.flowNames.map((name) => (
                <Text key={name} size="sm" className="ot-tag">
                  {name}
                </Text>
              ))}
              {device.flowCount > device.flowNames.length && (
                <Text size="sm" c="dimmed">
                  and {device.flowCount - device.flowNames.length} more
                </Text>
              )}
            </Group>
            <Anchor component={Link} to={flowsHref} size="sm">
              Manage flows
            </Anchor>
          </Stack>
        )}
      </SectionCard>
      <SectionCard title="Device">
        <KeyValueList
          items={[
            { label: 'Type', value: type?.name ?? device.deviceType.name },
            { label: 'Project', value: device.project.name },
            { label: 'Description', value: device.description || '—' },
            { label: 'Barcode', value: device.barcode || '—' },
            { label: 'Added', value: formatDateTime(device.createdAt) },
          ]}
        />
      </SectionCard>
    </SimpleGrid>
  );
}
