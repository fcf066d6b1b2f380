import { Box, Paper, Skeleton, Table, UnstyledButton } from '@mantine/core';
import { IconArrowDown, IconArrowsSort, IconArrowUp } from '@tabler/icons-react';
import {
  createColumnHelper,
  type RowData,
  rowSortingFeature,
  type SortingState,
  tableFeatures,
  type Updater,
  useTable,
} from '@tanstack/react-table';
import {
  type KeyboardEvent,
  type MouseEvent,
  memo,
  type ReactElement,
  type RefObject,
  useMemo,
  useRef,
} from 'react';
import { EmptyState } from '../layout/empty-state.tsx';
import type { DataTableColumn, DataTableProps, DataTableSort } from './data-table.types.ts';
import { DataTableFooter } from './data-table-footer.tsx';
import { RowCheckbox } from './row-checkbox.tsx';
import { useStableRows } from './stable-rows.ts';

// Sorting is registered for its state and header API only: the server sorts (manualSorting), so no
// sorted row model is added. Visibility, order and selection are the caller's state (URL, page) and
// are applied before the columns reach TanStack: the table only ever sees what it shows.
const features = tableFeatures({ rowSortingFeature });
type Features = typeof features;

const NO_ROWS: never[] = [];
const SKELETON_ROWS = 8;

function toColumnDefs<T extends RowData>(columns: readonly DataTableColumn<T>[]) {
  const helper = createColumnHelper<Features, T>();
  return helper.columns(
    columns.map((column) =>
      // TanStack serves the headers and their sorting; cells are drawn by DataTableRow from the column's
      // own `cell`. An accessor (the row itself) is what makes a column sortable in TanStack Table.
      helper.accessor((row: T) => row, {
        id: column.id,
        header: column.header,
        enableSorting: column.sortable ?? false,
        sortDescFirst: column.sortDescFirst ?? false,
      }),
    ),
  );
}

function ariaSort(sorted: false | 'asc' | 'desc'): 'ascending' | 'descending' | undefined {
  if (sorted === 'asc') return 'ascending';
  if (sorted === 'desc') return 'descending';
  return undefined;
}

/**
 * Controls in a cell (a link to open in a new tab, a button) act on their own, not as the row; so does
 * the selection cell around a row's checkbox (ticking a box, or missing it by a pixel, never opens it).
 */
const CONTROLS =
  'a[href], button, input, select, textarea, label, [role="button"], [role="checkbox"], .ot-data-table-check';

function fromControl(event: MouseEvent<HTMLElement>): boolean {
  const control = (event.target as Element).closest(CONTROLS);
  return control !== null && control !== event.currentTarget && event.currentTarget.contains(control);
}

/**
 * The table of the portal. Everything it shows is controlled by the caller — rows, sort, page, page
 * size — because the server sorts and pages and the web keeps that state in the URL.
 */
/** The columns to show, in the order asked for; all of them when no order is given. */
export function orderColumns<C extends { id: string }>(
  columns: readonly C[],
  visible: readonly string[] | undefined,
): C[] {
  if (!visible) return [...columns];
  const byId = new Map(columns.map((c) => [c.id, c]));
  return visible.flatMap((id) => byId.get(id) ?? []);
}

const RIGHT = { textAlign: 'right' } as const;

/** Cells are left-aligned by the stylesheet; right-aligned ones share one style object. */
function alignStyle(align: DataTableColumn<never>['align']) {
  return align === 'right' ? RIGHT : undefined;
}

/** The first column (a row's name): on phones it stays in view while the others scroll. */
const LEAD = 'ot-data-table-lead';

interface RowActions<T> {
  onRowActivate: ((row: T) => void) | undefined;
  toggleRow: (id: string) => void;
}

interface DataTableRowProps<T> {
  id: string;
  original: T;
  columns: readonly DataTableColumn<T>[];
  activatable: boolean;
  /** The row's accessible name when it opens (e.g. "Open Boiler room"). */
  label: string | undefined;
  /** The name of its checkbox; no checkbox without one. */
  selectLabel: string | undefined;
  selected: boolean;
  actions: RefObject<RowActions<T>>;
}

/**
 * One body row. Memoised: while a newer page loads, or when another row is ticked, the rows whose data
 * did not change are not rendered again. Rows and cells are plain elements styled by the table's class
 * (styles.css), not Mantine components: a page of 100 rows is about a thousand cells.
 */
const DataTableRow = memo(function DataTableRow<T>(props: DataTableRowProps<T>) {
  const { id, original, columns, activatable, label, selectLabel, selected, actions } = props;
  return (
    <tr
      className={activatable ? 'ot-data-table-row-active' : undefined}
      data-selected={selected || undefined}
      tabIndex={activatable ? 0 : undefined}
      aria-label={label}
      onClick={
        activatable
          ? (event) => {
              if (!fromControl(event)) actions.current.onRowActivate?.(original);
            }
          : undefined
      }
      onKeyDown={
        activatable
          ? (event: KeyboardEvent<HTMLTableRowElement>) => {
              // A row acts like a link or button: Enter and Space open it.
              if ((event.key === 'Enter' || event.key === ' ') && event.target === event.currentTarget) {
                event.preventDefault();
                actions.current.onRowActivate?.(original);
              }
            }
          : undefined
      }
    >
      {selectLabel !== undefined && (
        <td className="ot-data-table-check">
          <RowCheckbox
            label={selectLabel}
            checked={selected}
            onChange={() => actions.current.toggleRow(id)}
            onKeyDown={(event) => event.stopPropagation()}
          />
        </td>
      )}
      {columns.map((column, index) => (
        // Cells keep to one line: a dense table scrolls sideways on small screens rather than growing
        // rows three lines tall (its first column stays in view).
        <td key={column.id} className={index === 0 ? LEAD : undefined} style={alignStyle(column.align)}>
          {column.cell(original)}
        </td>
      ))}
    </tr>
  );
}) as <T>(props: DataTableRowProps<T>) => ReactElement;

export function DataTable<T extends RowData>(props: DataTableProps<T>) {
  const { sort, onSortChange, pagination, loading, fetching, empty, onRowActivate, selection } = props;
  const data = useStableRows(props.data, props.getRowId);
  // Keyed by the ids, not the array: callers often derive `visibleColumns` afresh from the URL on every
  // change, and new columns would render every row again.
  const visibleKey = props.visibleColumns?.join(',');
  // biome-ignore lint/correctness/useExhaustiveDependencies: visibleKey stands for props.visibleColumns
  const columns = useMemo(
    () => orderColumns(props.columns, props.visibleColumns),
    [props.columns, visibleKey],
  );
  const columnDefs = useMemo(() => toColumnDefs(columns), [columns]);
  const byId = useMemo(() => new Map(columns.map((c) => [c.id, c])), [columns]);
  const sorting = useMemo<SortingState>(() => (sort ? [sort] : []), [sort]);

  const table = useTable({
    features,
    columns: columnDefs,
    data: (data ?? NO_ROWS) as T[],
    getRowId: (row) => props.getRowId(row),
    state: { sorting },
    onSortingChange: (updater: Updater<SortingState>) => {
      const next = typeof updater === 'function' ? updater(sorting) : updater;
      const first: DataTableSort | undefined = next[0];
      if (first && onSortChange) onSortChange({ id: first.id, desc: first.desc });
    },
    manualSorting: true,
    enableSortingRemoval: false,
    enableMultiSort: false,
  });

  const rows = table.getRowModel().rows;
  const showSkeleton = data === undefined || (loading === true && rows.length === 0);
  const skeletonCount = Math.min(pagination?.pageSize ?? SKELETON_ROWS, SKELETON_ROWS);
  const columnCount = columns.length + (selection ? 1 : 0);

  const pageIds = showSkeleton ? [] : rows.map((row) => row.id);
  const selectedOnPage = selection ? pageIds.filter((id) => selection.selected.has(id)).length : 0;
  const allOnPage = pageIds.length > 0 && selectedOnPage === pageIds.length;
  const togglePage = () => {
    if (!selection) return;
    const next = new Set(selection.selected);
    for (const id of pageIds) {
      if (allOnPage) next.delete(id);
      else next.add(id);
    }
    selection.onChange(next);
  };
  const toggleRow = (id: string) => {
    if (!selection) return;
    const next = new Set(selection.selected);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    selection.onChange(next);
  };

  // The rows read the latest callbacks from here, so a row re-renders only when what it shows changes.
  const actions = useRef<RowActions<T>>({ onRowActivate, toggleRow });
  actions.current = { onRowActivate, toggleRow };

  return (
    <Paper withBorder className="ot-data-table" data-selectable={selection ? true : undefined}>
      {/* A plain scrolling box (native scrollbars) rather than Mantine's ScrollArea and its observers. */}
      <Table.ScrollContainer minWidth={560} type="native">
        <Table
          aria-label={props.label}
          aria-busy={showSkeleton || fetching === true}
          verticalSpacing={6}
          horizontalSpacing="sm"
          fz="sm"
          highlightOnHover={onRowActivate !== undefined}
          stickyHeader
        >
          <Table.Thead>
            {table.getHeaderGroups().map((group) => (
              <Table.Tr key={group.id}>
                {selection && (
                  <Table.Th className="ot-data-table-check">
                    <RowCheckbox
                      label="Select all on this page"
                      checked={allOnPage}
                      indeterminate={selectedOnPage > 0 && !allOnPage}
                      disabled={pageIds.length === 0}
                      onChange={togglePage}
                    />
                  </Table.Th>
                )}
                {group.headers.map((header, index) => {
                  const column = byId.get(header.column.id);
                  const canSort = header.column.getCanSort() && onSortChange !== undefined;
                  const sorted = header.column.getIsSorted();
                  const SortIcon =
                    sorted === 'asc' ? IconArrowUp : sorted === 'desc' ? IconArrowDown : IconArrowsSort;
                  return (
                    <Table.Th
                      key={header.id}
                      className={index === 0 ? LEAD : undefined}
                      aria-sort={ariaSort(sorted)}
                      style={{ width: column?.width, textAlign: column?.align ?? 'left' }}
                    >
                      {canSort ? (
                        <UnstyledButton
                          className="ot-data-table-sort"
                          data-sorted={sorted || undefined}
                          onClick={() => header.column.toggleSorting(undefined, false)}
                        >
                          <table.FlexRender header={header} />
                          <SortIcon size={14} aria-hidden stroke={sorted ? 2.2 : 1.6} />
                        </UnstyledButton>
                      ) : (
                        <table.FlexRender header={header} />
                      )}
                    </Table.Th>
                  );
                })}
              </Table.Tr>
            ))}
          </Table.Thead>
          <Table.Tbody style={{ opacity: fetching && !showSkeleton ? 0.55 : 1, transition: 'opacity 120ms' }}>
            {showSkeleton &&
              Array.from({ length: skeletonCount }, (_, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: placeholders have no identity
                <Table.Tr key={i} data-testid="data-table-skeleton-row">
                  {selection && <Table.Td className="ot-data-table-check" />}
                  {columns.map((column) => (
                    <Table.Td key={column.id}>
                      <Skeleton height={12} radius="sm" width={i % 2 === 0 ? '70%' : '55%'} />
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))}
            {!showSkeleton && rows.length === 0 && (
              <Table.Tr>
                <Table.Td colSpan={columnCount}>
                  <EmptyState
                    title={empty?.message ?? 'Nothing to show'}
                    description={empty?.description}
                    action={empty?.action}
                    compact
                  />
                </Table.Td>
              </Table.Tr>
            )}
            {!showSkeleton &&
              rows.map((row) => (
                <DataTableRow<T>
                  key={row.id}
                  id={row.id}
                  original={row.original}
                  columns={columns}
                  activatable={onRowActivate !== undefined}
                  label={onRowActivate && props.getRowLabel ? props.getRowLabel(row.original) : undefined}
                  selectLabel={selection ? `Select ${selection.getRowName(row.original)}` : undefined}
                  selected={selection?.selected.has(row.id) ?? false}
                  actions={actions}
                />
              ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {pagination && (
        <Box style={{ borderTop: '1px solid var(--mantine-color-gray-3)' }}>
          <DataTableFooter pagination={pagination} rows={showSkeleton ? undefined : rows.length} />
        </Box>
      )}
    </Paper>
  );
}
