import { Badge, Text } from '@mantine/core';
import type { BulkReport, Page } from '@openthings/domain';
import {
  DataTable,
  type DataTableColumn,
  type DataTablePagination,
  type DataTableSort,
} from '@openthings/ui';
import type { ReactNode } from 'react';
import { formatDateTime } from '../../../lib/format.ts';

export function BulkStatus({
  report,
}: {
  report: Pick<BulkReport, 'status' | 'failedRows' | 'createdRows'>;
}) {
  if (report.status === 'queued') return <Badge color="gray">Queued</Badge>;
  if (report.status === 'running') return <Badge color="blue">Running</Badge>;
  if (report.failedRows === 0) return <Badge color="teal">Done</Badge>;
  return <Badge color={report.createdRows === 0 ? 'red' : 'yellow'}>Done with errors</Badge>;
}

export const bulkReportColumns: DataTableColumn<BulkReport>[] = [
  {
    id: 'fileName',
    header: 'File',
    cell: (r) => (
      <Text size="sm" fw={500}>
        {r.fileName}
      </Text>
    ),
  },
  { id: 'deviceType', header: 'Device type', cell: (r) => r.deviceType.name },
  {
    id: 'project',
    header: 'Project',
    cell: (r) => (r.flow ? `${r.project.name} · ${r.flow.name}` : r.project.name),
  },
  { id: 'status', header: 'Status', width: 150, cell: (r) => <BulkStatus report={r} /> },
  {
    id: 'createdRows',
    header: 'Created',
    align: 'right',
    width: 90,
    cell: (r) => `${r.createdRows} of ${r.totalRows}`,
  },
  { id: 'failedRows', header: 'Failed', align: 'right', width: 80, cell: (r) => r.failedRows },
  {
    id: 'createdAt',
    header: 'Uploaded',
    sortable: true,
    sortDescFirst: true,
    width: 170,
    cell: (r) => <span style={{ whiteSpace: 'nowrap' }}>{formatDateTime(r.createdAt)}</span>,
  },
];

export interface BulkReportsTableProps {
  page: Page<BulkReport> | undefined;
  fetching: boolean;
  sort: DataTableSort;
  onSortChange: (sort: DataTableSort) => void;
  pagination: Omit<DataTablePagination, 'hasPrev' | 'hasNext' | 'total'>;
  onOpen: (report: BulkReport) => void;
  emptyAction?: ReactNode;
}

/** Every bulk run of the account, newest first. */
export function BulkReportsTable({
  page,
  fetching,
  sort,
  onSortChange,
  pagination,
  onOpen,
  emptyAction,
}: BulkReportsTableProps) {
  return (
    <DataTable<BulkReport>
      label="Bulk reports"
      columns={bulkReportColumns}
      data={page?.data}
      getRowId={(r) => r.id}
      sort={sort}
      onSortChange={onSortChange}
      fetching={fetching}
      pagination={{
        ...pagination,
        hasPrev: page?.links.prev != null,
        hasNext: page?.links.next != null,
        total: page?.meta?.total,
      }}
      empty={{ message: 'No bulk uploads yet', action: emptyAction }}
      onRowActivate={onOpen}
      getRowLabel={(r) => `Open bulk report ${r.fileName}`}
    />
  );
}
