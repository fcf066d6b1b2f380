import { type ContractQuery, contracts, type DataProcessing } from '@openthings/domain';
import { keepPreviousData, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { callApi } from '../../lib/api.ts';
import { flowsKeys } from './flows.api.ts';

export type FlowPageFilter = NonNullable<ContractQuery<typeof contracts.flows.list>>;
export type FlowDevicesFilter = NonNullable<ContractQuery<typeof contracts.flows.devices>>;

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
      queryFn: ({ signal }) => callApi(contracts.flows.list, { query: filter, signal }),
      placeholderData: keepPreviousData,
    }),
  detail: (id: string) =>
    queryOptions({
      queryKey: flowDetailKeys.detail(id),
      queryFn: ({ signal }) => callApi(contracts.flows.get, { params: { id }, signal }),
    }),
  devices: (id: string, filter: FlowDevicesFilter) =>
    queryOptions({
      queryKey: flowDetailKeys.devices(id, filter),
      queryFn: ({ signal }) => callApi(contracts.flows.devices, { params: { id }, query: filter, signal }),
      placeholderData: keepPreviousData,
    }),
  dataProcessing: (id: string) =>
    queryOptions({
      queryKey: flowDetailKeys.dataProcessing(id),
      queryFn: ({ signal }) => callApi(contracts.dataProcessing.get, { params: { id }, signal }),
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
      callApi(contracts.dataProcessing.toggle, {
        params: { id: flowId, deviceTypeId, decoderId },
        body: { enabled },
      }),
    onSuccess: (processing: DataProcessing) =>
      queryClient.setQueryData(flowDetailKeys.dataProcessing(flowId), processing),
  });
}
