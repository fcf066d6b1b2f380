import { Alert, Anchor, Button, Group, Select, Stack } from '@mantine/core';
import type { Destination, Flow } from '@openthings/domain';
import { LinkedTable, notifySuccess, SectionCard } from '@openthings/ui';
import { IconLink, IconRoute } from '@tabler/icons-react';
import { useQueries } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { errorMessage } from '../../lib/error-messages.ts';
import { UnlinkDialog } from '../../lib/unlink-dialog.tsx';
import { destinationsQueries, useLinkDestination } from './destinations.api.ts';

export interface DestinationFlowsProps {
  destination: Destination;
  /** Every flow the user can see; `undefined` while they load. */
  flows: readonly Flow[] | undefined;
  canLink: boolean;
}

/**
 * The flows whose data goes to this destination. The API lists destinations per flow, not flows per
 * destination, so the flows are asked one by one; a customer has a handful.
 */
function useLinkedFlows(destination: Destination, flows: readonly Flow[] | undefined) {
  const asked = destination.flowCount > 0 ? (flows ?? []) : [];
  return useQueries({
    queries: asked.map((flow) => destinationsQueries.ofFlow(flow.id)),
    combine: (results) => {
      if (flows === undefined) return undefined;
      if (destination.flowCount === 0) return [];
      if (results.some((r) => r.data === undefined)) return undefined;
      return asked.filter((_, i) => results[i]?.data?.some((d) => d.id === destination.id));
    },
  });
}

export function DestinationFlows({ destination, flows, canLink }: DestinationFlowsProps) {
  const linked = useLinkedFlows(destination, flows);
  const link = useLinkDestination();
  const unlink = useLinkDestination();
  const [flowId, setFlowId] = useState<string | null>(null);
  const [leaving, setLeaving] = useState<Flow | null>(null);
  const offered = (flows ?? []).filter((f) => !linked?.some((l) => l.id === f.id));

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const flow = flows?.find((f) => f.id === flowId);
    if (!flow) return;
    link.mutate(
      { flowId: flow.id, destinationId: destination.id, link: true },
      {
        onSuccess: () => {
          notifySuccess(`The data of ${flow.name} now goes to ${destination.name}.`);
          setFlowId(null);
        },
      },
    );
  };

  return (
    <SectionCard title="Linked flows" description="Every uplink these flows decode is delivered here.">
      <Stack gap="sm">
        <LinkedTable
          label="Linked flows"
          rows={linked}
          loadingText="Loading flows…"
          empty={{
            icon: <IconRoute size={22} stroke={1.5} />,
            title: 'In no flow yet',
            description: "Link a flow: its devices' data then arrives here.",
          }}
          columns={[
            {
              header: 'Flow',
              cell: (flow) => (
                <Anchor component={Link} to={`/flows/${flow.id}`} size="sm" fw={500}>
                  {flow.name}
                </Anchor>
              ),
            },
            { header: 'Project', cell: (flow) => flow.projectName },
            { header: 'Devices', cell: (flow) => flow.deviceCount, align: 'right' },
          ]}
          unlink={canLink ? { label: (flow) => `Unlink ${flow.name}`, onClick: setLeaving } : undefined}
        />
        {canLink && (
          <form onSubmit={submit} noValidate aria-label="Link a flow">
            <Stack gap="xs">
              {link.isError && (
                <Alert color="red" variant="light" role="alert">
                  {errorMessage(link.error)}
                </Alert>
              )}
              <Group align="flex-end" gap="xs" wrap="wrap">
                <Select
                  label="Link a flow"
                  placeholder={offered.length === 0 ? 'No other flows' : 'Choose a flow'}
                  data={offered.map((f) => ({ value: f.id, label: `${f.name} · ${f.projectName}` }))}
                  value={flowId}
                  onChange={setFlowId}
                  searchable
                  nothingFoundMessage="No matching flow"
                  style={{ flex: '1 1 260px' }}
                />
                <Button
                  type="submit"
                  leftSection={<IconLink size={14} />}
                  disabled={!flowId}
                  loading={link.isPending}
                >
                  Link
                </Button>
              </Group>
            </Stack>
          </form>
        )}
      </Stack>
      <UnlinkDialog
        item={leaving}
        title="Unlink flow"
        message={`New data of ${leaving?.name ?? 'the flow'} no longer goes to ${destination.name}.`}
        unlink={unlink}
        variables={(flow) => ({ flowId: flow.id, destinationId: destination.id, link: false })}
        done={(flow) => `${flow.name} was unlinked from ${destination.name}.`}
        onClose={() => setLeaving(null)}
      />
    </SectionCard>
  );
}
