import {
  Anchor,
  Badge,
  Code,
  Group,
  ScrollArea,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Tooltip,
} from '@mantine/core';
import type { HistoryUplink, ResolvedSenmlRecord } from '@openthings/domain';
import { type DataTableColumn, ExpandableTable, SectionCard } from '@openthings/ui';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { cursorFromLink } from '../../lib/api.ts';
import { errorMessage } from '../../lib/error-messages.ts';
import { usePagedCursor } from '../../lib/paged-cursor.ts';
import { insightQueries } from './insight.api.ts';
import { measurementName, valueText } from './measurement.ts';

const timeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
const formatTime = (iso: string) => timeFormat.format(new Date(iso));

const stateColors: Record<HistoryUplink['state'], string> = {
  accepted: 'blue',
  processed: 'green',
  ignored: 'gray',
  failed: 'red',
};

const stateLabels: Record<HistoryUplink['state'], string> = {
  accepted: 'Waiting',
  processed: 'Processed',
  ignored: 'Ignored',
  failed: 'Failed',
};

function recordValue(r: ResolvedSenmlRecord) {
  return r.v ?? r.vs ?? r.vb ?? r.vd ?? r.s;
}

/** `temperature 21.5 °C · batteryLevel 87%` from the first decoding with records. */
export function recordsSummary(uplink: HistoryUplink, urn: string | null): string {
  const records = uplink.decodings.find((d) => d.records && d.records.length > 0)?.records ?? [];
  if (records.length === 0) return uplink.decodings.some((d) => d.error) ? 'Decoder error' : '—';
  const parts = records.map((r) => `${measurementName(r.n, urn)} ${valueText(recordValue(r), r.u)}`);
  const shown = parts.slice(0, 3).join(' · ');
  return parts.length > 3 ? `${shown} · +${parts.length - 3} more` : shown;
}

/** `1 delivered · 1 dead`: how the uplink's deliveries stand. */
export function deliveriesSummary(uplink: HistoryUplink): string {
  if (uplink.deliveries.length === 0) return 'None';
  const count = (state: string) => uplink.deliveries.filter((d) => d.state === state).length;
  return [
    [count('succeeded'), 'delivered'],
    [count('pending'), 'pending'],
    [count('dead'), 'dead'],
  ]
    .filter(([n]) => (n as number) > 0)
    .map(([n, word]) => `${n} ${word}`)
    .join(' · ');
}

function payloadText(uplink: HistoryUplink): string {
  if (uplink.payloadText === null) return uplink.payloadHex;
  try {
    return JSON.stringify(JSON.parse(uplink.payloadText), null, 2);
  } catch {
    return uplink.payloadText;
  }
}

type FlowNames = ReadonlyMap<string, string>;

function UplinkDetails({
  uplink,
  urn,
  flowNames,
}: {
  uplink: HistoryUplink;
  urn: string | null;
  flowNames: FlowNames;
}) {
  const metadata = Object.keys(uplink.metadata).length > 0;
  return (
    <Stack gap="md">
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <Stack gap={4}>
          <Text size="xs" fw={600} c="dimmed">
            Raw payload {uplink.payloadText === null ? '(hex)' : ''}
          </Text>
          <ScrollArea.Autosize mah={260}>
            <Code block>{payloadText(uplink)}</Code>
          </ScrollArea.Autosize>
        </Stack>
        <Stack gap={4}>
          <Text size="xs" fw={600} c="dimmed">
            Metadata
          </Text>
          {metadata ? (
            <ScrollArea.Autosize mah={260}>
              <Code block>{JSON.stringify(uplink.metadata, null, 2)}</Code>
            </ScrollArea.Autosize>
          ) : (
            <Text size="sm" c="dimmed">
              None
            </Text>
          )}
        </Stack>
      </SimpleGrid>
      {uplink.error && (
        <Text size="sm" c="red">
          {uplink.error}
        </Text>
      )}
      <Stack gap={4}>
        <Text size="xs" fw={600} c="dimmed">
          Decodings
        </Text>
        {uplink.decodings.length === 0 && (
          <Text size="sm" c="dimmed">
            {uplink.state === 'accepted' ? 'Not decoded yet.' : 'No flow decoded this uplink.'}
          </Text>
        )}
        {uplink.decodings.map((d) => (
          <Stack key={`${d.flowId}-${d.decoderId}`} gap={2}>
            <Group gap={6}>
              <Anchor component={Link} to={`/flows/${d.flowId}`} size="sm">
                {flowNames.get(d.flowId) ?? 'Flow'}
              </Anchor>
              <Text size="sm">· {d.decoderName}</Text>
            </Group>
            {d.error ? (
              <Text size="sm" c="red">
                {d.error}
              </Text>
            ) : (
              <Table fz="xs" verticalSpacing={2} aria-label={`Records of ${d.decoderName}`} maw={640}>
                <Table.Tbody>
                  {(d.records ?? []).map((r, i) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: records of one decoding have no id
                    <Table.Tr key={i}>
                      <Table.Td className="ot-mono">{measurementName(r.n, urn)}</Table.Td>
                      <Table.Td style={{ textAlign: 'right' }}>{valueText(recordValue(r), r.u)}</Table.Td>
                      <Table.Td c="dimmed">{formatTime(new Date(r.t * 1000).toISOString())}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
          </Stack>
        ))}
      </Stack>
      {uplink.deliveries.length > 0 && (
        <Stack gap={4}>
          <Text size="xs" fw={600} c="dimmed">
            Deliveries
          </Text>
          <Table fz="xs" verticalSpacing={2} aria-label="Deliveries" maw={640}>
            <Table.Tbody>
              {uplink.deliveries.map((d) => (
                <Table.Tr key={d.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/destinations/${d.destinationId}?tab=log`} size="xs">
                      {d.destinationName}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{d.state}</Table.Td>
                  <Table.Td>
                    {d.attempts} {d.attempts === 1 ? 'attempt' : 'attempts'}
                  </Table.Td>
                  <Table.Td>{d.lastStatus ?? d.lastError ?? ''}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Stack>
      )}
    </Stack>
  );
}

/** Every uplink of the device as stored, newest first, opening to the raw payload and what became of it. */
export interface UplinkHistoryProps {
  deviceId: string;
  urn: string | null;
  /** Names of the device's flows, to name each decoding's flow. */
  flowNames: FlowNames;
  refreshMs: number;
}

export function UplinkHistory({ deviceId, urn, flowNames, refreshMs }: UplinkHistoryProps) {
  const [limit, setLimit] = useState(25);
  const paging = usePagedCursor();
  const uplinks = useQuery({
    ...insightQueries.uplinks(deviceId, {
      limit,
      sort: '-receivedAt',
      includeTotal: 'true',
      ...(paging.cursor && { cursor: paging.cursor }),
    }),
    refetchInterval: paging.page === 1 ? refreshMs : false,
  });

  const columns: DataTableColumn<HistoryUplink>[] = [
    {
      id: 'receivedAt',
      header: 'Received',
      width: 190,
      cell: (u) => (
        <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
          {formatTime(u.receivedAt)}
        </Text>
      ),
    },
    {
      id: 'connector',
      header: 'Connector',
      width: 130,
      cell: (u) => <span className="ot-mono">{u.connector}</span>,
    },
    {
      id: 'state',
      header: 'State',
      width: 124,
      cell: (u) => {
        const badge = <Badge color={stateColors[u.state]}>{stateLabels[u.state]}</Badge>;
        return u.error ? (
          <Tooltip label={u.error} multiline w={320} withArrow>
            {badge}
          </Tooltip>
        ) : (
          badge
        );
      },
    },
    {
      id: 'records',
      header: 'Decoded records',
      cell: (u) => (
        <Text size="sm" lineClamp={1}>
          {recordsSummary(u, urn)}
        </Text>
      ),
    },
    { id: 'deliveries', header: 'Deliveries', width: 170, cell: (u) => deliveriesSummary(u) },
  ];

  return (
    <SectionCard
      title="Uplinks"
      description="Newest first. Open one for its raw payload, metadata and decodings."
    >
      <Stack gap="xs">
        {uplinks.isError && (
          <Text size="sm" c="red" role="alert">
            {errorMessage(uplinks.error)}
          </Text>
        )}
        <ExpandableTable<HistoryUplink>
          label="Uplinks"
          columns={columns}
          data={uplinks.data?.data}
          getRowId={(u) => u.id}
          getRowName={(u) => `uplink received at ${formatTime(u.receivedAt)}`}
          renderDetails={(u) => <UplinkDetails uplink={u} urn={urn} flowNames={flowNames} />}
          fetching={uplinks.isPlaceholderData}
          empty={{ message: 'No uplinks yet.' }}
          pagination={{
            pageSize: limit,
            pageSizeOptions: [10, 25, 50, 100],
            onPageSizeChange: (size) => {
              setLimit(size);
              paging.reset();
            },
            hasPrev: uplinks.data?.links.prev != null,
            hasNext: uplinks.data?.links.next != null,
            onPrev: () => paging.prev(cursorFromLink(uplinks.data?.links.prev)),
            onNext: () => paging.next(cursorFromLink(uplinks.data?.links.next)),
            offset: (paging.page - 1) * limit,
            total: uplinks.data?.meta?.total,
          }}
        />
      </Stack>
    </SectionCard>
  );
}
