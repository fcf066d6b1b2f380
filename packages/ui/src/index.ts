export { DataTable } from './data-table/data-table.tsx';
export type {
  DataTableColumn,
  DataTableEmptyState,
  DataTablePagination,
  DataTableProps,
  DataTableSort,
} from './data-table/data-table.types.ts';
export { PAGE_SIZE_OPTIONS } from './data-table/data-table.types.ts';
export { rangeText } from './data-table/data-table-footer.tsx';
export { ConfirmDialog, type ConfirmDialogProps } from './layout/confirm-dialog.tsx';
export { EmptyState, type EmptyStateProps } from './layout/empty-state.tsx';
export { ErrorState, type ErrorStateProps } from './layout/error-state.tsx';
export { type KeyValueItem, KeyValueList, type KeyValueListProps } from './layout/key-value-list.tsx';
export { PageHeader, type PageHeaderProps } from './layout/page-header.tsx';
export { PageLoader } from './layout/page-loader.tsx';
export { SectionCard, type SectionCardProps } from './layout/section-card.tsx';
export { notifyError, notifySuccess } from './provider/notify.tsx';
export { UiProvider, type UiProviderProps } from './provider/ui-provider.tsx';
export { theme } from './theme.ts';
