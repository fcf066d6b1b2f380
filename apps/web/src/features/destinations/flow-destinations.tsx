import { Alert, Anchor, Button, Group, Select, Stack, Text } from '@mantine/core';
import type { Destination } from '@openthings/domain';
import { LinkedTable, notifySuccess, SectionCard } from '@openthings/ui';
import { IconInbox, IconLink, IconSend } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { errorMessage } from '../../lib/error-messages.ts';
import { UnlinkDialog } from '../../lib/unlink-dialog.tsx';
import { DestinationKindBadge, DestinationStatus } from './destination-labels.tsx';
import { destinationsQueries, useCreateDestination, useLinkDestination } from './destinations.api.ts';

export interface FlowDestinationsProps {
  flow: { id: string; name: string };
  /** May link and unlink (flows:write). */
  canLink: boolean;
  /** May create destinations (destinations:write). */
  canCreate: boolean;
}

/** Every destination, to offer for linking: a customer has a handful, one page of 500 covers them. */
const ALL = { sort: 'name', limit: 500 } as const;

/** Where a flow's data goes: its destinations, link and unlink, and a test endpoint in one click. */
export function FlowDestinations({ flow, canLink, canCreate }: FlowDestinationsProps) {
  const linked = useQuery(destinationsQueries.ofFlow(flow.id));
  const all = useQuery({ ...destinationsQueries.list(ALL), enabled: canLink });
  const link = useLinkDestination();
  const unlink = useLinkDestination();
  const create = useCreateDestination();
  const [destinationId, setDestinationId] = useState<string | null>(null);
  const [leaving, setLeaving] = useState<Destination | null>(null);
  const offered = (all.data?.data ?? []).filter((d) => !linked.data?.some((l) => l.id === d.id));
  const failure = link.error ?? create.error;

  const linkTo = (destination: Destination, message: string) =>
    link.mutate(
      { flowId: flow.id, destinationId: destination.id, link: true },
      {
        onSuccess: () => {
          notifySuccess(message);
          setDestinationId(null);
        },
      },
    );

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const destination = offered.find((d) => d.id === destinationId);
    if (destination) linkTo(destination, `The data of ${flow.name} now goes to ${destination.name}.`);
  };

  const createTestEndpoint = () => {
    link.reset();
    create.mutate(
      { kind: 'TEST', name: `Test endpoint · ${flow.name}`.slice(0, 100), description: '' },
      {
        onSuccess: ({ destination }) =>
          linkTo(destination, `${destination.name} was created and receives the data of ${flow.name}.`),
      },
    );
  };

  return (
    <SectionCard
      title="Destinations"
      description="Every uplink this flow decodes is delivered to each of them."
      actions={
        canLink &&
        canCreate && (
          <Button
            size="xs"
            variant="light"
            leftSection={<IconInbox size={14} />}
            loading={create.isPending}
            onClick={createTestEndpoint}
          >
            Create test endpoint
          </Button>
        )
      }
    >
      <Stack gap="sm">
        {failure && (
          <Alert color="red" variant="light" role="alert">
            {errorMessage(failure)}
          </Alert>
        )}
        {linked.isError ? (
          <Text size="sm" c="red" role="alert">
            {errorMessage(linked.error)}
          </Text>
        ) : (
          <LinkedTable
            label="Destinations of the flow"
            rows={linked.data}
            loadingText="Loading destinations…"
            empty={{
              icon: <IconSend size={22} stroke={1.5} />,
              title: 'No destinations',
              description: 'The data is decoded and kept in the device history, but sent nowhere.',
            }}
            columns={[
              {
                header: 'Destination',
                cell: (d) => (
                  <Anchor component={Link} to={`/destinations/${d.id}`} size="sm" fw={500}>
                    {d.name}
                  </Anchor>
                ),
              },
              { header: 'Kind', cell: (d) => <DestinationKindBadge kind={d.kind} /> },
              { header: 'Status', cell: (d) => <DestinationStatus destination={d} /> },
            ]}
            unlink={canLink ? { label: (d) => `Unlink ${d.name}`, onClick: setLeaving } : undefined}
          />
        )}
        {canLink && (
          <form onSubmit={submit} noValidate aria-label="Link a destination">
            <Group align="flex-end" gap="xs" wrap="wrap">
              <Select
                label="Link a destination"
                placeholder={
                  all.isPending
                    ? 'Loading destinations…'
                    : offered.length === 0
                      ? 'No other destinations'
                      : 'Choose'
                }
                data={offered.map((d) => ({ value: d.id, label: d.name }))}
                value={destinationId}
                onChange={setDestinationId}
                searchable
                disabled={offered.length === 0}
                nothingFoundMessage="No matching destination"
                style={{ flex: '1 1 240px' }}
              />
              <Button
                type="submit"
                leftSection={<IconLink size={14} />}
                disabled={!destinationId}
                loading={link.isPending && !create.isPending}
              >
                Link
              </Button>
            </Group>
          </form>
        )}
      </Stack>
      <UnlinkDialog
        item={leaving}
        title="Unlink destination"
        message={`New data of ${flow.name} no longer goes to ${leaving?.name ?? 'the destination'}.`}
        unlink={unlink}
        variables={(d) => ({ flowId: flow.id, destinationId: d.id, link: false })}
        done={(d) => `${d.name} no longer receives the data of ${flow.name}.`}
        onClose={() => setLeaving(null)}
      />
    </SectionCard>
  );
}
