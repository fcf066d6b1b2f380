import { Button } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import type { Sim } from '@openthings/domain';
import { DataTable, type DataTableEmptyState, ErrorState, PageHeader } from '@openthings/ui';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useNavigate } from 'react-router';
import { hasPermission } from '../../features/auth/auth.api.ts';
import { useSessionUser } from '../../features/auth/session-context.tsx';
import { simColumns } from '../../features/connectivity/sim-columns.tsx';
import {
  SIM_LIST,
  simColumnChoices,
  simExportHref,
  simFilters,
  simListQuery,
} from '../../features/connectivity/sim-list.ts';
import { simsQueries } from '../../features/connectivity/sims.api.ts';
import { viewsQueries } from '../../features/views/views.api.ts';
import { errorMessage } from '../../lib/error-messages.ts';
import { useListUrlState } from '../../lib/list-url.ts';
import { filteredEmpty, ListTableFrame, listPagination, useListSearch } from '../list-table-frame.tsx';
import { useCheckedProjectScope, useChooseProject } from '../project-scope.ts';

export function SimsPage() {
  useDocumentTitle('M2M SIMs · OpenThings');
  const user = useSessionUser();
  if (!hasPermission(user, 'connectivity:read')) {
    return (
      <>
        <PageHeader title="M2M SIMs" />
        <ErrorState title="No access" message="Your roles do not include viewing connectivity." />
      </>
    );
  }
  return <SimsTable />;
}

function SimsTable() {
  const navigate = useNavigate();
  const { scope, projects } = useCheckedProjectScope();
  const list = useListUrlState(SIM_LIST);
  const { state } = list;
  // Without a view in the address the user's default view may take over: wait for the views first.
  const views = useQuery(viewsQueries.list('sims'));
  const sims = useQuery({
    ...simsQueries.list(simListQuery(state, scope)),
    enabled: list.hasViewState || !views.isPending,
  });
  const search = useListSearch(list);

  const filters = useMemo(() => simFilters(projects, scope !== null), [projects, scope]);
  const columns = useMemo(() => simColumns((id) => projects?.find((p) => p.id === id)?.name), [projects]);
  const scopeName = scope ? projects?.find((p) => p.id === scope)?.name : undefined;
  const empty = useSimsEmptyState(scopeName, sims.data?.data.length === 0 && !search.filtered);

  return (
    <>
      <PageHeader
        title="M2M SIMs"
        description={`SIMs${scopeName ? ` of ${scopeName}` : ' of this account'}, as last synchronised with the carrier's control centre. Opening one reads it fresh.`}
      />
      <ListTableFrame
        label="SIMs"
        table="sims"
        config={SIM_LIST}
        list={list}
        search={search}
        searchInput={{
          'aria-label': 'Search SIMs',
          placeholder: 'Search ICCID or IMEI digits',
          inputMode: 'numeric',
        }}
        filters={filters}
        columns={simColumnChoices}
        exportHref={(format) => simExportHref(state, scope, format)}
      >
        {sims.isError && !sims.data ? (
          <ErrorState
            message={errorMessage(sims.error)}
            onRetry={() => sims.refetch()}
            retrying={sims.isFetching}
          />
        ) : (
          <DataTable<Sim>
            label="SIMs"
            columns={columns}
            visibleColumns={state.columns}
            data={sims.data?.data}
            getRowId={(s) => s.id}
            sort={state.sort}
            onSortChange={list.setSort}
            fetching={sims.isPlaceholderData}
            onRowActivate={(s) => navigate(`/connectivity/sims/${s.id}`)}
            getRowLabel={(s) => `Open SIM ${s.iccid}`}
            pagination={listPagination(list, sims.data)}
            empty={
              search.filtered
                ? filteredEmpty(
                    scopeName
                      ? `No SIMs of ${scopeName} match the search and filters`
                      : 'No SIMs match the search and filters',
                    search,
                  )
                : empty
            }
          />
        )}
      </ListTableFrame>
    </>
  );
}

/**
 * With a project chosen the table holds that project's SIMs (PRODUCT §2: data narrows to the project);
 * SIMs of other projects and SIMs in no project are not "missing from the account", so the empty table
 * says so, counts them, and offers to work across all projects (which clears the picker, on request).
 */
function useSimsEmptyState(scopeName: string | undefined, empty: boolean): DataTableEmptyState {
  const chooseProject = useChooseProject();
  const scoped = scopeName !== undefined;
  const account = useQuery({
    ...simsQueries.list({ sort: 'iccid', limit: 1, includeTotal: 'true' }),
    enabled: scoped && empty,
  });
  if (!scoped) {
    return { message: 'No SIMs in this account yet. SIMs appear here once the carrier delivers them.' };
  }
  const total = account.data?.meta?.total;
  return {
    message: `No SIMs in ${scopeName}`,
    description:
      total === undefined
        ? 'SIMs of other projects, and SIMs in no project, are listed when you work across all projects.'
        : total === 0
          ? 'This account has no SIMs yet. SIMs appear here once the carrier delivers them.'
          : `This account has ${total} ${total === 1 ? 'SIM' : 'SIMs'} in other projects or in no project.`,
    action:
      total === 0 ? undefined : (
        <Button variant="default" onClick={() => chooseProject(null)}>
          Show SIMs of all projects
        </Button>
      ),
  };
}
