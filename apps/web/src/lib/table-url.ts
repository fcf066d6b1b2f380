import { DEFAULT_PAGE_SIZE } from '@openthings/domain';
import { type DataTableSort, PAGE_SIZE_OPTIONS } from '@openthings/ui';
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';

/**
 * What a server-driven table shows, as it sits in the URL so that a link reproduces the view:
 * `?sort=-createdAt&limit=25&cursor=…&page=3`. `page` only numbers the rows on screen ("51–75");
 * the cursor decides which rows the server returns.
 */
export interface TableUrlState {
  sort: DataTableSort;
  limit: number;
  cursor: string | undefined;
  page: number;
}

export interface TableUrlDefaults {
  sort: DataTableSort;
  /** Sort keys the server accepts; anything else in the URL falls back to the default. */
  sortable: readonly string[];
  limit?: number;
}

export function parseSortParam(value: string | null, sortable: readonly string[]): DataTableSort | undefined {
  if (!value) return undefined;
  const desc = value.startsWith('-');
  const id = desc ? value.slice(1) : value;
  return sortable.includes(id) ? { id, desc } : undefined;
}

export function formatSortParam(sort: DataTableSort): string {
  return sort.desc ? `-${sort.id}` : sort.id;
}

export function readTableState(params: URLSearchParams, defaults: TableUrlDefaults): TableUrlState {
  const sort = parseSortParam(params.get('sort'), defaults.sortable) ?? defaults.sort;
  const limitParam = Number(params.get('limit'));
  const limit = (PAGE_SIZE_OPTIONS as readonly number[]).includes(limitParam)
    ? limitParam
    : (defaults.limit ?? DEFAULT_PAGE_SIZE);
  const cursor = params.get('cursor') || undefined;
  const pageParam = Number(params.get('page'));
  // Without a cursor the server starts at the top, whatever page number the URL claims.
  const page = cursor && Number.isInteger(pageParam) && pageParam > 1 ? pageParam : 1;
  return { sort, limit, cursor, page };
}

/** Writes the state back; defaults are left out so that plain links stay plain. */
export function writeTableState(
  params: URLSearchParams,
  state: TableUrlState,
  defaults: TableUrlDefaults,
): URLSearchParams {
  const next = new URLSearchParams(params);
  const sort = formatSortParam(state.sort);
  if (sort === formatSortParam(defaults.sort)) next.delete('sort');
  else next.set('sort', sort);
  if (state.limit === (defaults.limit ?? DEFAULT_PAGE_SIZE)) next.delete('limit');
  else next.set('limit', String(state.limit));
  if (state.cursor && state.page > 1) {
    next.set('cursor', state.cursor);
    next.set('page', String(state.page));
  } else {
    next.delete('cursor');
    next.delete('page');
  }
  return next;
}

/** Table state read from and written to the URL, with the moves a table makes. */
export function useTableUrlState(defaults: TableUrlDefaults) {
  const [params, setParams] = useSearchParams();
  const state = useMemo(() => readTableState(params, defaults), [params, defaults]);

  const update = useCallback(
    (next: TableUrlState) => setParams((current) => writeTableState(current, next, defaults)),
    [setParams, defaults],
  );

  return {
    state,
    /** The list query for the API: sort string, page size and cursor. */
    query: { sort: formatSortParam(state.sort), limit: state.limit, cursor: state.cursor },
    // A new sort or page size starts again at the top: cursors belong to one sort order.
    setSort: (sort: DataTableSort) => update({ ...state, sort, cursor: undefined, page: 1 }),
    setLimit: (limit: number) => update({ ...state, limit, cursor: undefined, page: 1 }),
    goNext: (cursor: string | undefined) => {
      if (cursor) update({ ...state, cursor, page: state.page + 1 });
    },
    goPrev: (cursor: string | undefined) => {
      const page = Math.max(1, state.page - 1);
      update({ ...state, cursor: page === 1 ? undefined : cursor, page });
    },
  };
}
