import { Anchor, Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import type { DeadLetter } from '@openthings/domain';
import { DataTable, type DataTableColumn, notifySuccess, SectionCard } from '@openthings/ui';
import { IconHistory, IconRefresh } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { cursorFromLink } from '../../lib/api.ts';
import { errorMessage } from '../../lib/error-messages.ts';
import { formatNumber } from '../../lib/format.ts';
import { usePagedCursor } from '../../lib/paged-cursor.ts';
import { formatTime, TimeCell } from './delivery-log.tsx';
import { attemptError, HttpStatus } from './destination-labels.tsx';
import { destinationsQueries, useReplayDeadLetter, useReplaySince } from './destinations.api.ts';

const REFRESH_MS = 5_000;

/** `2026-01-31T09:05` in the browser's time zone, as a datetime-local input holds it. */
export function toLocalInput(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** The date a datetime-local value stands for, or null while it is incomplete. */
export function fromLocalInput(value: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(value)) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

function ReplaySinceDialog({
  destinationId,
  opened,
  onClose,
}: {
  destinationId: string;
  opened: boolean;
  onClose: () => void;
}) {
  const [value, setValue] = useState(() => toLocalInput(new Date(Date.now() - 24 * 3600_000)));
  const since = fromLocalInput(value);
  const replay = useReplaySince();
  const count = useQuery({
    ...destinationsQueries.deadLetters(destinationId, {
      limit: 1,
      includeTotal: 'true',
      ...(since && { since: since.toISOString() }),
    }),
    enabled: opened && since !== null,
  });
  const total = count.data?.meta?.total;

  const close = () => {
    replay.reset();
    onClose();
  };

  return (
    <Modal opened={opened} onClose={close} title="Replay dead letters" size="md">
      <Stack gap="md">
        <Text size="sm">
          Every message given up since this time is queued again, with a fresh retry schedule. Receivers get
          the same <span className="ot-mono">webhook-id</span>, so they can tell a replay from a new message.
        </Text>
        <TextInput
          type="datetime-local"
          label="Given up since"
          required
          value={value}
          max={toLocalInput(new Date())}
          onChange={(e) => setValue(e.currentTarget.value)}
          error={since === null ? 'Enter a date and time' : undefined}
          data-autofocus
        />
        <Text size="sm" aria-live="polite">
          {since === null || total === undefined
            ? ' '
            : total === 0
              ? 'No dead letters were given up since then.'
              : `${formatNumber(total)} dead ${total === 1 ? 'letter' : 'letters'} will be sent again.`}
        </Text>
        {replay.isError && (
          <Text size="sm" c="red" role="alert">
            {errorMessage(replay.error)}
          </Text>
        )}
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={close} disabled={replay.isPending}>
            Cancel
          </Button>
          <Button
            leftSection={<IconRefresh size={16} />}
            disabled={since === null || total === 0}
            loading={replay.isPending}
            onClick={() =>
              since &&
              replay.mutate(
                { destinationId, since },
                {
                  onSuccess: ({ replayed }) => {
                    notifySuccess(
                      replayed === 0
                        ? 'There was nothing to replay.'
                        : `${formatNumber(replayed)} dead ${replayed === 1 ? 'letter was' : 'letters were'} queued again.`,
                      'Replay',
                    );
                    close();
                  },
                },
              )
            }
          >
            Replay
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** Messages that could not be delivered, with a replay per message and for everything since a time. */
export function DeadLetters({ destinationId, canReplay }: { destinationId: string; canReplay: boolean }) {
  const [limit, setLimit] = useState(25);
  const paging = usePagedCursor();
  const [replayingSince, setReplayingSince] = useState(false);
  const replay = useReplayDeadLetter();
  const letters = useQuery({
    ...destinationsQueries.deadLetters(destinationId, {
      limit,
      sort: '-deadAt',
      includeTotal: 'true',
      ...(paging.cursor && { cursor: paging.cursor }),
    }),
    refetchInterval: paging.page === 1 ? REFRESH_MS : false,
  });

  const columns: DataTableColumn<DeadLetter>[] = [
    { id: 'deadAt', header: 'Given up', width: 190, cell: (d) => <TimeCell iso={d.deadAt} /> },
    {
      id: 'device',
      header: 'Device',
      width: 120,
      cell: (d) => (
        <Anchor component={Link} to={`/devices/${d.deviceId}`} size="sm">
          Open device
        </Anchor>
      ),
    },
    { id: 'attempts', header: 'Attempts', align: 'right', width: 90, cell: (d) => d.attempts },
    {
      id: 'last',
      header: 'Last answer',
      cell: (d) => (
        <Group gap="xs" wrap="nowrap">
          <HttpStatus status={d.lastStatus} />
          {attemptError(d.lastError, d.lastStatus) && (
            <Text size="sm" c="red" lineClamp={1}>
              {attemptError(d.lastError, d.lastStatus)}
            </Text>
          )}
        </Group>
      ),
    },
    { id: 'createdAt', header: 'Queued', width: 190, cell: (d) => <TimeCell iso={d.createdAt} /> },
  ];
  if (canReplay)
    columns.push({
      id: 'actions',
      header: '',
      align: 'right',
      width: 110,
      cell: (d) => (
        <Button
          size="compact-sm"
          variant="light"
          leftSection={<IconRefresh size={14} />}
          loading={replay.isPending && replay.variables?.deliveryId === d.id}
          aria-label={`Replay the message given up at ${formatTime(d.deadAt)}`}
          onClick={() =>
            replay.mutate(
              { destinationId, deliveryId: d.id },
              { onSuccess: () => notifySuccess('The message is queued for delivery again.', 'Replay') },
            )
          }
        >
          Replay
        </Button>
      ),
    });

  return (
    <SectionCard
      title="Dead letters"
      description="Messages given up after every retry, or refused by the receiver with a 4xx."
      actions={
        canReplay && (
          <Button
            size="xs"
            variant="default"
            leftSection={<IconHistory size={14} />}
            aria-haspopup="dialog"
            onClick={() => setReplayingSince(true)}
          >
            Replay all since…
          </Button>
        )
      }
    >
      <Stack gap="xs">
        {(letters.isError || replay.isError) && (
          <Text size="sm" c="red" role="alert">
            {errorMessage(letters.error ?? replay.error)}
          </Text>
        )}
        <DataTable<DeadLetter>
          label="Dead letters"
          columns={columns}
          data={letters.data?.data}
          getRowId={(d) => d.id}
          fetching={letters.isPlaceholderData}
          empty={{ message: 'No dead letters: every message was delivered or is still being retried.' }}
          pagination={{
            pageSize: limit,
            pageSizeOptions: [10, 25, 50, 100],
            onPageSizeChange: (size) => {
              setLimit(size);
              paging.reset();
            },
            hasPrev: letters.data?.links.prev != null,
            hasNext: letters.data?.links.next != null,
            onPrev: () => paging.prev(cursorFromLink(letters.data?.links.prev)),
            onNext: () => paging.next(cursorFromLink(letters.data?.links.next)),
            offset: (paging.page - 1) * limit,
            total: letters.data?.meta?.total,
          }}
        />
      </Stack>
      {replayingSince && (
        <ReplaySinceDialog destinationId={destinationId} opened onClose={() => setReplayingSince(false)} />
      )}
    </SectionCard>
  );
}
