import { Stack, Text } from '@mantine/core';
import type { Destination, Page } from '@openthings/domain';
import {
  DataTable,
  type DataTableColumn,
  type DataTableEmptyState,
  type DataTablePagination,
  type DataTableSort,
} from '@openthings/ui';
import { formatDate } from '../../lib/format.ts';
import { DestinationKindBadge, DestinationStatus } from './destination-labels.tsx';

/** Where a destination sends to, in a few words: its URL, broker, or the built-in inbox. */
export function destinationTarget(destination: Destination): string {
  if (destination.kind === 'HTTPS') return `${destination.config.method} ${destination.config.url}`;
  if (destination.kind === 'MQTT') return `${destination.config.url} · ${destination.config.topic}`;
  return 'Built-in inbox';
}

/** Sort keys of this table are the API's sort fields (DESTINATION_SORT_FIELDS). */
export const destinationColumns: DataTableColumn<Destination>[] = [
  {
    id: 'name',
    header: 'Name',
    sortable: true,
    cell: (d) => (
      <Stack gap={0} style={{ minWidth: 0 }}>
        <Text size="sm" fw={500}>
          {d.name}
        </Text>
        <Text size="xs" c="dimmed" truncate="end" maw={420}>
          {destinationTarget(d)}
        </Text>
      </Stack>
    ),
  },
  { id: 'kind', header: 'Kind', width: 190, cell: (d) => <DestinationKindBadge kind={d.kind} /> },
  { id: 'status', header: 'Status', width: 220, cell: (d) => <DestinationStatus destination={d} /> },
  { id: 'flows', header: 'Linked flows', align: 'right', width: 110, cell: (d) => d.flowCount },
  {
    id: 'createdAt',
    header: 'Created',
    sortable: true,
    sortDescFirst: true,
    width: 130,
    cell: (d) => formatDate(d.createdAt),
  },
];

export interface DestinationTableProps {
  page: Page<Destination> | undefined;
  fetching: boolean;
  sort: DataTableSort;
  onSortChange: (sort: DataTableSort) => void;
  pagination: Omit<DataTablePagination, 'hasPrev' | 'hasNext' | 'total'>;
  onOpen: (destination: Destination) => void;
  empty: DataTableEmptyState;
}

export function DestinationTable({ page, pagination, ...props }: DestinationTableProps) {
  return (
    <DataTable<Destination>
      label="Destinations"
      columns={destinationColumns}
      data={page?.data}
      getRowId={(d) => d.id}
      sort={props.sort}
      onSortChange={props.onSortChange}
      fetching={props.fetching}
      pagination={{
        ...pagination,
        hasPrev: page?.links.prev != null,
        hasNext: page?.links.next != null,
        total: page?.meta?.total,
      }}
      empty={props.empty}
      onRowActivate={props.onOpen}
      getRowLabel={(d) => `Open destination ${d.name}`}
    />
  );
}
