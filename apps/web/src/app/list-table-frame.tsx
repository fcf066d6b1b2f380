import { Button, TextInput, type TextInputProps } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
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
import { type ReactNode, useEffect, useState } from 'react';
import { SavedViews } from '../features/views/saved-views.tsx';
import type { ViewTable } from '../features/views/views.api.ts';
import { cursorFromLink } from '../lib/api.ts';
import type { ListUrlConfig, useListUrlState } from '../lib/list-url.ts';

type ListUrl = ReturnType<typeof useListUrlState>;

/** The search box of a list: typed text, committed to the URL a moment later, and following the URL. */
export function useListSearch(list: ListUrl) {
  const [value, setValue] = useState(list.state.q);
  const commit = useDebouncedCallback((q: string) => list.setQ(q.trim()), 300);
  // The search box follows the URL when a view or a link changes it.
  useEffect(() => setValue(list.state.q), [list.state.q]);
  return {
    value,
    change: (next: string) => {
      setValue(next);
      commit(next);
    },
    /** Whether the rows are narrowed by the search or a filter. */
    filtered: list.state.q !== '' || Object.values(list.state.filters).some(isActive),
    clear: () => {
      setValue('');
      list.clearSearchAndFilters();
    },
  };
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
          <TextInput
            {...props.searchInput}
            leftSection={<IconSearch size={16} />}
            value={search.value}
            onChange={(event) => search.change(event.currentTarget.value)}
            w={{ base: '100%', xs: 280 }}
          />
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
