import { type ContractQuery, type FlowCreate, flowsContract } from '@openthings/domain';
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { callApi } from '../../lib/api.ts';

export type FlowListFilter = NonNullable<ContractQuery<typeof flowsContract.list>>;

export const flowsKeys = {
  all: () => ['flows'] as const,
  list: (filter: FlowListFilter) => ['flows', 'list', filter] as const,
};

/** Every flow (of a project): a customer has a handful per project, one page of 500 covers them. */
export const flowsQueries = {
  list: (projectId: string | null) => {
    const filter: FlowListFilter = { sort: 'name', limit: 500, ...(projectId && { projectId }) };
    return queryOptions({
      queryKey: flowsKeys.list(filter),
      queryFn: async ({ signal }) => (await callApi(flowsContract.list, { query: filter, signal })).data,
    });
  },
};

/** Links change what devices, flows and projects show. */
function useRefresh() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: flowsKeys.all() }),
      queryClient.invalidateQueries({ queryKey: ['devices'] }),
      queryClient.invalidateQueries({ queryKey: ['projects'] }),
    ]);
}

export function useCreateFlow() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: FlowCreate) => callApi(flowsContract.create, { body }),
    onSuccess: refresh,
  });
}

export function useLinkDevice() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ flowId, deviceId, link }: { flowId: string; deviceId: string; link: boolean }) =>
      callApi(link ? flowsContract.link : flowsContract.unlink, { params: { id: flowId, deviceId } }),
    onSuccess: refresh,
  });
}
