import {
  type ContractQuery,
  type Destination,
  type DestinationCreate,
  type DestinationUpdate,
  destinationsContract,
} from '@openthings/domain';
import { keepPreviousData, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { callApi } from '../../lib/api.ts';

export type DestinationListFilter = NonNullable<ContractQuery<typeof destinationsContract.list>>;
export type AttemptFilter = NonNullable<ContractQuery<typeof destinationsContract.attempts>>;
export type DeadLetterFilter = NonNullable<ContractQuery<typeof destinationsContract.deadLetters>>;

export const destinationsKeys = {
  all: () => ['destinations'] as const,
  lists: () => ['destinations', 'list'] as const,
  list: (filter: DestinationListFilter) => ['destinations', 'list', filter] as const,
  detail: (id: string) => ['destinations', 'detail', id] as const,
  attempts: (id: string, filter: AttemptFilter) =>
    ['destinations', 'detail', id, 'attempts', filter] as const,
  deadLetters: (id: string, filter: DeadLetterFilter) =>
    ['destinations', 'detail', id, 'dead-letters', filter] as const,
  inbox: (id: string) => ['destinations', 'detail', id, 'inbox'] as const,
};

/** The destinations linked to one flow: a handful, one page of 500 covers them. */
export function flowDestinationsFilter(flowId: string): DestinationListFilter {
  return { flowId, sort: 'name', limit: 500 };
}

export const destinationsQueries = {
  list: (filter: DestinationListFilter) =>
    queryOptions({
      queryKey: destinationsKeys.list(filter),
      queryFn: ({ signal }) => callApi(destinationsContract.list, { query: filter, signal }),
      placeholderData: keepPreviousData,
    }),
  ofFlow: (flowId: string) =>
    queryOptions({
      queryKey: destinationsKeys.list(flowDestinationsFilter(flowId)),
      queryFn: async ({ signal }) =>
        (await callApi(destinationsContract.list, { query: flowDestinationsFilter(flowId), signal })).data,
    }),
  detail: (id: string) =>
    queryOptions({
      queryKey: destinationsKeys.detail(id),
      queryFn: ({ signal }) => callApi(destinationsContract.get, { params: { id }, signal }),
    }),
  attempts: (id: string, filter: AttemptFilter) =>
    queryOptions({
      queryKey: destinationsKeys.attempts(id, filter),
      queryFn: ({ signal }) =>
        callApi(destinationsContract.attempts, { params: { id }, query: filter, signal }),
      placeholderData: keepPreviousData,
    }),
  deadLetters: (id: string, filter: DeadLetterFilter) =>
    queryOptions({
      queryKey: destinationsKeys.deadLetters(id, filter),
      queryFn: ({ signal }) =>
        callApi(destinationsContract.deadLetters, { params: { id }, query: filter, signal }),
      placeholderData: keepPreviousData,
    }),
  inbox: (id: string) =>
    queryOptions({
      queryKey: destinationsKeys.inbox(id),
      queryFn: async ({ signal }) =>
        (await callApi(destinationsContract.inbox, { params: { id }, signal })).data,
    }),
};

/** Destinations show in lists, flows and project usage (destination counts). */
function useInvalidateDestinations() {
  const queryClient = useQueryClient();
  return async (destination?: Destination) => {
    if (destination) queryClient.setQueryData(destinationsKeys.detail(destination.id), destination);
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: destinationsKeys.all() }),
      queryClient.invalidateQueries({ queryKey: ['projects'] }),
    ]);
  };
}

export function useCreateDestination() {
  const invalidate = useInvalidateDestinations();
  return useMutation({
    mutationFn: (body: DestinationCreate) => callApi(destinationsContract.create, { body }),
    onSuccess: (created) => invalidate(created.destination),
  });
}

export function useUpdateDestination() {
  const invalidate = useInvalidateDestinations();
  return useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: DestinationUpdate }) =>
      callApi(destinationsContract.update, { params: { id }, body: patch }),
    onSuccess: (destination) => invalidate(destination),
  });
}

export function useDeleteDestination() {
  const queryClient = useQueryClient();
  const invalidate = useInvalidateDestinations();
  return useMutation({
    mutationFn: (id: string) => callApi(destinationsContract.remove, { params: { id } }),
    onSuccess: async (_, id) => {
      queryClient.removeQueries({ queryKey: destinationsKeys.detail(id) });
      await invalidate();
    },
  });
}

export function useActivateDestination() {
  const invalidate = useInvalidateDestinations();
  return useMutation({
    mutationFn: (id: string) => callApi(destinationsContract.activate, { params: { id } }),
    onSuccess: (destination) => invalidate(destination),
  });
}

/** Tries a destination without a real delivery; the answer says what the endpoint or broker did. */
export function useTestDestinationConnection() {
  return useMutation({
    mutationFn: (id: string) => callApi(destinationsContract.testConnection, { params: { id } }),
  });
}

/** Links or unlinks a destination and a flow; both the destination and the flow show it. */
export function useLinkDestination() {
  const invalidate = useInvalidateDestinations();
  return useMutation({
    mutationFn: ({ flowId, destinationId, link }: { flowId: string; destinationId: string; link: boolean }) =>
      callApi(link ? destinationsContract.link : destinationsContract.unlink, {
        params: { id: flowId, destinationId },
      }),
    onSuccess: () => invalidate(),
  });
}

export function useReplayDeadLetter() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ destinationId, deliveryId }: { destinationId: string; deliveryId: string }) =>
      callApi(destinationsContract.replay, { params: { id: destinationId, deliveryId } }),
    onSuccess: (_, { destinationId }) =>
      queryClient.invalidateQueries({ queryKey: destinationsKeys.detail(destinationId) }),
  });
}

export function useReplaySince() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ destinationId, since }: { destinationId: string; since: Date }) =>
      callApi(destinationsContract.replaySince, {
        params: { id: destinationId },
        body: { since: since.toISOString() },
      }),
    onSuccess: (_, { destinationId }) =>
      queryClient.invalidateQueries({ queryKey: destinationsKeys.detail(destinationId) }),
  });
}
