import { Text } from '@mantine/core';
import type { Page, Project } from '@openthings/domain';
import {
  DataTable,
  type DataTableColumn,
  type DataTablePagination,
  type DataTableSort,
} from '@openthings/ui';
import { formatDate } from '../../lib/format.ts';
import { expiryText, SubscriptionBadge } from './project-labels.tsx';

/** Sort keys of this table are the API's sort fields (PROJECT_SORT_FIELDS). */
export const projectColumns: DataTableColumn<Project>[] = [
  {
    id: 'name',
    header: 'Name',
    sortable: true,
    cell: (p) => (
      <Text size="sm" fw={500}>
        {p.name}
      </Text>
    ),
  },
  {
    id: 'subscription',
    header: 'Subscription',
    sortable: true,
    width: 140,
    cell: (p) => <SubscriptionBadge subscription={p.subscription} />,
  },
  { id: 'expiresAt', header: 'Expiry', sortable: true, width: 140, cell: (p) => expiryText(p.expiresAt) },
  { id: 'flows', header: 'Flows', align: 'right', width: 90, cell: (p) => p.usage.flows },
  {
    id: 'createdAt',
    header: 'Created',
    sortable: true,
    sortDescFirst: true,
    width: 140,
    cell: (p) => formatDate(p.createdAt),
  },
];

export interface ProjectTableProps {
  page: Page<Project> | undefined;
  fetching: boolean;
  sort: DataTableSort;
  onSortChange: (sort: DataTableSort) => void;
  pagination: Omit<DataTablePagination, 'hasPrev' | 'hasNext' | 'total'>;
  onOpen: (project: Project) => void;
}

export function ProjectTable({ page, fetching, sort, onSortChange, pagination, onOpen }: ProjectTableProps) {
  return (
    <DataTable<Project>
      label="Projects"
      columns={projectColumns}
      data={page?.data}
      getRowId={(p) => p.id}
      sort={sort}
      onSortChange={onSortChange}
      fetching={fetching}
      pagination={{
        ...pagination,
        hasPrev: page?.links.prev != null,
        hasNext: page?.links.next != null,
        total: page?.meta?.total,
      }}
      empty={{ message: 'No projects yet' }}
      onRowActivate={onOpen}
      getRowLabel={(p) => `Open project ${p.name}`}
    />
  );
}
