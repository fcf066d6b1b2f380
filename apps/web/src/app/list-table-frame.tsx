import { Button, TextInput, type TextInputProps } from '@mantine/core';
import {
  type ChooserColumn,
  ColumnChooser,
  type DataTableEmptyState,
  type DataTablePagination,
  type ExportFormat,
  ExportMenu,
  FilterChips,
  type FilterDefinition,
  FilterPanel,
  isActive,
  TableFrame,
} from '@openthings/ui';
import { IconSearch } from '@tabler/icons-react';
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { SavedViews } from '../features/views/saved-views.tsx';
import type { ViewTable } from '../features/views/views.api.ts';
import { cursorFromLink } from '../lib/api.ts';
import type { ListUrlConfig, useListUrlState } from '../lib/list-url.ts';

type ListUrl = ReturnType<typeof useListUrlState>;

/** The search of a list, as the page needs it: whether rows are narrowed, and clearing it all. */
export function useListSearch(list: ListUrl) {
  // Clearing starts the search box afresh, whatever it held (even text not yet in the URL).
  const [resetKey, setResetKey] = useState(0);
  return {
    resetKey,
    /** Whether the rows are narrowed by the search or a filter. */
    filtered: list.state.q !== '' || Object.values(list.state.filters).some(isActive),
    clear: () => {
      setResetKey((k) => k + 1);
      list.clearSearchAndFilters();
    },
  };
}

/** Typed text reaches the URL (and the query) this long after the last key. */
const SEARCH_DEBOUNCE_MS = 300;

/**
 * The search box: the typed text is its own state, so a key press renders the box alone, not the page
 * and its table; it is committed to the URL a moment after the last key, and follows the URL when a
 * view or a link changes it.
 */
function ListSearchBox({
  list,
  inputProps,
}: {
  list: ListUrl;
  inputProps: ListTableFrameProps['searchInput'];
}) {
  const q = list.state.q;
  const [value, setValue] = useState(q);
  const latest = useRef(list);
  latest.current = list;
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  // A new search in the URL (a view, a link, clearing) replaces the text; the box's own commit does not
  // (it would take the space the user just typed between two words).
  useEffect(() => setValue((current) => (current.trim() === q ? current : q)), [q]);
  useEffect(() => () => clearTimeout(timer.current), []);
  return (
    <TextInput
      {...inputProps}
      leftSection={<IconSearch size={16} />}
      value={value}
      onChange={(event) => {
        const next = event.currentTarget.value;
        setValue(next);
        clearTimeout(timer.current);
        timer.current = setTimeout(() => latest.current.setQ(next.trim()), SEARCH_DEBOUNCE_MS);
      }}
      w={{ base: '100%', xs: 280 }}
    />
  );
}

export type ListSearch = ReturnType<typeof useListSearch>;

/** The table's empty state while a search or filter hides every row. */
export function filteredEmpty(message: string, search: ListSearch): DataTableEmptyState {
  return {
    message,
    action: (
      <Button variant="default" onClick={search.clear}>
        Clear search and filters
      </Button>
    ),
  };
}

interface ListPage {
  links: { prev?: string | null; next?: string | null };
  meta?: { total?: number };
}

/** Paging of a list whose cursor, page and page size live in the URL. */
export function listPagination(list: ListUrl, page: ListPage | undefined): DataTablePagination {
  const { state } = list;
  return {
    pageSize: state.limit,
    onPageSizeChange: list.setLimit,
    offset: (state.page - 1) * state.limit,
    hasPrev: page?.links.prev != null,
    hasNext: page?.links.next != null,
    total: page?.meta?.total,
    onNext: () => list.goNext(cursorFromLink(page?.links.next)),
    onPrev: () => list.goPrev(cursorFromLink(page?.links.prev)),
  };
}

export interface ListTableFrameProps {
  /** Names the region, e.g. "Devices". */
  label: string;
  /** The table the saved views belong to. */
  table: ViewTable;
  config: ListUrlConfig;
  list: ListUrl;
  search: ListSearch;
  /** The search box's label and hint. */
  searchInput: { 'aria-label': string; placeholder: string; inputMode?: TextInputProps['inputMode'] };
  filters: readonly FilterDefinition[];
  columns: readonly ChooserColumn[];
  /** The download URL of the current view in a format. */
  exportHref: (format: ExportFormat['format']) => string;
  selectionBar?: ReactNode;
  /** The table, or what stands in for it. */
  children: ReactNode;
}

/**
 * A reference table's frame: search and filters, saved views, columns and export around the table,
 * all of it kept in the URL.
 */
export function ListTableFrame(props: ListTableFrameProps) {
  const { list, config, search, filters } = props;
  const { state } = list;
  const [fullScreen, setFullScreen] = useState(false);
  return (
    <TableFrame
      label={props.label}
      fullScreen={fullScreen}
      onFullScreenChange={setFullScreen}
      tools={
        <>
          <ListSearchBox key={search.resetKey} list={list} inputProps={props.searchInput} />
          <FilterPanel filters={filters} value={state.filters} onApply={list.setFilters} />
        </>
      }
      actions={
        <>
          <SavedViews
            table={props.table}
            config={config}
            state={state}
            hasViewState={list.hasViewState}
            applyView={list.applyView}
            backToMain={list.backToMain}
            setView={list.setView}
          />
          <ColumnChooser
            columns={props.columns}
            value={state.columns}
            onChange={list.setColumns}
            onReset={() => list.setColumns([...config.columns.default])}
          />
          <ExportMenu
            formats={[
              { format: 'csv', href: props.exportHref('csv') },
              { format: 'xlsx', href: props.exportHref('xlsx') },
            ]}
          />
        </>
      }
      chips={<FilterChips filters={filters} value={state.filters} onChange={list.setFilters} />}
      selectionBar={props.selectionBar}
    >
      {props.children}
    </TableFrame>
  );
}
