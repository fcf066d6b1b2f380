import { useDocumentTitle } from '@mantine/hooks';
import { ErrorState, PageHeader } from '@openthings/ui';
import { useQuery } from '@tanstack/react-query';
import { hasPermission } from '../../features/auth/auth.api.ts';
import { useSessionUser } from '../../features/auth/session-context.tsx';
import { UserTable } from '../../features/users/user-table.tsx';
import { usersQueries } from '../../features/users/users.api.ts';
import { cursorFromLink } from '../../lib/api.ts';
import { errorMessage } from '../../lib/error-messages.ts';
import { type TableUrlDefaults, useTableUrlState } from '../../lib/table-url.ts';

const TABLE: TableUrlDefaults = {
  sort: { id: 'name', desc: false },
  sortable: ['name', 'email', 'createdAt'],
};

export function UsersPage() {
  useDocumentTitle('Users · OpenThings');
  const user = useSessionUser();
  const allowed = hasPermission(user, 'users:read');
  const table = useTableUrlState(TABLE);
  const users = useQuery({
    ...usersQueries.list({ ...table.query, includeTotal: 'true' }),
    enabled: allowed,
  });

  return (
    <>
      <PageHeader title="Users" description={`People who can sign in to ${user.actingCustomer.name}.`} />
      {!allowed ? (
        <ErrorState title="No access" message="Only administrators can see the users of this organization." />
      ) : users.isError && !users.data ? (
        <ErrorState
          message={errorMessage(users.error)}
          onRetry={() => users.refetch()}
          retrying={users.isFetching}
        />
      ) : (
        <UserTable
          page={users.data}
          fetching={users.isPlaceholderData}
          sort={table.state.sort}
          onSortChange={table.setSort}
          pagination={{
            pageSize: table.state.limit,
            onPageSizeChange: table.setLimit,
            offset: (table.state.page - 1) * table.state.limit,
            onNext: () => table.goNext(cursorFromLink(users.data?.links.next)),
            onPrev: () => table.goPrev(cursorFromLink(users.data?.links.prev)),
          }}
        />
      )}
    </>
  );
}
