import {
  type LoraIntegration,
  type LoraIntegrationCreate,
  loraIntegrationsContract,
} from '@openthings/domain';
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { callApi } from '../../lib/api.ts';

export const loraIntegrationsKeys = {
  all: () => ['lora-integrations'] as const,
  list: () => ['lora-integrations', 'list'] as const,
  detail: (id: string) => ['lora-integrations', 'detail', id] as const,
};

/** The API answers every integration of the customer at once: a handful, never paged. */
export const loraIntegrationsQueries = {
  list: () =>
    queryOptions({
      queryKey: loraIntegrationsKeys.list(),
      queryFn: async ({ signal }) => (await callApi(loraIntegrationsContract.list, { signal })).data,
    }),
  detail: (id: string) =>
    queryOptions({
      queryKey: loraIntegrationsKeys.detail(id),
      queryFn: ({ signal }) => callApi(loraIntegrationsContract.get, { params: { id }, signal }),
    }),
};

/** Resolves with the integration and its secret: the only answer that ever carries the secret. */
export function useCreateLoraIntegration() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: LoraIntegrationCreate) => callApi(loraIntegrationsContract.create, { body }),
    onSuccess: async ({ secret: _, ...integration }) => {
      // The cache keeps what GET answers, never the secret.
      queryClient.setQueryData(loraIntegrationsKeys.detail(integration.id), integration);
      await queryClient.invalidateQueries({ queryKey: loraIntegrationsKeys.list() });
    },
  });
}

export function useDeleteLoraIntegration() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => callApi(loraIntegrationsContract.remove, { params: { id } }),
    onSuccess: async (_, id) => {
      queryClient.removeQueries({ queryKey: loraIntegrationsKeys.detail(id) });
      await queryClient.invalidateQueries({ queryKey: loraIntegrationsKeys.list() });
    },
  });
}

/**
 * Where the network server posts: the URL the server gives when it knows its public address
 * (PUBLIC_URL), else this portal's own address followed by the integration's path.
 */
export function webhookUrl(
  integration: Pick<LoraIntegration, 'webhookPath' | 'webhookUrl'>,
  origin: string = window.location.origin,
): string {
  return integration.webhookUrl ?? `${origin}${integration.webhookPath}`;
}
