import { Code, Group, ScrollArea, SimpleGrid, Stack, Table, Text, Tooltip } from '@mantine/core';
import type { DeliveryAttempt } from '@openthings/domain';
import { ExpandableTable, SectionCard } from '@openthings/ui';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { cursorFromLink } from '../../lib/api.ts';
import { errorMessage } from '../../lib/error-messages.ts';
import { formatNumber } from '../../lib/format.ts';
import { usePagedCursor } from '../../lib/paged-cursor.ts';
import { attemptError, HttpStatus } from './destination-labels.tsx';
import { destinationsQueries } from './destinations.api.ts';

/** The log refreshes by itself while it is on screen, so retries show up as they happen. */
const REFRESH_MS = 5_000;

const timeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
const clockFormat = new Intl.DateTimeFormat(undefined, { timeStyle: 'medium' });

export function formatTime(iso: string): string {
  return timeFormat.format(new Date(iso));
}

/** Only the time of day, for "checked 16:23:31". */
export function formatClock(iso: string): string {
  return clockFormat.format(new Date(iso));
}

/** A time in a table cell: never broken over two lines. */
export function TimeCell({ iso }: { iso: string }) {
  return (
    <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
      {formatTime(iso)}
    </Text>
  );
}

/** Request headers, one per line, names sorted. */
export function HeaderList({ headers, label }: { headers: Record<string, string>; label: string }) {
  const entries = Object.entries(headers).sort(([a], [b]) => a.localeCompare(b));
  return (
    <Table fz="xs" verticalSpacing={2} horizontalSpacing={6} withRowBorders={false} aria-label={label}>
      <Table.Tbody>
        {entries.map(([name, value]) => (
          <Table.Tr key={name}>
            <Table.Td
              className="ot-mono"
              c="dimmed"
              style={{ whiteSpace: 'nowrap', verticalAlign: 'top', width: 1 }}
            >
              {name}
            </Table.Td>
            <Table.Td className="ot-mono" style={{ overflowWrap: 'anywhere' }}>
              {value}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function AttemptDetails({ attempt }: { attempt: DeliveryAttempt }) {
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
      <Stack gap={4}>
        <Text size="xs" fw={600} c="dimmed">
          Request headers (credentials redacted)
        </Text>
        <HeaderList headers={attempt.requestHeaders} label="Request headers" />
      </Stack>
      <Stack gap={4}>
        <Text size="xs" fw={600} c="dimmed">
          {attempt.error ? 'Error' : 'Response (start)'}
        </Text>
        {attempt.error && (
          <Text size="sm" c="red">
            {attempt.error}
          </Text>
        )}
        {attempt.response ? (
          <ScrollArea.Autosize mah={240}>
            <Code block>{attempt.response}</Code>
          </ScrollArea.Autosize>
        ) : (
          !attempt.error && (
            <Text size="sm" c="dimmed">
              Empty body
            </Text>
          )
        )}
        <Text size="xs" c="dimmed">
          Delivery <span className="ot-mono">{attempt.deliveryId}</span>
        </Text>
      </Stack>
    </SimpleGrid>
  );
}

const columns = [
  { id: 'at', header: 'Time', width: 190, cell: (a: DeliveryAttempt) => <TimeCell iso={a.at} /> },
  {
    id: 'status',
    header: 'Status',
    width: 110,
    cell: (a: DeliveryAttempt) => <HttpStatus status={a.status} />,
  },
  {
    id: 'latency',
    header: 'Latency',
    align: 'right' as const,
    width: 90,
    cell: (a: DeliveryAttempt) => `${formatNumber(a.latencyMs)} ms`,
  },
  {
    id: 'error',
    header: 'Error',
    cell: (a: DeliveryAttempt) =>
      attemptError(a.error, a.status) ? (
        <Text size="sm" c="red" lineClamp={1}>
          {attemptError(a.error, a.status)}
        </Text>
      ) : (
        <Text size="sm" c="dimmed">
          —
        </Text>
      ),
  },
  {
    id: 'response',
    header: 'Response',
    cell: (a: DeliveryAttempt) =>
      a.response ? (
        <Tooltip label={a.response.slice(0, 300)} multiline w={360} withArrow openDelay={500}>
          <Text size="sm" className="ot-mono" lineClamp={1} maw={320}>
            {a.response}
          </Text>
        </Tooltip>
      ) : (
        <Text size="sm" c="dimmed">
          —
        </Text>
      ),
  },
];

/** Every delivery attempt, newest first: what was sent, what came back, how long it took. */
export function DeliveryLog({ destinationId }: { destinationId: string }) {
  const [limit, setLimit] = useState(25);
  const paging = usePagedCursor();
  const attempts = useQuery({
    ...destinationsQueries.attempts(destinationId, {
      limit,
      sort: '-at',
      includeTotal: 'true',
      ...(paging.cursor && { cursor: paging.cursor }),
    }),
    refetchInterval: paging.page === 1 ? REFRESH_MS : false,
  });

  return (
    <SectionCard
      title="Delivery log"
      description="Every attempt, newest first. Open a row for the request headers and the answer."
    >
      <Stack gap="xs">
        {attempts.isError && (
          <Group>
            <Text size="sm" c="red" role="alert">
              {errorMessage(attempts.error)}
            </Text>
          </Group>
        )}
        <ExpandableTable<DeliveryAttempt>
          label="Delivery log"
          columns={columns}
          data={attempts.data?.data}
          getRowId={(a) => String(a.id)}
          getRowName={(a) => `attempt at ${formatTime(a.at)}`}
          renderDetails={(a) => <AttemptDetails attempt={a} />}
          fetching={attempts.isPlaceholderData}
          empty={{ message: 'No deliveries yet. They appear here as soon as a linked flow sends data.' }}
          pagination={{
            pageSize: limit,
            pageSizeOptions: [10, 25, 50, 100],
            onPageSizeChange: (size) => {
              setLimit(size);
              paging.reset();
            },
            hasPrev: attempts.data?.links.prev != null,
            hasNext: attempts.data?.links.next != null,
            onPrev: () => paging.prev(cursorFromLink(attempts.data?.links.prev)),
            onNext: () => paging.next(cursorFromLink(attempts.data?.links.next)),
            offset: (paging.page - 1) * limit,
            total: attempts.data?.meta?.total,
          }}
        />
      </Stack>
    </SectionCard>
  );
}
