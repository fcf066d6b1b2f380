import { Badge, Group, Stack, Text, Tooltip } from '@mantine/core';
import { type Destination, type DestinationKind, destinationKindLabels } from '@openthings/domain';
import { IconInbox, IconServer, IconWorldUpload } from '@tabler/icons-react';
import type { ReactNode } from 'react';

const kindIcons: Record<DestinationKind, ReactNode> = {
  HTTPS: <IconWorldUpload size={12} />,
  TEST: <IconInbox size={12} />,
  MQTT: <IconServer size={12} />,
};

const kindColors: Record<DestinationKind, string> = { HTTPS: 'brand', TEST: 'grape', MQTT: 'cyan' };

export function DestinationKindBadge({ kind }: { kind: DestinationKind }) {
  return (
    <Badge component="span" color={kindColors[kind]} leftSection={kindIcons[kind]}>
      {destinationKindLabels[kind]}
    </Badge>
  );
}

/** Active, or Inactive with the reason the platform (or a user) gave. */
export function DestinationStatus({
  destination,
  withReason = true,
}: {
  destination: Pick<Destination, 'status' | 'inactiveReason'>;
  withReason?: boolean;
}) {
  const active = destination.status === 'ACTIVE';
  const label = (
    <span className="ot-device-status">
      <span className="ot-status-dot" data-tone={active ? 'active' : 'off'} aria-hidden />
      {active ? 'Active' : 'Inactive'}
    </span>
  );
  if (active || !destination.inactiveReason || !withReason) return label;
  return (
    <Stack gap={0}>
      {label}
      <Text size="xs" c="dimmed">
        {destination.inactiveReason}
      </Text>
    </Stack>
  );
}

/** The status as a compact badge for page headers, the reason on hover. */
export function DestinationStatusBadge({ destination }: { destination: Destination }) {
  const badge = (
    <Badge color={destination.status === 'ACTIVE' ? 'green' : 'gray'} variant="light">
      {destination.status === 'ACTIVE' ? 'Active' : 'Inactive'}
    </Badge>
  );
  if (destination.status === 'ACTIVE' || !destination.inactiveReason) return badge;
  return (
    <Tooltip label={destination.inactiveReason} withArrow>
      <Group gap={0}>{badge}</Group>
    </Tooltip>
  );
}

/** A receiver's HTTP status as people read it: green 2xx, red otherwise, "No answer" without one. */
export function HttpStatus({ status }: { status: number | null }) {
  if (status === null)
    return (
      <Badge color="gray" variant="outline">
        No answer
      </Badge>
    );
  return <Badge color={status >= 200 && status < 300 ? 'green' : 'red'}>{status}</Badge>;
}

/**
 * An attempt's error worth showing next to its status: the worker writes "HTTP 503" for an answer it
 * did not like, which the status badge already says.
 */
export function attemptError(error: string | null, status: number | null): string | null {
  if (error === null) return null;
  return status !== null && error.trim() === `HTTP ${status}` ? null : error;
}
