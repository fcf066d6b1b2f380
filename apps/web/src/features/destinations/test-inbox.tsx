import { Anchor, Button, Code, Group, List, ScrollArea, SimpleGrid, Stack, Text } from '@mantine/core';
import { INBOX_SIZE, type InboxRequest } from '@openthings/domain';
import { ExpandableTable, SectionCard } from '@openthings/ui';
import { IconPlayerPause, IconPlayerPlay } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { errorMessage } from '../../lib/error-messages.ts';
import { formatClock, formatTime, HeaderList, TimeCell } from './delivery-log.tsx';
import { destinationsQueries } from './destinations.api.ts';

/** New requests show within two seconds while the page is visible (the query pauses in hidden tabs). */
export const INBOX_REFRESH_MS = 2_000;

interface Summary {
  device: string | null;
  records: string;
}

/** The body as indented JSON when it is JSON; as it came otherwise. */
export function prettyBody(body: string): string {
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}

/** The device URN and the first measurements of a SenML body, for the row. */
export function summarize(body: string): Summary {
  try {
    const pack: unknown = JSON.parse(body);
    if (!Array.isArray(pack)) return { device: null, records: '' };
    const records = pack as Record<string, unknown>[];
    const device = typeof records[0]?.bn === 'string' ? (records[0].bn as string) : null;
    const parts = records.map((r) => {
      const value = r.v ?? r.vs ?? r.vb ?? r.vd ?? r.s;
      return [r.n, value, typeof r.u === 'string' ? r.u : null]
        .filter((p) => p !== undefined && p !== null)
        .join(' ');
    });
    const shown = parts.slice(0, 3).join(' · ');
    return { device, records: parts.length > 3 ? `${shown} · +${parts.length - 3} more` : shown };
  } catch {
    return { device: null, records: 'Not JSON' };
  }
}

function RequestDetails({ request }: { request: InboxRequest }) {
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
      <Stack gap={4}>
        <Text size="xs" fw={600} c="dimmed">
          Headers
        </Text>
        <HeaderList headers={request.headers} label="Headers" />
      </Stack>
      <Stack gap={4}>
        <Text size="xs" fw={600} c="dimmed">
          Body
        </Text>
        <ScrollArea.Autosize mah={360}>
          <Code block data-testid="inbox-body">
            {prettyBody(request.body)}
          </Code>
        </ScrollArea.Autosize>
      </Stack>
    </SimpleGrid>
  );
}

const columns = [
  {
    id: 'receivedAt',
    header: 'Received',
    width: 190,
    cell: (r: InboxRequest) => <TimeCell iso={r.receivedAt} />,
  },
  {
    id: 'device',
    header: 'Device',
    cell: (r: InboxRequest) => (
      <Text size="sm" className="ot-mono" lineClamp={1}>
        {summarize(r.body).device ?? '—'}
      </Text>
    ),
  },
  {
    id: 'records',
    header: 'Records',
    cell: (r: InboxRequest) => (
      <Text size="sm" lineClamp={1}>
        {summarize(r.body).records}
      </Text>
    ),
  },
];

function HowToSend() {
  return (
    <Stack gap={4} align="flex-start" maw={520}>
      <List size="sm" type="ordered" spacing={2}>
        <List.Item>Link this test endpoint to a flow (Overview tab, or the flow's page).</List.Item>
        <List.Item>
          Send data from a device in that flow — for example your phone, with the{' '}
          <Anchor component={Link} to="/simulator" size="sm">
            device simulator
          </Anchor>
          .
        </List.Item>
        <List.Item>
          Each message shows here within seconds, with the headers and body a receiver would get.
        </List.Item>
      </List>
    </Stack>
  );
}

/** The test endpoint's inbox: the last requests it received, refreshing while it is on screen. */
export function TestInbox({ destinationId }: { destinationId: string }) {
  const [paused, setPaused] = useState(false);
  const inbox = useQuery({
    ...destinationsQueries.inbox(destinationId),
    refetchInterval: paused ? false : INBOX_REFRESH_MS,
  });
  const updated = inbox.dataUpdatedAt > 0 ? new Date(inbox.dataUpdatedAt).toISOString() : null;

  return (
    <SectionCard
      title="Inbox"
      description={`The last ${INBOX_SIZE} requests this test endpoint received, newest first.`}
      actions={
        <Group gap="xs" wrap="nowrap">
          <Text size="xs" c="dimmed" aria-live="off">
            {paused ? 'Paused' : updated ? `Live · checked ${formatClock(updated)}` : 'Live'}
          </Text>
          <Button
            size="xs"
            variant="default"
            leftSection={paused ? <IconPlayerPlay size={14} /> : <IconPlayerPause size={14} />}
            onClick={() => setPaused((p) => !p)}
            aria-pressed={paused}
          >
            {paused ? 'Resume' : 'Pause'}
          </Button>
        </Group>
      }
    >
      <Stack gap="xs">
        {inbox.isError && (
          <Text size="sm" c="red" role="alert">
            {errorMessage(inbox.error)}
          </Text>
        )}
        <ExpandableTable<InboxRequest>
          label="Inbox"
          columns={columns}
          data={inbox.data}
          getRowId={(r) => String(r.id)}
          getRowName={(r) => `request received at ${formatTime(r.receivedAt)}`}
          renderDetails={(r) => <RequestDetails request={r} />}
          empty={{ message: 'Nothing has arrived yet', action: <HowToSend /> }}
        />
      </Stack>
    </SectionCard>
  );
}
