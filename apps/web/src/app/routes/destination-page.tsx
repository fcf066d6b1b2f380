import { Badge, Button, Group, SimpleGrid, Stack, Tabs } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import type { Destination } from '@openthings/domain';
import { notifySuccess, PageHeader, PageLoader } from '@openthings/ui';
import { IconPencil, IconTrash } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { hasPermission } from '../../features/auth/auth.api.ts';
import { useSessionUser } from '../../features/auth/session-context.tsx';
import { DeadLetters } from '../../features/destinations/dead-letters.tsx';
import { DeliveryLog } from '../../features/destinations/delivery-log.tsx';
import { DestinationFlows } from '../../features/destinations/destination-flows.tsx';
import {
  DestinationKindBadge,
  DestinationStatusBadge,
} from '../../features/destinations/destination-labels.tsx';
import {
  DestinationConfiguration,
  DestinationProcessing,
} from '../../features/destinations/destination-overview.tsx';
import { DestinationSpec } from '../../features/destinations/destination-spec.tsx';
import { destinationTarget } from '../../features/destinations/destination-table.tsx';
import { destinationsQueries, useDeleteDestination } from '../../features/destinations/destinations.api.ts';
import { TestInbox } from '../../features/destinations/test-inbox.tsx';
import { flowsQueries } from '../../features/flows/flows.api.ts';
import { ConfirmMutation } from '../../lib/confirm-mutation.tsx';
import { RecordLoadError } from '../../lib/record-load-error.tsx';
import { useTabParam } from '../../lib/tab-param.ts';
import { destinationsBack } from './destination-new-page.tsx';

const TABS = ['overview', 'inbox', 'log', 'dead-letters', 'specification'] as const;
type Tab = (typeof TABS)[number];

/** The number of dead letters, for the tab: a reason to look. */
function useDeadLetterCount(id: string) {
  const count = useQuery({
    ...destinationsQueries.deadLetters(id, { limit: 1, includeTotal: 'true' }),
    refetchInterval: 10_000,
  });
  return count.data?.meta?.total;
}

export function DestinationPage() {
  const { destinationId = '' } = useParams();
  const destination = useQuery(destinationsQueries.detail(destinationId));
  useDocumentTitle(destination.data ? `${destination.data.name} · OpenThings` : 'Destination · OpenThings');

  if (destination.isError) {
    return (
      <RecordLoadError title="Destination" back={destinationsBack} noun="destination" query={destination} />
    );
  }
  if (!destination.data) return <PageLoader label="Loading destination" />;
  return <DestinationDetail destination={destination.data} />;
}

function DestinationDetail({ destination: d }: { destination: Destination }) {
  const user = useSessionUser();
  const navigate = useNavigate();
  const tabs = useTabParam<Tab>('overview');
  const flows = useQuery({ ...flowsQueries.list(null), enabled: hasPermission(user, 'flows:read') });
  const deadLetters = useDeadLetterCount(d.id);
  const remove = useDeleteDestination();
  const [confirmDelete, setConfirmDelete] = useState(false);
  const canWrite = hasPermission(user, 'destinations:write');

  const available: Tab[] = TABS.filter((t) => t !== 'inbox' || d.kind === 'TEST');
  const tab = tabs.current(available);

  return (
    <>
      <PageHeader
        back={destinationsBack}
        title={d.name}
        badge={<DestinationStatusBadge destination={d} />}
        description={
          <Group component="span" gap={8} wrap="wrap">
            <DestinationKindBadge kind={d.kind} />
            <span className={d.kind === 'TEST' ? undefined : 'ot-mono'} style={{ overflowWrap: 'anywhere' }}>
              {destinationTarget(d)}
            </span>
          </Group>
        }
        actions={
          <>
            {canWrite && (
              <Button
                component={Link}
                to={`/destinations/${d.id}/edit`}
                variant="default"
                leftSection={<IconPencil size={16} />}
              >
                Edit
              </Button>
            )}
            {hasPermission(user, 'destinations:delete') && (
              <Button
                variant="default"
                color="red"
                leftSection={<IconTrash size={16} />}
                aria-haspopup="dialog"
                onClick={() => setConfirmDelete(true)}
              >
                Delete
              </Button>
            )}
          </>
        }
      />
      <Tabs value={tab} onChange={tabs.set} keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="overview">Overview</Tabs.Tab>
          {d.kind === 'TEST' && <Tabs.Tab value="inbox">Inbox</Tabs.Tab>}
          <Tabs.Tab value="log">Delivery log</Tabs.Tab>
          <Tabs.Tab
            value="dead-letters"
            rightSection={
              deadLetters ? (
                <Badge
                  size="xs"
                  color="red"
                  variant="filled"
                  circle={deadLetters < 10}
                  aria-label={`${deadLetters} dead letters`}
                >
                  {deadLetters}
                </Badge>
              ) : undefined
            }
          >
            Dead letters
          </Tabs.Tab>
          <Tabs.Tab value="specification">Specification</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="overview">
          <Stack gap="md">
            <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
              <DestinationProcessing destination={d} canWrite={canWrite} />
              <DestinationConfiguration destination={d} canWrite={canWrite} />
            </SimpleGrid>
            <DestinationFlows
              destination={d}
              flows={flows.data}
              canLink={hasPermission(user, 'flows:write')}
            />
          </Stack>
        </Tabs.Panel>
        {d.kind === 'TEST' && (
          <Tabs.Panel value="inbox">
            <TestInbox destinationId={d.id} />
          </Tabs.Panel>
        )}
        <Tabs.Panel value="log">
          <DeliveryLog destinationId={d.id} />
        </Tabs.Panel>
        <Tabs.Panel value="dead-letters">
          <DeadLetters destinationId={d.id} canReplay={canWrite} />
        </Tabs.Panel>
        <Tabs.Panel value="specification">
          <DestinationSpec destination={d} />
        </Tabs.Panel>
      </Tabs>
      <ConfirmMutation
        item={confirmDelete ? d : null}
        title="Delete destination"
        message={`"${d.name}" is deleted with its links to flows, its delivery log and its dead letters. This cannot be undone.`}
        confirmLabel="Delete destination"
        mutation={remove}
        variables={(destination) => destination.id}
        onDone={(destination) => {
          notifySuccess(`"${destination.name}" was deleted.`, 'Destination deleted');
          navigate('/destinations', { replace: true });
        }}
        onClose={() => setConfirmDelete(false)}
      />
    </>
  );
}
