import { bulkContract, type ContractQuery } from '@openthings/domain';
import { keepPreviousData, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { callApi } from '../../../lib/api.ts';

export type BulkTarget = NonNullable<ContractQuery<typeof bulkContract.validate>>;
export type BulkReportListFilter = NonNullable<ContractQuery<typeof bulkContract.reports>>;

export const bulkKeys = {
  all: () => ['bulk-reports'] as const,
  list: (filter: BulkReportListFilter) => ['bulk-reports', 'list', filter] as const,
  report: (id: string) => ['bulk-reports', 'detail', id] as const,
};

/** A run in progress is asked again every second until it is done. */
const POLL_MS = 1000;

export const bulkQueries = {
  list: (filter: BulkReportListFilter) =>
    queryOptions({
      queryKey: bulkKeys.list(filter),
      queryFn: ({ signal }) => callApi(bulkContract.reports, { query: filter, signal }),
      placeholderData: keepPreviousData,
    }),
  report: (id: string) =>
    queryOptions({
      queryKey: bulkKeys.report(id),
      queryFn: ({ signal }) => callApi(bulkContract.report, { params: { id }, signal }),
      refetchInterval: (query) => (query.state.data && query.state.data.status === 'done' ? false : POLL_MS),
    }),
};

/** The file's bytes as they are: the server checks the encoding (UTF-8) and the separator. */
async function bytesOf(file: File): Promise<ArrayBuffer> {
  return file.arrayBuffer();
}

export function useValidateBulkFile() {
  return useMutation({
    mutationFn: async ({ file, target }: { file: File; target: BulkTarget }) =>
      callApi(bulkContract.validate, {
        query: target,
        raw: { body: await bytesOf(file), contentType: 'text/csv' },
      }),
  });
}

export function useRunBulkFile() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ file, target }: { file: File; target: BulkTarget }) =>
      callApi(bulkContract.execute, {
        query: target,
        raw: { body: await bytesOf(file), contentType: 'text/csv' },
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: bulkKeys.all() }),
  });
}

/**
 * Takes the generated secrets of a run: the server hands them out once and deletes them, so the
 * caller saves the text at once. The report then says they were downloaded.
 */
export function useDownloadBulkSecrets() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => callApi(bulkContract.secrets, { params: { id } }),
    onSettled: (_data, _error, id) => queryClient.invalidateQueries({ queryKey: bulkKeys.report(id) }),
  });
}
