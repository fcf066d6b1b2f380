import { useDocumentTitle } from '@mantine/hooks';
import { ErrorState, PageHeader } from '@openthings/ui';
import { useQuery } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { hasPermission } from '../../features/auth/auth.api.ts';
import { useSessionUser } from '../../features/auth/session-context.tsx';
import { flowDetailQueries } from '../../features/flows/flow-detail.api.ts';
import { FlowTable } from '../../features/flows/flow-table.tsx';
import { cursorFromLink } from '../../lib/api.ts';
import { errorMessage } from '../../lib/error-messages.ts';
import { type TableUrlDefaults, useTableUrlState } from '../../lib/table-url.ts';
import { useCheckedProjectScope } from '../project-scope.ts';

const TABLE: TableUrlDefaults = {
  sort: { id: 'name', desc: false },
  sortable: ['name', 'createdAt', 'modifiedAt'],
};

export function FlowsPage() {
  useDocumentTitle('Flows · OpenThings');
  const user = useSessionUser();
  const navigate = useNavigate();
  const { scope, projects } = useCheckedProjectScope();
  const table = useTableUrlState(TABLE);
  const canRead = hasPermission(user, 'flows:read');
  const flows = useQuery({
    ...flowDetailQueries.page({ ...table.query, includeTotal: 'true', ...(scope && { projectId: scope }) }),
    enabled: canRead,
  });
  const projectName = projects?.find((p) => p.id === scope)?.name;

  return (
    <>
      <PageHeader
        title="Flows"
        description={
          projectName
            ? `The flows of ${projectName}: which devices' data is decoded and where it goes.`
            : 'A flow links devices, the decoders of their types and the destinations of their data.'
        }
      />
      {!canRead ? (
        <ErrorState title="No access" message="Your roles do not include viewing flows." />
      ) : flows.isError && !flows.data ? (
        <ErrorState
          message={errorMessage(flows.error)}
          onRetry={() => flows.refetch()}
          retrying={flows.isFetching}
        />
      ) : (
        <FlowTable
          page={flows.data}
          fetching={flows.isPlaceholderData}
          sort={table.state.sort}
          onSortChange={table.setSort}
          pagination={{
            pageSize: table.state.limit,
            onPageSizeChange: table.setLimit,
            offset: (table.state.page - 1) * table.state.limit,
            onNext: () => table.goNext(cursorFromLink(flows.data?.links.next)),
            onPrev: () => table.goPrev(cursorFromLink(flows.data?.links.prev)),
          }}
          onOpen={(flow) => navigate(`/flows/${flow.id}`)}
        />
      )}
    </>
  );
}
