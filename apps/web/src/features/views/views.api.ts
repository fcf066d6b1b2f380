import {
  type SavedView,
  type SavedViewCreate,
  type SavedViewUpdate,
  viewsContract,
} from '@openthings/domain';
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { callApi } from '../../lib/api.ts';

export type ViewTable = SavedView['table'];

export const viewsKeys = {
  all: () => ['views'] as const,
  list: (table: ViewTable) => ['views', table] as const,
};

export const viewsQueries = {
  list: (table: ViewTable) =>
    queryOptions({
      queryKey: viewsKeys.list(table),
      queryFn: async ({ signal }) => (await callApi(viewsContract.list, { query: { table }, signal })).data,
      staleTime: 5 * 60_000,
    }),
};

export function useViewMutations(table: ViewTable) {
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: viewsKeys.list(table) });
  return {
    create: useMutation({
      mutationFn: (body: SavedViewCreate) => callApi(viewsContract.create, { body }),
      onSuccess: refresh,
    }),
    update: useMutation({
      mutationFn: ({ id, patch }: { id: string; patch: SavedViewUpdate }) =>
        callApi(viewsContract.update, { params: { id }, body: patch }),
      onSuccess: refresh,
    }),
    remove: useMutation({
      mutationFn: (id: string) => callApi(viewsContract.remove, { params: { id } }),
      onSuccess: refresh,
    }),
  };
}
