import { Stack, Text } from '@mantine/core';
import type { Flow, Page } from '@openthings/domain';
import {
  DataTable,
  type DataTableColumn,
  type DataTablePagination,
  type DataTableSort,
} from '@openthings/ui';
import { formatDate } from '../../lib/format.ts';

/** Sort keys of this table are the API's sort fields (FLOW_SORT_FIELDS). */
export const flowColumns: DataTableColumn<Flow>[] = [
  {
    id: 'name',
    header: 'Name',
    sortable: true,
    cell: (f) => (
      <Stack gap={0}>
        <Text size="sm" fw={500}>
          {f.name}
        </Text>
        {f.description && (
          <Text size="xs" c="dimmed" lineClamp={1}>
            {f.description}
          </Text>
        )}
      </Stack>
    ),
  },
  { id: 'project', header: 'Project', width: 220, cell: (f) => f.projectName },
  { id: 'devices', header: 'Devices', align: 'right', width: 100, cell: (f) => f.deviceCount },
  {
    id: 'modifiedAt',
    header: 'Modified',
    sortable: true,
    sortDescFirst: true,
    width: 130,
    cell: (f) => formatDate(f.modifiedAt),
  },
  {
    id: 'createdAt',
    header: 'Created',
    sortable: true,
    sortDescFirst: true,
    width: 130,
    cell: (f) => formatDate(f.createdAt),
  },
];

export interface FlowTableProps {
  page: Page<Flow> | undefined;
  fetching: boolean;
  sort: DataTableSort;
  onSortChange: (sort: DataTableSort) => void;
  pagination: Omit<DataTablePagination, 'hasPrev' | 'hasNext' | 'total'>;
  onOpen: (flow: Flow) => void;
}

export function FlowTable({ page, pagination, ...props }: FlowTableProps) {
  return (
    <DataTable<Flow>
      label="Flows"
      columns={flowColumns}
      data={page?.data}
      getRowId={(f) => f.id}
      sort={props.sort}
      onSortChange={props.onSortChange}
      fetching={props.fetching}
      pagination={{
        ...pagination,
        hasPrev: page?.links.prev != null,
        hasNext: page?.links.next != null,
        total: page?.meta?.total,
      }}
      empty={{
        message: 'No flows yet. A flow is created with each project; devices join flows from their page.',
      }}
      onRowActivate={props.onOpen}
      getRowLabel={(f) => `Open flow ${f.name}`}
    />
  );
}
