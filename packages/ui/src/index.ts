export {
  CopyValueButton,
  type CopyValueButtonProps,
  type CopyValueItem,
  CopyValueList,
  type CopyValueListProps,
} from './copy/copy-value.tsx';
export { DataTable, orderColumns } from './data-table/data-table.tsx';
export type {
  DataTableColumn,
  DataTableEmptyState,
  DataTablePagination,
  DataTableProps,
  DataTableSelection,
  DataTableSort,
} from './data-table/data-table.types.ts';
export { PAGE_SIZE_OPTIONS } from './data-table/data-table.types.ts';
export { rangeText } from './data-table/data-table-footer.tsx';
export { ExpandableTable, type ExpandableTableProps } from './data-table/expandable-table.tsx';
export { LinkedTable, type LinkedTableColumn, type LinkedTableProps } from './data-table/linked-table.tsx';
export { ConfirmDialog, type ConfirmDialogProps } from './layout/confirm-dialog.tsx';
export { EmptyState, type EmptyStateProps } from './layout/empty-state.tsx';
export { ErrorState, type ErrorStateProps } from './layout/error-state.tsx';
export { type KeyValueItem, KeyValueList, type KeyValueListProps } from './layout/key-value-list.tsx';
export { PageHeader, type PageHeaderProps } from './layout/page-header.tsx';
export { PageLoader } from './layout/page-loader.tsx';
export {
  SectionAction,
  type SectionActionProps,
  SectionCard,
  type SectionCardProps,
} from './layout/section-card.tsx';
export { notifyError, notifySuccess } from './provider/notify.tsx';
export { UiProvider, type UiProviderProps } from './provider/ui-provider.tsx';
export { CellHoverList, type CellHoverListProps } from './table-tools/cell-hover-list.tsx';
export {
  type ChooserColumn,
  ColumnChooser,
  type ColumnChooserProps,
  moveItem,
} from './table-tools/column-chooser.tsx';
export { type ExportFormat, ExportMenu } from './table-tools/export-menu.tsx';
export { FilterChips, type FilterChipsProps, filterChips } from './table-tools/filter-chips.tsx';
export { FilterPanel, type FilterPanelProps } from './table-tools/filter-panel.tsx';
export {
  activeFilters,
  type DateRange,
  type DateRangeFilterDefinition,
  dateRangeText,
  type FilterDefinition,
  type FilterOption,
  type FilterValue,
  type FilterValues,
  formatDay,
  isActive,
  isDateRange,
  type OptionsFilterDefinition,
} from './table-tools/filters.ts';
export { ManagedMarker } from './table-tools/managed-marker.tsx';
export {
  type SavedViewSummary,
  SavedViewsMenu,
  type SavedViewsMenuProps,
} from './table-tools/saved-views-menu.tsx';
export { SelectionBar, type SelectionBarProps } from './table-tools/selection-bar.tsx';
export { TableFrame, type TableFrameProps } from './table-tools/table-frame.tsx';
export { theme } from './theme.ts';
