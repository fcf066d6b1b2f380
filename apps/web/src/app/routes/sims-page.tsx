import { Button, TextInput } from '@mantine/core';
import { useDebouncedCallback, useDocumentTitle } from '@mantine/hooks';
import type { Sim } from '@openthings/domain';
import {
  ColumnChooser,
  DataTable,
  ErrorState,
  ExportMenu,
  FilterChips,
  FilterPanel,
  isActive,
  PageHeader,
  TableFrame,
} from '@openthings/ui';
import { IconSearch } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
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
import { SavedViews } from '../../features/views/saved-views.tsx';
import { viewsQueries } from '../../features/views/views.api.ts';
import { cursorFromLink } from '../../lib/api.ts';
import { errorMessage } from '../../lib/error-messages.ts';
import { useListUrlState } from '../../lib/list-url.ts';
import { useCheckedProjectScope } from '../project-scope.ts';

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
  const [fullScreen, setFullScreen] = useState(false);
  const [search, setSearch] = useState(state.q);
  const commitSearch = useDebouncedCallback((q: string) => list.setQ(q.trim()), 300);
  useEffect(() => setSearch(state.q), [state.q]);

  const filters = useMemo(() => simFilters(projects, scope !== null), [projects, scope]);
  const columns = useMemo(() => simColumns((id) => projects?.find((p) => p.id === id)?.name), [projects]);
  const scopeName = scope ? projects?.find((p) => p.id === scope)?.name : undefined;
  const filtered = state.q !== '' || Object.values(state.filters).some(isActive);

  return (
    <>
      <PageHeader
        title="M2M SIMs"
        description={`SIMs${scopeName ? ` of ${scopeName}` : ' of this account'}, as last synchronised with the carrier's control centre. Opening one reads it fresh.`}
      />
      <TableFrame
        label="SIMs"
        fullScreen={fullScreen}
        onFullScreenChange={setFullScreen}
        tools={
          <>
            <TextInput
              aria-label="Search SIMs"
              placeholder="Search ICCID or IMEI digits"
              inputMode="numeric"
              leftSection={<IconSearch size={16} />}
              value={search}
              onChange={(event) => {
                setSearch(event.currentTarget.value);
                commitSearch(event.currentTarget.value);
              }}
              w={{ base: '100%', xs: 280 }}
            />
            <FilterPanel filters={filters} value={state.filters} onApply={list.setFilters} />
          </>
        }
        actions={
          <>
            <SavedViews
              table="sims"
              config={SIM_LIST}
              state={state}
              hasViewState={list.hasViewState}
              applyView={list.applyView}
              backToMain={list.backToMain}
              setView={list.setView}
            />
            <ColumnChooser
              columns={simColumnChoices}
              value={state.columns}
              onChange={list.setColumns}
              onReset={() => list.setColumns([...SIM_LIST.columns.default])}
            />
            <ExportMenu
              formats={[
                { format: 'csv', href: simExportHref(state, scope, 'csv') },
                { format: 'xlsx', href: simExportHref(state, scope, 'xlsx') },
              ]}
            />
          </>
        }
        chips={<FilterChips filters={filters} value={state.filters} onChange={list.setFilters} />}
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
            pagination={{
              pageSize: state.limit,
              onPageSizeChange: list.setLimit,
              offset: (state.page - 1) * state.limit,
              hasPrev: sims.data?.links.prev != null,
              hasNext: sims.data?.links.next != null,
              total: sims.data?.meta?.total,
              onNext: () => list.goNext(cursorFromLink(sims.data?.links.next)),
              onPrev: () => list.goPrev(cursorFromLink(sims.data?.links.prev)),
            }}
            empty={
              filtered
                ? {
                    message: 'No SIMs match the search and filters',
                    action: (
                      <Button
                        variant="default"
                        onClick={() => {
                          setSearch('');
                          list.clearSearchAndFilters();
                        }}
                      >
                        Clear search and filters
                      </Button>
                    ),
                  }
                : { message: 'No SIMs in this account yet. SIMs appear here once the carrier delivers them.' }
            }
          />
        )}
      </TableFrame>
    </>
  );
}
