import { Anchor, Button, Code, Group, Stack, Text, VisuallyHidden } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import type { Device } from '@openthings/domain';
import { DataTable, type DataTableColumn, ErrorState, PageHeader } from '@openthings/ui';
import { IconDeviceMobile, IconPlus } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { hasPermission } from '../../features/auth/auth.api.ts';
import { useSessionUser } from '../../features/auth/session-context.tsx';
import { simulatorQueries } from '../../features/simulator/simulator.api.ts';
import { cursorFromLink } from '../../lib/api.ts';
import { errorMessage } from '../../lib/error-messages.ts';
import { formatDateTime } from '../../lib/format.ts';
import { type TableUrlDefaults, useTableUrlState } from '../../lib/table-url.ts';
import { useCheckedProjectScope } from '../project-scope.ts';

const TABLE: TableUrlDefaults = {
  sort: { id: 'name', desc: false },
  sortable: ['name', 'lastMessageAt'],
  limit: 25,
};

const columns: DataTableColumn<Device>[] = [
  {
    id: 'name',
    header: 'Device',
    sortable: true,
    cell: (d) => (
      <Stack gap={0}>
        <Anchor component={Link} to={`/simulator/${d.id}`} size="sm" fw={500}>
          {d.name}
        </Anchor>
        <Text size="xs" c="dimmed" className="ot-mono">
          {d.primaryIdentifier}
        </Text>
      </Stack>
    ),
  },
  { id: 'type', header: 'Type', width: 230, cell: (d) => d.deviceType.name },
  { id: 'project', header: 'Project', width: 180, cell: (d) => d.project.name },
  {
    id: 'lastMessageAt',
    header: 'Last message',
    sortable: true,
    sortDescFirst: true,
    width: 170,
    cell: (d) =>
      d.lastMessageAt ? (
        formatDateTime(d.lastMessageAt)
      ) : (
        <Text size="sm" c="dimmed">
          Never
        </Text>
      ),
  },
  {
    id: 'open',
    header: '',
    align: 'right',
    width: 150,
    cell: (d) => (
      <Button
        component={Link}
        to={`/simulator/${d.id}`}
        size="compact-sm"
        variant="light"
        leftSection={<IconDeviceMobile size={14} />}
      >
        Open simulator<VisuallyHidden> of {d.name}</VisuallyHidden>
      </Button>
    ),
  },
];

/** IoT Devices › Device simulator: pick the internet device your phone will pretend to be. */
export function SimulatorDevicesPage() {
  useDocumentTitle('Device simulator · OpenThings');
  const user = useSessionUser();
  const { scope } = useCheckedProjectScope();
  const table = useTableUrlState(TABLE);
  const devices = useQuery(
    simulatorQueries.devices({ ...table.query, includeTotal: 'true', ...(scope && { projectId: scope }) }),
  );
  const origin = typeof window === 'undefined' ? '' : window.location.origin;

  return (
    <>
      <PageHeader
        title="Device simulator"
        description="Your phone as an internet device: send its location, a battery level or a temperature through your flows."
      />
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          Pick a device here, or open <Code>{`${origin}/simulator`}</Code> on your phone and sign in there.
          You need the device’s shared secret, or may generate a new one.
        </Text>
        {devices.isError && !devices.data ? (
          <ErrorState
            message={errorMessage(devices.error)}
            onRetry={() => devices.refetch()}
            retrying={devices.isFetching}
          />
        ) : (
          <DataTable<Device>
            label="Internet devices"
            columns={columns}
            data={devices.data?.data}
            getRowId={(d) => d.id}
            sort={table.state.sort}
            onSortChange={table.setSort}
            fetching={devices.isPlaceholderData}
            pagination={{
              pageSize: table.state.limit,
              onPageSizeChange: table.setLimit,
              offset: (table.state.page - 1) * table.state.limit,
              onNext: () => table.goNext(cursorFromLink(devices.data?.links.next)),
              onPrev: () => table.goPrev(cursorFromLink(devices.data?.links.prev)),
              hasPrev: devices.data?.links.prev != null,
              hasNext: devices.data?.links.next != null,
              total: devices.data?.meta?.total,
            }}
            empty={{
              message:
                'No internet devices yet. Add a “Device simulator (web app)” device to use your phone.',
              action: hasPermission(user, 'devices:write') && (
                <Anchor component={Link} to="/devices/new" size="sm">
                  <Group gap={4} component="span">
                    <IconPlus size={14} />
                    Add device
                  </Group>
                </Anchor>
              ),
            }}
          />
        )}
      </Stack>
    </>
  );
}
