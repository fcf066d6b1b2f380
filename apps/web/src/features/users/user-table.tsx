import { Badge, Group, Text } from '@mantine/core';
import { type Page, roleLabel, type User } from '@openthings/domain';
import {
  DataTable,
  type DataTableColumn,
  type DataTablePagination,
  type DataTableSort,
} from '@openthings/ui';
import { formatDate, formatDateTime } from '../../lib/format.ts';

export const userColumns: DataTableColumn<User>[] = [
  {
    id: 'name',
    header: 'Name',
    sortable: true,
    cell: (u) => (
      <Text size="sm" fw={500} style={{ whiteSpace: 'nowrap' }}>
        {u.name}
      </Text>
    ),
  },
  { id: 'email', header: 'Email', sortable: true, cell: (u) => u.email },
  {
    id: 'roles',
    header: 'Roles',
    cell: (u) => (
      <Group gap={4}>
        {u.roles.map((role) => (
          <Badge key={role} color="gray" size="sm" tt="none">
            {roleLabel(role)}
          </Badge>
        ))}
      </Group>
    ),
  },
  {
    id: 'status',
    header: 'Status',
    width: 110,
    cell: (u) =>
      u.status === 'active' ? <Badge color="teal">Active</Badge> : <Badge color="gray">Deactivated</Badge>,
  },
  {
    id: 'lastLoginAt',
    header: 'Last sign-in',
    width: 170,
    cell: (u) => (u.lastLoginAt ? formatDateTime(u.lastLoginAt) : 'Never'),
  },
  {
    id: 'createdAt',
    header: 'Created',
    sortable: true,
    sortDescFirst: true,
    width: 130,
    cell: (u) => formatDate(u.createdAt),
  },
];

export interface UserTableProps {
  page: Page<User> | undefined;
  fetching: boolean;
  sort: DataTableSort;
  onSortChange: (sort: DataTableSort) => void;
  pagination: Omit<DataTablePagination, 'hasPrev' | 'hasNext' | 'total'>;
}

export function UserTable({ page, fetching, sort, onSortChange, pagination }: UserTableProps) {
  return (
    <DataTable<User>
      label="Users"
      columns={userColumns}
      data={page?.data}
      getRowId={(u) => u.id}
      sort={sort}
      onSortChange={onSortChange}
      fetching={fetching}
      pagination={{
        ...pagination,
        hasPrev: page?.links.prev != null,
        hasNext: page?.links.next != null,
        total: page?.meta?.total,
      }}
      empty={{ message: 'No users' }}
    />
  );
}
