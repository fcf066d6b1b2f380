import { Alert, Badge, Card, Group, Stack, Switch, Table, Text } from '@mantine/core';
import type { DataProcessing as DataProcessingData } from '@openthings/domain';
import { EmptyState, SectionCard } from '@openthings/ui';
import { IconAlertTriangle, IconCpu } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { errorMessage } from '../../lib/error-messages.ts';
import { formatNumber } from '../../lib/format.ts';
import { flowDetailQueries, useToggleDecoder } from './flow-detail.api.ts';

type TypeProcessing = DataProcessingData['data'][number];
type Decoder = TypeProcessing['decoders'][number];

function ExpectedRecords({ decoder }: { decoder: Decoder }) {
  if (decoder.expectedRecords.length === 0)
    return (
      <Text size="xs" c="dimmed">
        Records: whatever the device sends.
      </Text>
    );
  return (
    <Table fz="xs" verticalSpacing={2} horizontalSpacing={6} aria-label={`Records of ${decoder.name}`}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Record</Table.Th>
          <Table.Th>Type</Table.Th>
          <Table.Th>Unit</Table.Th>
          <Table.Th>Meaning</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {decoder.expectedRecords.map((r) => (
          <Table.Tr key={r.name}>
            <Table.Td className="ot-mono">{r.name}</Table.Td>
            <Table.Td>{r.type}</Table.Td>
            <Table.Td className="ot-mono">{r.unit ?? '—'}</Table.Td>
            <Table.Td>{r.description ?? ''}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function DeviceTypeDecoders({
  flowId,
  type,
  canWrite,
}: {
  flowId: string;
  type: TypeProcessing;
  canWrite: boolean;
}) {
  const toggle = useToggleDecoder(flowId);
  const enabled = type.decoders.filter((d) => d.enabled).length;
  return (
    <Card withBorder padding="sm" component="section" aria-label={type.deviceType.name}>
      <Stack gap="sm">
        <Group justify="space-between" gap="xs">
          <Text fw={600} size="sm">
            {type.deviceType.name}
          </Text>
          <Text size="xs" c="dimmed">
            {formatNumber(type.deviceCount)} {type.deviceCount === 1 ? 'device' : 'devices'}
          </Text>
        </Group>
        {enabled === 0 && (
          <Alert color="orange" variant="light" icon={<IconAlertTriangle size={16} />} p="xs">
            No decoder is on: uplinks of these devices are stored but not decoded or forwarded.
          </Alert>
        )}
        {toggle.isError && (
          <Text size="sm" c="red" role="alert">
            {errorMessage(toggle.error)}
          </Text>
        )}
        {type.decoders.map((decoder) => (
          <Stack
            key={decoder.id}
            gap={6}
            pt="xs"
            style={{ borderTop: '1px solid var(--mantine-color-gray-2)' }}
          >
            <Group justify="space-between" align="flex-start" wrap="nowrap" gap="sm">
              <Stack gap={2} style={{ minWidth: 0 }}>
                <Group gap={6}>
                  <Text size="sm" fw={500}>
                    {decoder.name}
                  </Text>
                  <Text size="xs" c="dimmed">
                    v{decoder.version}
                  </Text>
                  {decoder.isDefault && (
                    <Badge size="xs" color="gray" variant="outline">
                      Default
                    </Badge>
                  )}
                </Group>
                <Text size="xs" c="dimmed">
                  {decoder.description}
                </Text>
              </Stack>
              <Switch
                checked={decoder.enabled}
                disabled={!canWrite || (toggle.isPending && toggle.variables?.decoderId === decoder.id)}
                onChange={(event) =>
                  toggle.mutate({
                    deviceTypeId: type.deviceType.id,
                    decoderId: decoder.id,
                    enabled: event.currentTarget.checked,
                  })
                }
                aria-label={`${decoder.name} for ${type.deviceType.name}`}
                label={decoder.enabled ? 'On' : 'Off'}
                labelPosition="left"
              />
            </Group>
            <ExpectedRecords decoder={decoder} />
          </Stack>
        ))}
      </Stack>
    </Card>
  );
}

/** PRODUCT §5 Data processing: per device type in the flow, its decoders with their switches. */
export function DataProcessing({ flowId, canWrite }: { flowId: string; canWrite: boolean }) {
  const processing = useQuery(flowDetailQueries.dataProcessing(flowId));
  return (
    <SectionCard
      title="Data processing"
      description="Per device type in this flow: the decoders that turn its payloads into SenML records."
    >
      {processing.isError ? (
        <Text size="sm" c="red" role="alert">
          {errorMessage(processing.error)}
        </Text>
      ) : !processing.data ? (
        <Text size="sm" c="dimmed">
          Loading decoders…
        </Text>
      ) : processing.data.data.length === 0 ? (
        <EmptyState
          compact
          icon={<IconCpu size={22} stroke={1.5} />}
          title="No device types yet"
          description="Decoders are chosen per device type: link a device to see its type here."
        />
      ) : (
        <Stack gap="sm">
          {processing.data.data.map((type) => (
            <DeviceTypeDecoders key={type.deviceType.id} flowId={flowId} type={type} canWrite={canWrite} />
          ))}
        </Stack>
      )}
    </SectionCard>
  );
}
