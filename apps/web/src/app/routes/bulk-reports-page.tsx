import { Button } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { ErrorState, PageHeader } from '@openthings/ui';
import { IconFileUpload } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router';
import { hasPermission } from '../../features/auth/auth.api.ts';
import { useSessionUser } from '../../features/auth/session-context.tsx';
import { bulkQueries } from '../../features/devices/bulk/bulk.api.ts';
import { BulkReportsTable } from '../../features/devices/bulk/bulk-reports-table.tsx';
import { cursorFromLink } from '../../lib/api.ts';
import { errorMessage } from '../../lib/error-messages.ts';
import { type TableUrlDefaults, useTableUrlState } from '../../lib/table-url.ts';
import { useCheckedProjectScope } from '../project-scope.ts';

const TABLE: TableUrlDefaults = { sort: { id: 'createdAt', desc: true }, sortable: ['createdAt'] };

export function BulkReportsPage() {
  useDocumentTitle('Bulk reports · OpenThings');
  const user = useSessionUser();
  const navigate = useNavigate();
  const allowed = hasPermission(user, 'devices:read');
  const { scope } = useCheckedProjectScope();
  const table = useTableUrlState(TABLE);
  const reports = useQuery({
    ...bulkQueries.list({ ...table.query, includeTotal: 'true', ...(scope && { projectId: scope }) }),
    enabled: allowed,
  });
  const upload = hasPermission(user, 'devices:write') ? (
    <Button component={Link} to="/devices/bulk" leftSection={<IconFileUpload size={16} />}>
      Bulk by CSV
    </Button>
  ) : undefined;

  return (
    <>
      <PageHeader
        title="Bulk reports"
        description="Every upload of devices by CSV: what was created, what failed and why."
        actions={upload}
      />
      {!allowed ? (
        <ErrorState title="No access" message="Your roles do not include viewing devices." />
      ) : reports.isError && !reports.data ? (
        <ErrorState
          message={errorMessage(reports.error)}
          onRetry={() => reports.refetch()}
          retrying={reports.isFetching}
        />
      ) : (
        <BulkReportsTable
          page={reports.data}
          fetching={reports.isPlaceholderData}
          sort={table.state.sort}
          onSortChange={table.setSort}
          pagination={{
            pageSize: table.state.limit,
            onPageSizeChange: table.setLimit,
            offset: (table.state.page - 1) * table.state.limit,
            onNext: () => table.goNext(cursorFromLink(reports.data?.links.next)),
            onPrev: () => table.goPrev(cursorFromLink(reports.data?.links.prev)),
          }}
          onOpen={(report) => navigate(`/devices/bulk-reports/${report.id}`)}
          emptyAction={upload}
        />
      )}
    </>
  );
}
