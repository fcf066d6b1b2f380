import { Badge, Group, Stack, Text } from '@mantine/core';
import { EmptyState } from '@openthings/ui';
import { IconSend } from '@tabler/icons-react';

export interface SendEntry {
  id: number;
  at: Date;
  /** What was sent, in a few words. */
  summary: string;
  ok: boolean;
  status: number | null;
  /** The uplink id on success; the problem on failure. */
  text: string;
}

const timeFormat = new Intl.DateTimeFormat(undefined, { timeStyle: 'medium' });

/** The last sends of this page, newest first. */
export function SendLog({ entries }: { entries: readonly SendEntry[] }) {
  if (entries.length === 0)
    return (
      <EmptyState
        compact
        icon={<IconSend size={22} stroke={1.5} />}
        title="Nothing sent yet"
        description="Pick a sensor and press Send."
      />
    );
  return (
    <Stack gap={0} component="ol" m={0} p={0} aria-label="Sent messages">
      {entries.map((e) => (
        <Stack
          key={e.id}
          component="li"
          gap={2}
          py={6}
          style={{ borderBottom: '1px solid var(--mantine-color-gray-2)', listStyle: 'none' }}
        >
          <Group justify="space-between" gap="xs" wrap="nowrap">
            <Text size="sm" fw={500}>
              {timeFormat.format(e.at)}
            </Text>
            <Badge color={e.ok ? 'green' : 'red'}>{e.status ?? 'No answer'}</Badge>
          </Group>
          <Text size="xs" c="dimmed">
            {e.summary}
          </Text>
          <Text
            size="xs"
            className="ot-mono"
            c={e.ok ? undefined : 'red.8'}
            style={{ overflowWrap: 'anywhere' }}
          >
            {e.text}
          </Text>
        </Stack>
      ))}
    </Stack>
  );
}
