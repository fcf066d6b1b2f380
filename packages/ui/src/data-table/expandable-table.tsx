import { ActionIcon, Box, Paper, Skeleton, Table, VisuallyHidden } from '@mantine/core';
import { IconChevronDown, IconChevronRight } from '@tabler/icons-react';
import { Fragment, type MouseEvent, type ReactNode, useId, useState } from 'react';
import { EmptyState } from '../layout/empty-state.tsx';
import type { DataTableColumn, DataTableEmptyState, DataTablePagination } from './data-table.types.ts';
import { DataTableFooter } from './data-table-footer.tsx';

export interface ExpandableTableProps<T> {
  /** Accessible name of the table. */
  label: string;
  columns: readonly DataTableColumn<T>[];
  /** `undefined` while the first page loads. */
  data: readonly T[] | undefined;
  getRowId: (row: T) => string;
  /** A row's name for its toggle: `attempt at 12:00:01` → "Show details of attempt at 12:00:01". */
  getRowName: (row: T) => string;
  /** What an opened row shows under it. */
  renderDetails: (row: T) => ReactNode;
  /** Rows are shown but a newer page is on its way. */
  fetching?: boolean;
  empty?: DataTableEmptyState;
  pagination?: DataTablePagination;
  /** Columns narrower than this scroll sideways instead of squeezing. */
  minWidth?: number;
}

const SKELETON_ROWS = 4;

/** Clicks on the row's own buttons and links do what they say; anywhere else opens or closes it. */
function fromControl(event: MouseEvent): boolean {
  return (event.target as HTMLElement).closest('button, a, input, select, textarea, label') !== null;
}

/**
 * A log-like table whose rows open to show their details (headers, payloads) underneath. The caller
 * sorts and pages; which rows are open is the table's own state and survives refreshes by row id.
 */
export function ExpandableTable<T>(props: ExpandableTableProps<T>) {
  const { columns, data, empty, pagination, fetching } = props;
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const baseId = useId();
  const toggle = (id: string) =>
    setOpen((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const columnCount = columns.length + 1;

  return (
    <Paper withBorder className="ot-data-table">
      <Table.ScrollContainer minWidth={props.minWidth ?? 640}>
        <Table
          aria-label={props.label}
          aria-busy={data === undefined || fetching === true}
          verticalSpacing={6}
          horizontalSpacing="sm"
          fz="sm"
        >
          <Table.Thead>
            <Table.Tr>
              <Table.Th style={{ width: 36 }}>
                <VisuallyHidden>Details</VisuallyHidden>
              </Table.Th>
              {columns.map((column) => (
                <Table.Th key={column.id} style={{ width: column.width, textAlign: column.align ?? 'left' }}>
                  {column.header}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody style={{ opacity: fetching && data ? 0.55 : 1, transition: 'opacity 120ms' }}>
            {data === undefined &&
              Array.from({ length: SKELETON_ROWS }, (_, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: placeholders have no identity
                <Table.Tr key={i} data-testid="data-table-skeleton-row">
                  <Table.Td />
                  {columns.map((column) => (
                    <Table.Td key={column.id}>
                      <Skeleton height={12} radius="sm" width={i % 2 === 0 ? '70%' : '55%'} />
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))}
            {data !== undefined && data.length === 0 && (
              <Table.Tr>
                <Table.Td colSpan={columnCount}>
                  <EmptyState title={empty?.message ?? 'Nothing to show'} action={empty?.action} compact />
                </Table.Td>
              </Table.Tr>
            )}
            {data?.map((row) => {
              const id = props.getRowId(row);
              const expanded = open.has(id);
              const detailsId = `${baseId}-${id}`;
              const name = props.getRowName(row);
              return (
                <Fragment key={id}>
                  <Table.Tr
                    className="ot-expandable-row"
                    data-expanded={expanded || undefined}
                    onClick={(event) => {
                      if (!fromControl(event)) toggle(id);
                    }}
                  >
                    <Table.Td>
                      <ActionIcon
                        variant="subtle"
                        color="gray"
                        size="sm"
                        aria-expanded={expanded}
                        aria-controls={expanded ? detailsId : undefined}
                        aria-label={`${expanded ? 'Hide' : 'Show'} details of ${name}`}
                        onClick={() => toggle(id)}
                      >
                        {expanded ? <IconChevronDown size={16} /> : <IconChevronRight size={16} />}
                      </ActionIcon>
                    </Table.Td>
                    {columns.map((column) => (
                      <Table.Td key={column.id} style={{ textAlign: column.align ?? 'left' }}>
                        {column.cell(row)}
                      </Table.Td>
                    ))}
                  </Table.Tr>
                  {expanded && (
                    <Table.Tr className="ot-expandable-details">
                      <Table.Td colSpan={columnCount} id={detailsId}>
                        <Box py={4} px={4}>
                          {props.renderDetails(row)}
                        </Box>
                      </Table.Td>
                    </Table.Tr>
                  )}
                </Fragment>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {pagination && (
        <Box style={{ borderTop: '1px solid var(--mantine-color-gray-3)' }}>
          <DataTableFooter pagination={pagination} rows={data?.length} />
        </Box>
      )}
    </Paper>
  );
}
