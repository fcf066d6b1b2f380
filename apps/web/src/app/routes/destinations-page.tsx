import { Button } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { ErrorState, PageHeader } from '@openthings/ui';
import { IconPlus } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router';
import { hasPermission } from '../../features/auth/auth.api.ts';
import { useSessionUser } from '../../features/auth/session-context.tsx';
import { DestinationTable } from '../../features/destinations/destination-table.tsx';
import { destinationsQueries } from '../../features/destinations/destinations.api.ts';
import { cursorFromLink } from '../../lib/api.ts';
import { errorMessage } from '../../lib/error-messages.ts';
import { type TableUrlDefaults, useTableUrlState } from '../../lib/table-url.ts';

const TABLE: TableUrlDefaults = {
  sort: { id: 'name', desc: false },
  sortable: ['name', 'createdAt'],
};

export function DestinationsPage() {
  useDocumentTitle('Destinations · OpenThings');
  const user = useSessionUser();
  const navigate = useNavigate();
  const table = useTableUrlState(TABLE);
  const canRead = hasPermission(user, 'destinations:read');
  const canWrite = hasPermission(user, 'destinations:write');
  const destinations = useQuery({
    ...destinationsQueries.list({ ...table.query, includeTotal: 'true' }),
    enabled: canRead,
  });
  const create = canWrite && (
    <Button component={Link} to="/destinations/new" leftSection={<IconPlus size={16} />}>
      Add destination
    </Button>
  );

  return (
    <>
      <PageHeader
        title="Destinations"
        description="Where the data of your flows goes: your HTTPS endpoints, MQTT brokers and test endpoints."
        actions={create}
      />
      {!canRead ? (
        <ErrorState title="No access" message="Your roles do not include viewing destinations." />
      ) : destinations.isError && !destinations.data ? (
        <ErrorState
          message={errorMessage(destinations.error)}
          onRetry={() => destinations.refetch()}
          retrying={destinations.isFetching}
        />
      ) : (
        <DestinationTable
          page={destinations.data}
          fetching={destinations.isPlaceholderData}
          sort={table.state.sort}
          onSortChange={table.setSort}
          pagination={{
            pageSize: table.state.limit,
            onPageSizeChange: table.setLimit,
            offset: (table.state.page - 1) * table.state.limit,
            onNext: () => table.goNext(cursorFromLink(destinations.data?.links.next)),
            onPrev: () => table.goPrev(cursorFromLink(destinations.data?.links.prev)),
          }}
          onOpen={(d) => navigate(`/destinations/${d.id}`)}
          empty={{
            message: 'No destinations yet. Add one, or start with a test endpoint to see what receivers get.',
            action: create || undefined,
          }}
        />
      )}
    </>
  );
}
