import {
  type BulkActionSchema,
  type ContractQuery,
  connectivityContract,
  type Device,
  type DeviceCreate,
  type DeviceUpdate,
  devicesContract,
  deviceTypesContract,
  flowsContract,
  type NetworkAdapterCreate,
  type NetworkAdapterUpdate,
} from '@openthings/domain';
import {
  keepPreviousData,
  type QueryClient,
  queryOptions,
  useMutation,
  useQueryClient,
} from '@tanstack/react-query';
import type { z } from 'zod';
import { callApi } from '../../lib/api.ts';

export type DeviceListFilter = NonNullable<ContractQuery<typeof devicesContract.list>>;
export type BulkAction = z.input<typeof BulkActionSchema>;

export const devicesKeys = {
  all: () => ['devices'] as const,
  lists: () => ['devices', 'list'] as const,
  list: (filter: DeviceListFilter) => ['devices', 'list', filter] as const,
  detail: (id: string) => ['devices', 'detail', id] as const,
  adapters: (id: string) => ['devices', 'detail', id, 'adapters'] as const,
  flows: (id: string) => ['devices', 'detail', id, 'flows'] as const,
  types: () => ['device-types'] as const,
  loraPlans: () => ['lora-connectivity-plans'] as const,
  freeSims: () => ['sims', 'free'] as const,
  simByIccid: (iccid: string) => ['sims', 'iccid', iccid] as const,
};

export const devicesQueries = {
  list: (filter: DeviceListFilter) =>
    queryOptions({
      queryKey: devicesKeys.list(filter),
      queryFn: ({ signal }) => callApi(devicesContract.list, { query: filter, signal }),
      placeholderData: keepPreviousData,
    }),
  detail: (id: string) =>
    queryOptions({
      queryKey: devicesKeys.detail(id),
      queryFn: ({ signal }) => callApi(devicesContract.get, { params: { id }, signal }),
    }),
  adapters: (id: string) =>
    queryOptions({
      queryKey: devicesKeys.adapters(id),
      queryFn: async ({ signal }) =>
        (await callApi(devicesContract.listAdapters, { params: { id }, signal })).data,
    }),
  flows: (id: string) =>
    queryOptions({
      queryKey: devicesKeys.flows(id),
      queryFn: async ({ signal }) => (await callApi(flowsContract.ofDevice, { params: { id }, signal })).data,
    }),
  /** The device type catalogue and the customer's own types: small and rarely changing. */
  types: () =>
    queryOptions({
      queryKey: devicesKeys.types(),
      queryFn: async ({ signal }) => (await callApi(deviceTypesContract.list, { signal })).data,
      staleTime: 10 * 60_000,
    }),
  loraPlans: () =>
    queryOptions({
      queryKey: devicesKeys.loraPlans(),
      queryFn: async ({ signal }) => (await callApi(connectivityContract.loraPlans, { signal })).data,
      staleTime: 60 * 60_000,
    }),
  /** SIMs of the account not in a device yet, to put in a new M2M device. */
  freeSims: () =>
    queryOptions({
      queryKey: devicesKeys.freeSims(),
      queryFn: async ({ signal }) => {
        const page = await callApi(connectivityContract.list, {
          query: { linked: 'false', limit: 500, sort: 'iccid' },
          signal,
        });
        return page.data.filter((sim) => sim.status !== 'RETIRED');
      },
    }),
  /** The SIM of this account with this ICCID, or null (an early-access SIM is not in the account). */
  simByIccid: (iccid: string) =>
    queryOptions({
      queryKey: devicesKeys.simByIccid(iccid),
      queryFn: async ({ signal }) => {
        const page = await callApi(connectivityContract.list, { query: { iccid, limit: 10 }, signal });
        return page.data.find((sim) => sim.iccid === iccid) ?? null;
      },
    }),
};

/** What the device page shows first, requested together (the router starts it with the page's code). */
export function prefetchDevicePage(queryClient: QueryClient, id: string) {
  void queryClient.prefetchQuery(devicesQueries.detail(id));
  void queryClient.prefetchQuery(devicesQueries.adapters(id));
  void queryClient.prefetchQuery(devicesQueries.types());
}

/** After any change to devices: lists, counts and details may all show it. */
function useInvalidateDevices() {
  const queryClient = useQueryClient();
  return async (device?: Device) => {
    if (device) queryClient.setQueryData(devicesKeys.detail(device.id), device);
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: devicesKeys.all() }),
      // Project usage (device counts) and flow device counts change with devices.
      queryClient.invalidateQueries({ queryKey: ['projects'] }),
      queryClient.invalidateQueries({ queryKey: ['flows'] }),
      queryClient.invalidateQueries({ queryKey: ['sims'] }),
    ]);
  };
}

export function useCreateDevice() {
  const invalidate = useInvalidateDevices();
  return useMutation({
    mutationFn: (body: DeviceCreate) => callApi(devicesContract.create, { body }),
    onSuccess: (device) => invalidate(device),
  });
}

export function useUpdateDevice() {
  const invalidate = useInvalidateDevices();
  return useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: DeviceUpdate }) =>
      callApi(devicesContract.update, { params: { id }, body: patch }),
    onSuccess: (device) => invalidate(device),
  });
}

export function useDeleteDevice() {
  const queryClient = useQueryClient();
  const invalidate = useInvalidateDevices();
  return useMutation({
    mutationFn: (id: string) => callApi(devicesContract.remove, { params: { id } }),
    onSuccess: async (_, id) => {
      queryClient.removeQueries({ queryKey: devicesKeys.detail(id) });
      await invalidate();
    },
  });
}

export function useSetDeviceActive() {
  const invalidate = useInvalidateDevices();
  return useMutation({
    mutationFn: ({ id, active }: { id: string; active: boolean }) =>
      callApi(active ? devicesContract.activate : devicesContract.deactivate, { params: { id } }),
    onSuccess: (device) => invalidate(device),
  });
}

export function useBulkDeviceAction() {
  const invalidate = useInvalidateDevices();
  return useMutation({
    mutationFn: (body: BulkAction) => callApi(devicesContract.bulkAction, { body }),
    onSettled: () => invalidate(),
  });
}

export function useCreateAdapter() {
  const invalidate = useInvalidateDevices();
  return useMutation({
    mutationFn: ({
      deviceId,
      body,
    }: {
      deviceId: string;
      body: z.input<typeof devicesContract.createAdapter.body>;
    }) => callApi(devicesContract.createAdapter, { params: { id: deviceId }, body }),
    onSuccess: () => invalidate(),
  });
}

export function useUpdateAdapter() {
  const invalidate = useInvalidateDevices();
  return useMutation({
    mutationFn: ({
      deviceId,
      adapterId,
      patch,
    }: {
      deviceId: string;
      adapterId: string;
      patch: NetworkAdapterUpdate;
    }) => callApi(devicesContract.updateAdapter, { params: { id: deviceId, adapterId }, body: patch }),
    onSuccess: () => invalidate(),
  });
}

/** Puts a SIM of the account in the device, or takes it out (the SIM stays in the account). */
export function useSimLink() {
  const invalidate = useInvalidateDevices();
  return useMutation({
    mutationFn: ({ simId, deviceId }: { simId: string; deviceId: string | null }) =>
      deviceId
        ? callApi(connectivityContract.linkDevice, { params: { id: simId }, body: { deviceId } })
        : callApi(connectivityContract.unlinkDevice, { params: { id: simId } }),
    onSuccess: () => invalidate(),
  });
}

export function useRegenerateSecret() {
  return useMutation({
    mutationFn: ({ deviceId, adapterId }: { deviceId: string; adapterId: string }) =>
      callApi(devicesContract.regenerateSecret, { params: { id: deviceId, adapterId } }),
  });
}

export type { NetworkAdapterCreate };
