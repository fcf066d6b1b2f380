import {
  type ContractQuery,
  type DataProcessing,
  dataProcessingContract,
  flowsContract,
} from '@openthings/domain';
import { keepPreviousData, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { callApi } from '../../lib/api.ts';
import { flowsKeys } from './flows.api.ts';

export type FlowPageFilter = NonNullable<ContractQuery<typeof flowsContract.list>>;
export type FlowDevicesFilter = NonNullable<ContractQuery<typeof flowsContract.devices>>;

/** The flows table and one flow's page: the flow, its devices, its data processing (under the flows key). */
export const flowDetailKeys = {
  page: (filter: FlowPageFilter) => [...flowsKeys.all(), 'page', filter] as const,
  detail: (id: string) => [...flowsKeys.all(), 'detail', id] as const,
  devices: (id: string, filter: FlowDevicesFilter) =>
    [...flowsKeys.all(), 'detail', id, 'devices', filter] as const,
  dataProcessing: (id: string) => [...flowsKeys.all(), 'detail', id, 'data-processing'] as const,
};

export const flowDetailQueries = {
  /** A page of the flows table (sort and cursor from the URL). */
  page: (filter: FlowPageFilter) =>
    queryOptions({
      queryKey: flowDetailKeys.page(filter),
      queryFn: ({ signal }) => callApi(flowsContract.list, { query: filter, signal }),
      placeholderData: keepPreviousData,
    }),
  detail: (id: string) =>
    queryOptions({
      queryKey: flowDetailKeys.detail(id),
      queryFn: ({ signal }) => callApi(flowsContract.get, { params: { id }, signal }),
    }),
  devices: (id: string, filter: FlowDevicesFilter) =>
    queryOptions({
      queryKey: flowDetailKeys.devices(id, filter),
      queryFn: ({ signal }) => callApi(flowsContract.devices, { params: { id }, query: filter, signal }),
      placeholderData: keepPreviousData,
    }),
  dataProcessing: (id: string) =>
    queryOptions({
      queryKey: flowDetailKeys.dataProcessing(id),
      queryFn: ({ signal }) => callApi(dataProcessingContract.get, { params: { id }, signal }),
    }),
};

/** Switches a decoder on or off; the answer is the flow's whole data processing, kept as it comes. */
export function useToggleDecoder(flowId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({
      deviceTypeId,
      decoderId,
      enabled,
    }: {
      deviceTypeId: string;
      decoderId: string;
      enabled: boolean;
    }) =>
      callApi(dataProcessingContract.toggle, {
        params: { id: flowId, deviceTypeId, decoderId },
        body: { enabled },
      }),
    onSuccess: (processing: DataProcessing) =>
      queryClient.setQueryData(flowDetailKeys.dataProcessing(flowId), processing),
  });
}
