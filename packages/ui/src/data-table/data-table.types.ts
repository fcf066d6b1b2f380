import type { ReactNode } from 'react';

/** One column of a server-driven table. */
export interface DataTableColumn<T> {
  /** Stable id. For sortable columns it is also the sort key the caller sends to the server. */
  id: string;
  header: string;
  cell: (row: T) => ReactNode;
  sortable?: boolean;
  /** The first click sorts descending (dates: newest first). */
  sortDescFirst?: boolean;
  align?: 'left' | 'right';
  /** Any CSS width, e.g. `120` or `'30%'`. */
  width?: number | string;
}

/** The sort the rows arrive in; the table shows it and asks for another, never sorts itself. */
export interface DataTableSort {
  id: string;
  desc: boolean;
}

/** Cursor paging: the caller knows whether there is a page before or after this one. */
export interface DataTablePagination {
  pageSize: number;
  onPageSizeChange: (pageSize: number) => void;
  pageSizeOptions?: readonly number[];
  hasPrev: boolean;
  hasNext: boolean;
  onPrev: () => void;
  onNext: () => void;
  /** Index (0-based) of this page's first row in the whole result, when the caller knows it. */
  offset?: number;
  /** Number of rows in the whole result, when the server counted them. */
  total?: number;
}

export interface DataTableEmptyState {
  message: ReactNode;
  /** Why it is empty, when the message alone could mislead (e.g. rows narrowed to a project). */
  description?: ReactNode;
  /** A way forward, e.g. an "Add device" button or "Clear filters". */
  action?: ReactNode;
}

export interface DataTableProps<T> {
  /** Accessible name of the table. */
  label: string;
  columns: readonly DataTableColumn<T>[];
  /** `undefined` while the first page loads. */
  data: readonly T[] | undefined;
  getRowId: (row: T) => string;
  sort?: DataTableSort;
  onSortChange?: (sort: DataTableSort) => void;
  pagination?: DataTablePagination;
  /** No rows to show yet: skeleton rows stand in. */
  loading?: boolean;
  /** Rows are shown but a newer page is on its way (sort or page changed). */
  fetching?: boolean;
  empty?: DataTableEmptyState;
  /** Click or Enter on a row. Rows are focusable only when this is set. */
  onRowActivate?: (row: T) => void;
  /** What activating a row does, for screen readers, e.g. `Open project My first project`. */
  getRowLabel?: (row: T) => string;
  /**
   * The columns shown, by id, in this order (the column chooser's value). Unknown ids are skipped;
   * all columns in their given order when absent.
   */
  visibleColumns?: readonly string[];
  /** Adds a checkbox column; the caller keeps the selected row ids. */
  selection?: DataTableSelection<T>;
}

/** Which rows are selected, kept by the caller (it clears it when the rows change). */
export interface DataTableSelection<T> {
  selected: ReadonlySet<string>;
  onChange: (selected: Set<string>) => void;
  /** A row's name for its checkbox, e.g. `Boiler room` → "Select Boiler room". */
  getRowName: (row: T) => string;
}

export const PAGE_SIZE_OPTIONS = [10, 25, 50, 100, 500] as const;
