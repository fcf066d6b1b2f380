import { type ContractQuery, connectivityContract, type SimUpdate } from '@openthings/domain';
import { keepPreviousData, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { callApi } from '../../lib/api.ts';

export type SimListFilter = NonNullable<ContractQuery<typeof connectivityContract.list>>;

export const simsKeys = {
  all: () => ['sims'] as const,
  list: (filter: SimListFilter) => ['sims', 'list', filter] as const,
  detail: (id: string) => ['sims', 'detail', id] as const,
  plans: () => ['sim-plans'] as const,
};

export const simsQueries = {
  list: (filter: SimListFilter) =>
    queryOptions({
      queryKey: simsKeys.list(filter),
      queryFn: ({ signal }) => callApi(connectivityContract.list, { query: filter, signal }),
      placeholderData: keepPreviousData,
    }),
  /** Opening a SIM reads it fresh from the carrier's control centre. */
  detail: (id: string) =>
    queryOptions({
      queryKey: simsKeys.detail(id),
      queryFn: ({ signal }) => callApi(connectivityContract.get, { params: { id }, signal }),
      staleTime: 0,
    }),
  plans: () =>
    queryOptions({
      queryKey: simsKeys.plans(),
      queryFn: ({ signal }) => callApi(connectivityContract.plans, { signal }),
      staleTime: 60 * 60_000,
    }),
};

/** SIM changes show in SIM lists and in devices (their M2M tab, free SIMs). */
function useRefresh() {
  const queryClient = useQueryClient();
  return async (sim?: { id: string }) => {
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: simsKeys.all(), refetchType: 'active' }),
      queryClient.invalidateQueries({ queryKey: ['devices'] }),
    ]);
    return sim;
  };
}

export function useUpdateSim() {
  const queryClient = useQueryClient();
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: SimUpdate }) =>
      callApi(connectivityContract.update, { params: { id }, body: patch }),
    onSuccess: async (sim) => {
      queryClient.setQueryData(simsKeys.detail(sim.id), sim);
      await refresh();
    },
  });
}

export function useSimDevice() {
  const queryClient = useQueryClient();
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, deviceId }: { id: string; deviceId: string | null }) =>
      deviceId
        ? callApi(connectivityContract.linkDevice, { params: { id }, body: { deviceId } })
        : callApi(connectivityContract.unlinkDevice, { params: { id } }),
    onSuccess: async (sim) => {
      queryClient.setQueryData(simsKeys.detail(sim.id), sim);
      await refresh();
    },
  });
}

export function useSwapSim() {
  const queryClient = useQueryClient();
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, newIccid }: { id: string; newIccid: string }) =>
      callApi(connectivityContract.swap, { params: { id }, body: { newIccid } }),
    onSuccess: async ({ from, to }) => {
      queryClient.setQueryData(simsKeys.detail(from.id), from);
      queryClient.setQueryData(simsKeys.detail(to.id), to);
      await refresh();
    },
  });
}
