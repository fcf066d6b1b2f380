import { type ContractQuery, devicesContract } from '@openthings/domain';
import { keepPreviousData, queryOptions, useMutation } from '@tanstack/react-query';
import { callApi } from '../../lib/api.ts';

export type InternetDeviceFilter = NonNullable<ContractQuery<typeof devicesContract.list>>;

export const simulatorKeys = {
  device: (id: string) => ['simulator', 'device', id] as const,
  adapters: (id: string) => ['simulator', 'device', id, 'adapters'] as const,
  devices: (filter: InternetDeviceFilter) => ['simulator', 'devices', filter] as const,
};

export const simulatorQueries = {
  device: (id: string) =>
    queryOptions({
      queryKey: simulatorKeys.device(id),
      queryFn: ({ signal }) => callApi(devicesContract.get, { params: { id }, signal }),
    }),
  adapters: (id: string) =>
    queryOptions({
      queryKey: simulatorKeys.adapters(id),
      queryFn: async ({ signal }) =>
        (await callApi(devicesContract.listAdapters, { params: { id }, signal })).data,
    }),
  /** Devices that can be simulated: those connected over the internet (they post SenML with a secret). */
  devices: (filter: InternetDeviceFilter) =>
    queryOptions({
      queryKey: simulatorKeys.devices(filter),
      queryFn: ({ signal }) =>
        callApi(devicesContract.list, { query: { ...filter, networkType: 'INTERNET' }, signal }),
      placeholderData: keepPreviousData,
    }),
};

/** A new shared secret for the device, shown once; the old one stops working at once. */
export function useRegenerateSecret() {
  return useMutation({
    mutationFn: ({ deviceId, adapterId }: { deviceId: string; adapterId: string }) =>
      callApi(devicesContract.regenerateSecret, { params: { id: deviceId, adapterId } }),
  });
}
