import { Table, Text } from '@mantine/core';
import { EmptyState, SectionCard } from '@openthings/ui';
import { IconGauge } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { errorMessage } from '../../lib/error-messages.ts';
import { formatDateTime } from '../../lib/format.ts';
import { insightQueries } from './insight.api.ts';
import { measurementName, valueText } from './measurement.ts';

/** The twin's reported state: the latest value of each measurement, and when it was measured. */
export function ReportedState({
  deviceId,
  urn,
  refreshMs,
}: {
  deviceId: string;
  urn: string | null;
  refreshMs: number;
}) {
  const reported = useQuery({ ...insightQueries.reported(deviceId), refetchInterval: refreshMs });
  return (
    <SectionCard title="Reported state" description="The latest value of each measurement the device sent.">
      {reported.isError ? (
        <Text size="sm" c="red" role="alert">
          {errorMessage(reported.error)}
        </Text>
      ) : !reported.data ? (
        <Text size="sm" c="dimmed">
          Loading…
        </Text>
      ) : reported.data.length === 0 ? (
        <EmptyState
          compact
          icon={<IconGauge size={22} stroke={1.5} />}
          title="Nothing reported yet"
          description="Values appear once an uplink is decoded by one of the device's flows."
        />
      ) : (
        <Table verticalSpacing={6} fz="sm" aria-label="Reported state">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Measurement</Table.Th>
              <Table.Th style={{ textAlign: 'right' }}>Value</Table.Th>
              <Table.Th>Measured</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {reported.data.map((r) => (
              <Table.Tr key={r.name}>
                <Table.Td className="ot-mono">{measurementName(r.name, urn)}</Table.Td>
                <Table.Td style={{ textAlign: 'right', whiteSpace: 'nowrap' }} fw={500}>
                  {valueText(r.value, r.unit)}
                </Table.Td>
                <Table.Td>{formatDateTime(r.time)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </SectionCard>
  );
}
