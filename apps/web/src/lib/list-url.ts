import type { ViewState } from '@openthings/domain';
import type { DataTableSort, FilterValues } from '@openthings/ui';
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import {
  formatSortParam,
  readTableState,
  type TableUrlDefaults,
  type TableUrlState,
  writeTableState,
} from './table-url.ts';

/**
 * A table with search, filters and chosen columns, all in the URL so that a link reproduces the view:
 * `?q=boiler&status=ACTIVE,INVENTORY&lastMessageFrom=2026-11-01&columns=name,status&sort=-lastMessageAt`.
 * `view` names the saved view the table started from (`main` for the table's own defaults).
 */
export interface ListFilterConfig {
  id: string;
  /** `list`: `id=a,b`; `dateRange`: `idFrom=YYYY-MM-DD&idTo=YYYY-MM-DD`. */
  kind: 'list' | 'dateRange';
}

export interface ListUrlConfig extends TableUrlDefaults {
  filters: readonly ListFilterConfig[];
  /** Every column id the table knows, and the ones shown by default, in order. */
  columns: { all: readonly string[]; default: readonly string[] };
}

export interface ListUrlState extends TableUrlState {
  q: string;
  filters: FilterValues;
  columns: string[];
  /** The saved view the table was opened from; `main` for none; `null` when the URL does not say. */
  view: string | null;
}

export const MAIN_VIEW = 'main';
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const day = (value: string | null) => (value && DAY.test(value) ? value : undefined);

function filterKeys(config: ListUrlConfig): string[] {
  return config.filters.flatMap((f) => (f.kind === 'list' ? [f.id] : [`${f.id}From`, `${f.id}To`]));
}

/** Keys that make up a view; a URL with none of them opens the user's default view. */
export function viewKeys(config: ListUrlConfig): string[] {
  return ['q', 'columns', 'sort', 'limit', 'view', ...filterKeys(config)];
}

export function hasViewState(params: URLSearchParams, config: ListUrlConfig): boolean {
  return viewKeys(config).some((key) => params.has(key));
}

function readColumns(value: string | null, config: ListUrlConfig): string[] {
  if (!value) return [...config.columns.default];
  const known = [...new Set(value.split(',').filter((id) => config.columns.all.includes(id)))];
  return known.length > 0 ? known : [...config.columns.default];
}

export function readListState(params: URLSearchParams, config: ListUrlConfig): ListUrlState {
  const filters: Record<string, FilterValues[string]> = {};
  for (const filter of config.filters) {
    if (filter.kind === 'list') {
      const values = (params.get(filter.id) ?? '').split(',').filter(Boolean);
      if (values.length > 0) filters[filter.id] = [...new Set(values)];
    } else {
      const from = day(params.get(`${filter.id}From`));
      const to = day(params.get(`${filter.id}To`));
      if (from || to) filters[filter.id] = { ...(from && { from }), ...(to && { to }) };
    }
  }
  return {
    ...readTableState(params, config),
    q: params.get('q')?.trim() ?? '',
    filters,
    columns: readColumns(params.get('columns'), config),
    view: params.get('view') || null,
  };
}

const sameList = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((x, i) => x === b[i]);

export function writeListState(
  params: URLSearchParams,
  state: ListUrlState,
  config: ListUrlConfig,
): URLSearchParams {
  const next = writeTableState(params, state, config);
  for (const key of ['q', 'columns', 'view', ...filterKeys(config)]) next.delete(key);
  if (state.view) next.set('view', state.view);
  if (state.q) next.set('q', state.q);
  for (const filter of config.filters) {
    const value = state.filters[filter.id];
    if (!value) continue;
    if (filter.kind === 'list' && Array.isArray(value) && value.length > 0)
      next.set(filter.id, value.join(','));
    if (filter.kind === 'dateRange' && !Array.isArray(value)) {
      const range = value as { from?: string; to?: string };
      if (range.from) next.set(`${filter.id}From`, range.from);
      if (range.to) next.set(`${filter.id}To`, range.to);
    }
  }
  if (!sameList(state.columns, config.columns.default)) next.set('columns', state.columns.join(','));
  return next;
}

/** What a saved view keeps of the table: search, filters, sort, columns and page size. */
export function toViewState(state: ListUrlState, config: ListUrlConfig): ViewState {
  const filters: Record<string, string | string[]> = {};
  const params = writeListState(new URLSearchParams(), { ...state, view: null, q: '' }, config);
  for (const key of filterKeys(config)) {
    const value = params.get(key);
    if (value === null) continue;
    const isList = config.filters.some((f) => f.kind === 'list' && f.id === key);
    filters[key] = isList ? value.split(',') : value;
  }
  return {
    filters,
    ...(state.q && { q: state.q }),
    sort: formatSortParam(state.sort),
    columns: [...state.columns],
    pageSize: state.limit,
  };
}

/** The URL state of a saved view (from the first page). */
export function fromViewState(view: ViewState, config: ListUrlConfig): ListUrlState {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(view.filters ?? {})) {
    params.set(key, Array.isArray(value) ? value.join(',') : value);
  }
  if (view.q) params.set('q', view.q);
  if (view.sort) params.set('sort', view.sort);
  if (view.columns) params.set('columns', view.columns.join(','));
  if (view.pageSize) params.set('limit', String(view.pageSize));
  return readListState(params, config);
}

/** Two states show the same view (page position aside). */
export function sameView(a: ListUrlState, b: ListUrlState, config: ListUrlConfig): boolean {
  return JSON.stringify(toViewState(a, config)) === JSON.stringify(toViewState(b, config));
}

/** `YYYY-MM-DD` of the reader's calendar → the instant that day starts, in their time zone. */
export function startOfDay(value: string): Date {
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d);
}

/** The instant after the last moment of a day: a "to" date includes that whole day. */
export function endOfDay(value: string): Date {
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d + 1);
}

/** The list state of the URL, with the moves a table makes. Every change of view starts at page 1. */
export function useListUrlState(config: ListUrlConfig) {
  const [params, setParams] = useSearchParams();
  const state = useMemo(() => readListState(params, config), [params, config]);

  const update = useCallback(
    (next: ListUrlState, options: { replace?: boolean } = {}) =>
      setParams((current) => writeListState(current, next, config), { replace: options.replace }),
    [setParams, config],
  );
  const firstPage = { cursor: undefined, page: 1 };

  return {
    state,
    hasViewState: hasViewState(params, config),
    setQ: (q: string) => update({ ...state, ...firstPage, q }, { replace: true }),
    setFilters: (filters: FilterValues) => update({ ...state, ...firstPage, filters }),
    clearSearchAndFilters: () => update({ ...state, ...firstPage, q: '', filters: {} }),
    setColumns: (columns: string[]) => update({ ...state, columns }),
    setSort: (sort: DataTableSort) => update({ ...state, ...firstPage, sort }),
    setLimit: (limit: number) => update({ ...state, ...firstPage, limit }),
    goNext: (cursor: string | undefined) => {
      if (cursor) update({ ...state, cursor, page: state.page + 1 });
    },
    goPrev: (cursor: string | undefined) => {
      const page = Math.max(1, state.page - 1);
      update({ ...state, cursor: page === 1 ? undefined : cursor, page });
    },
    /** Marks which saved view the table shows now, without changing what it shows. */
    setView: (view: string | null) => update({ ...state, view }, { replace: true }),
    /** Shows a saved view (`replace` when it opens by default, so Back leaves the page). */
    applyView: (id: string, view: ViewState, options: { replace?: boolean } = {}) =>
      setParams(writeListState(new URLSearchParams(), { ...fromViewState(view, config), view: id }, config), {
        replace: options.replace,
      }),
    /** The table's own defaults, marked so the default view does not take over again. */
    backToMain: () =>
      setParams(
        writeListState(
          new URLSearchParams(),
          { ...readListState(new URLSearchParams(), config), view: MAIN_VIEW },
          config,
        ),
      ),
  };
}
