import { Button } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import type { Device } from '@openthings/domain';
import { DataTable, ErrorState, PageHeader, SelectionBar } from '@openthings/ui';
import { IconFileUpload, IconPlus } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { hasPermission } from '../../features/auth/auth.api.ts';
import { useSessionUser } from '../../features/auth/session-context.tsx';
import {
  type BulkOutcome,
  BulkOutcomeAlert,
  DeviceBulkActions,
} from '../../features/devices/device-bulk-actions.tsx';
import { deviceColumns } from '../../features/devices/device-columns.tsx';
import {
  DEVICE_LIST,
  deviceColumnChoices,
  deviceExportHref,
  deviceFilters,
  deviceListQuery,
} from '../../features/devices/device-list.ts';
import { devicesQueries } from '../../features/devices/devices.api.ts';
import { FlowSelect } from '../../features/flows/flow-select.tsx';
import { flowsQueries } from '../../features/flows/flows.api.ts';
import { viewsQueries } from '../../features/views/views.api.ts';
import { errorMessage } from '../../lib/error-messages.ts';
import { useListUrlState } from '../../lib/list-url.ts';
import { filteredEmpty, ListTableFrame, listPagination, useListSearch } from '../list-table-frame.tsx';
import { usePreloadPage } from '../page-modules.ts';
import { useCheckedProjectScope } from '../project-scope.ts';

export function DevicesPage() {
  useDocumentTitle('All devices · OpenThings');
  const user = useSessionUser();
  const canRead = hasPermission(user, 'devices:read');
  if (!canRead) {
    return (
      <>
        <PageHeader title="All devices" />
        <ErrorState title="No access" message="Your roles do not include viewing devices." />
      </>
    );
  }
  return <DevicesTable />;
}

function DevicesTable() {
  const user = useSessionUser();
  const navigate = useNavigate();
  const { scope, projects } = useCheckedProjectScope();
  const list = useListUrlState(DEVICE_LIST);
  const { state } = list;
  const query = deviceListQuery(state, scope);
  // Without a view in the address the user's default view may take over: wait for the views first,
  // so the main view's rows do not flash by.
  const views = useQuery(viewsQueries.list('devices'));
  const devices = useQuery({ ...devicesQueries.list(query), enabled: list.hasViewState || !views.isPending });
  const types = useQuery(devicesQueries.types());
  const flows = useQuery({ ...flowsQueries.list(scope), enabled: hasPermission(user, 'flows:read') });
  // Opening a device is what users do next: its page's code is ready before they click.
  usePreloadPage('devices/:deviceId', devices.isSuccess);
  const canWrite = hasPermission(user, 'devices:write');
  const canLink = canWrite && hasPermission(user, 'flows:write');

  const [selected, setSelected] = useState<Set<string>>(() => new Set());
  const [outcome, setOutcome] = useState<BulkOutcome | null>(null);
  const search = useListSearch(list);

  // Selection belongs to the rows on screen: another page, filter or sort starts afresh.
  const queryKey = JSON.stringify(query);
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset whenever the query changes
  useEffect(() => setSelected(new Set()), [queryKey]);

  const filters = useMemo(
    () => deviceFilters({ types: types.data, projects, flows: flows.data, scopeProjectId: scope }),
    [types.data, projects, flows.data, scope],
  );
  const scopeName = scope ? projects?.find((p) => p.id === scope)?.name : undefined;
  const rows = devices.data?.data;
  const selectedDevices: Device[] = (rows ?? []).filter((d) => selected.has(d.id));

  return (
    <>
      <PageHeader
        title="All devices"
        description={scopeName ? `Devices of ${scopeName}.` : 'Devices of every project.'}
        actions={
          canWrite && (
            <>
              <Button
                component={Link}
                to="/devices/bulk"
                variant="default"
                leftSection={<IconFileUpload size={16} />}
              >
                Bulk by CSV
              </Button>
              <Button component={Link} to="/devices/new" leftSection={<IconPlus size={16} />}>
                Add device
              </Button>
            </>
          )
        }
      />
      <ListTableFrame
        label="Devices"
        table="devices"
        config={DEVICE_LIST}
        list={list}
        search={search}
        searchInput={{ 'aria-label': 'Search devices', placeholder: 'Search name or identifier' }}
        filters={filters}
        columns={deviceColumnChoices}
        exportHref={(format) => deviceExportHref(state, scope, format)}
        selectionBar={
          <>
            {outcome && <BulkOutcomeAlert outcome={outcome} onClose={() => setOutcome(null)} />}
            {canWrite && (
              <SelectionBar
                count={selectedDevices.length}
                noun={{ one: 'device', other: 'devices' }}
                onClear={() => setSelected(new Set())}
              >
                <DeviceBulkActions
                  devices={selectedDevices}
                  canDelete={hasPermission(user, 'devices:delete')}
                  canLink={canLink}
                  renderFlowSelect={(props) => <FlowSelect {...props} required />}
                  flowName={(id) => flows.data?.find((f) => f.id === id)?.name}
                  onOutcome={(result) => {
                    setSelected(new Set());
                    setOutcome(result.failed.length > 0 ? result : null);
                  }}
                />
              </SelectionBar>
            )}
          </>
        }
      >
        {devices.isError && !devices.data ? (
          <ErrorState
            message={errorMessage(devices.error)}
            onRetry={() => devices.refetch()}
            retrying={devices.isFetching}
          />
        ) : (
          <DataTable<Device>
            label="Devices"
            columns={deviceColumns}
            visibleColumns={state.columns}
            data={rows}
            getRowId={(d) => d.id}
            sort={state.sort}
            onSortChange={list.setSort}
            fetching={devices.isPlaceholderData}
            selection={canWrite ? { selected, onChange: setSelected, getRowName: (d) => d.name } : undefined}
            onRowActivate={(d) => navigate(`/devices/${d.id}`)}
            getRowLabel={(d) => `Open device ${d.name}`}
            pagination={listPagination(list, devices.data)}
            empty={
              search.filtered
                ? filteredEmpty('No devices match the search and filters', search)
                : {
                    message: scopeName ? `No devices in ${scopeName} yet` : 'No devices yet',
                    action: canWrite ? (
                      <Button component={Link} to="/devices/new" leftSection={<IconPlus size={16} />}>
                        Add device
                      </Button>
                    ) : undefined,
                  }
            }
          />
        )}
      </ListTableFrame>
    </>
  );
}
