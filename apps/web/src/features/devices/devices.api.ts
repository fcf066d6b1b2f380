import {
  type BulkActionSchema,
  type ContractQuery,
  contracts,
  type Device,
  type DeviceCreate,
  type DeviceUpdate,
  type NetworkAdapterCreate,
  type NetworkAdapterUpdate,
} from '@openthings/domain';
import { keepPreviousData, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { callApi } from '../../lib/api.ts';

export type DeviceListFilter = NonNullable<ContractQuery<typeof contracts.devices.list>>;
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
};

export const devicesQueries = {
  list: (filter: DeviceListFilter) =>
    queryOptions({
      queryKey: devicesKeys.list(filter),
      queryFn: ({ signal }) => callApi(contracts.devices.list, { query: filter, signal }),
      placeholderData: keepPreviousData,
    }),
  detail: (id: string) =>
    queryOptions({
      queryKey: devicesKeys.detail(id),
      queryFn: ({ signal }) => callApi(contracts.devices.get, { params: { id }, signal }),
    }),
  adapters: (id: string) =>
    queryOptions({
      queryKey: devicesKeys.adapters(id),
      queryFn: async ({ signal }) =>
        (await callApi(contracts.devices.listAdapters, { params: { id }, signal })).data,
    }),
  flows: (id: string) =>
    queryOptions({
      queryKey: devicesKeys.flows(id),
      queryFn: async ({ signal }) =>
        (await callApi(contracts.flows.ofDevice, { params: { id }, signal })).data,
    }),
  /** The device type catalogue and the customer's own types: small and rarely changing. */
  types: () =>
    queryOptions({
      queryKey: devicesKeys.types(),
      queryFn: async ({ signal }) => (await callApi(contracts.deviceTypes.list, { signal })).data,
      staleTime: 10 * 60_000,
    }),
  loraPlans: () =>
    queryOptions({
      queryKey: devicesKeys.loraPlans(),
      queryFn: async ({ signal }) => (await callApi(contracts.connectivity.loraPlans, { signal })).data,
      staleTime: 60 * 60_000,
    }),
};

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
    mutationFn: (body: DeviceCreate) => callApi(contracts.devices.create, { body }),
    onSuccess: (device) => invalidate(device),
  });
}

export function useUpdateDevice() {
  const invalidate = useInvalidateDevices();
  return useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: DeviceUpdate }) =>
      callApi(contracts.devices.update, { params: { id }, body: patch }),
    onSuccess: (device) => invalidate(device),
  });
}

export function useDeleteDevice() {
  const queryClient = useQueryClient();
  const invalidate = useInvalidateDevices();
  return useMutation({
    mutationFn: (id: string) => callApi(contracts.devices.remove, { params: { id } }),
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
      callApi(active ? contracts.devices.activate : contracts.devices.deactivate, { params: { id } }),
    onSuccess: (device) => invalidate(device),
  });
}

export function useBulkDeviceAction() {
  const invalidate = useInvalidateDevices();
  return useMutation({
    mutationFn: (body: BulkAction) => callApi(contracts.devices.bulkAction, { body }),
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
      body: z.input<typeof contracts.devices.createAdapter.body>;
    }) => callApi(contracts.devices.createAdapter, { params: { id: deviceId }, body }),
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
    }) => callApi(contracts.devices.updateAdapter, { params: { id: deviceId, adapterId }, body: patch }),
    onSuccess: () => invalidate(),
  });
}

export function useRegenerateSecret() {
  return useMutation({
    mutationFn: ({ deviceId, adapterId }: { deviceId: string; adapterId: string }) =>
      callApi(contracts.devices.regenerateSecret, { params: { id: deviceId, adapterId } }),
  });
}

export type { NetworkAdapterCreate };
