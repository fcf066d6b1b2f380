import { type ContractQuery, historyContract } from '@openthings/domain';
import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { callApi } from '../../lib/api.ts';

export type HistoryFilter = NonNullable<ContractQuery<typeof historyContract.uplinks>>;

/** What a device reported: its uplinks as stored and the latest value of each measurement. */
export const insightKeys = {
  all: (deviceId: string) => ['insight', deviceId] as const,
  uplinks: (deviceId: string, filter: HistoryFilter) => ['insight', deviceId, 'uplinks', filter] as const,
  reported: (deviceId: string) => ['insight', deviceId, 'reported'] as const,
};

export const insightQueries = {
  uplinks: (deviceId: string, filter: HistoryFilter) =>
    queryOptions({
      queryKey: insightKeys.uplinks(deviceId, filter),
      queryFn: ({ signal }) =>
        callApi(historyContract.uplinks, { params: { id: deviceId }, query: filter, signal }),
      placeholderData: keepPreviousData,
    }),
  reported: (deviceId: string) =>
    queryOptions({
      queryKey: insightKeys.reported(deviceId),
      queryFn: async ({ signal }) =>
        (await callApi(historyContract.twin, { params: { id: deviceId }, signal })).data,
    }),
};
