import { Anchor, Stack, Text } from '@mantine/core';
import type { Device } from '@openthings/domain';
import { DataTable, type DataTableColumn, SectionCard } from '@openthings/ui';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { cursorFromLink } from '../../lib/api.ts';
import { errorMessage } from '../../lib/error-messages.ts';
import { formatDateTime } from '../../lib/format.ts';
import { usePagedCursor } from '../../lib/paged-cursor.ts';
import { flowDetailQueries } from './flow-detail.api.ts';

const columns: DataTableColumn<Device>[] = [
  {
    id: 'name',
    header: 'Device',
    cell: (d) => (
      <Stack gap={0}>
        <Anchor component={Link} to={`/devices/${d.id}`} size="sm" fw={500}>
          {d.name}
        </Anchor>
        {d.primaryIdentifier && (
          <Text size="xs" c="dimmed" className="ot-mono">
            {d.primaryIdentifier}
          </Text>
        )}
      </Stack>
    ),
  },
  { id: 'type', header: 'Type', width: 220, cell: (d) => d.deviceType.name },
  {
    id: 'lastMessageAt',
    header: 'Last message',
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
];

/** The devices whose data the flow processes. */
export function FlowDevices({ flowId }: { flowId: string }) {
  const [limit, setLimit] = useState(10);
  const paging = usePagedCursor();
  const devices = useQuery(
    flowDetailQueries.devices(flowId, {
      limit,
      sort: 'name',
      includeTotal: 'true',
      ...(paging.cursor && { cursor: paging.cursor }),
    }),
  );
  return (
    <SectionCard title="Devices" description="Every uplink of these devices goes through this flow.">
      {devices.isError ? (
        <Text size="sm" c="red" role="alert">
          {errorMessage(devices.error)}
        </Text>
      ) : (
        <DataTable<Device>
          label="Devices of the flow"
          columns={columns}
          data={devices.data?.data}
          getRowId={(d) => d.id}
          fetching={devices.isPlaceholderData}
          empty={{ message: 'No devices yet. Link devices to this flow from their Flows tab.' }}
          pagination={{
            pageSize: limit,
            pageSizeOptions: [10, 25, 50, 100],
            onPageSizeChange: (size) => {
              setLimit(size);
              paging.reset();
            },
            hasPrev: devices.data?.links.prev != null,
            hasNext: devices.data?.links.next != null,
            onPrev: () => paging.prev(cursorFromLink(devices.data?.links.prev)),
            onNext: () => paging.next(cursorFromLink(devices.data?.links.next)),
            offset: (paging.page - 1) * limit,
            total: devices.data?.meta?.total,
          }}
        />
      )}
    </SectionCard>
  );
}
