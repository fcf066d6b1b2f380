import { type ContractQuery, contracts, type SimUpdate } from '@openthings/domain';
import { keepPreviousData, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { callApi } from '../../lib/api.ts';

export type SimListFilter = NonNullable<ContractQuery<typeof contracts.connectivity.list>>;

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
      queryFn: ({ signal }) => callApi(contracts.connectivity.list, { query: filter, signal }),
      placeholderData: keepPreviousData,
    }),
  /** Opening a SIM reads it fresh from the carrier's control centre. */
  detail: (id: string) =>
    queryOptions({
      queryKey: simsKeys.detail(id),
      queryFn: ({ signal }) => callApi(contracts.connectivity.get, { params: { id }, signal }),
      staleTime: 0,
    }),
  plans: () =>
    queryOptions({
      queryKey: simsKeys.plans(),
      queryFn: ({ signal }) => callApi(contracts.connectivity.plans, { signal }),
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
      callApi(contracts.connectivity.update, { params: { id }, body: patch }),
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
        ? callApi(contracts.connectivity.linkDevice, { params: { id }, body: { deviceId } })
        : callApi(contracts.connectivity.unlinkDevice, { params: { id } }),
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
      callApi(contracts.connectivity.swap, { params: { id }, body: { newIccid } }),
    onSuccess: async ({ from, to }) => {
      queryClient.setQueryData(simsKeys.detail(from.id), from);
      queryClient.setQueryData(simsKeys.detail(to.id), to);
      await refresh();
    },
  });
}
