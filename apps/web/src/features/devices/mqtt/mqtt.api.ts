import { bindingsContract } from '@openthings/domain';
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { callApi } from '../../../lib/api.ts';
import { isApiError } from '../../../lib/api-error.ts';

export const mqttKeys = {
  binding: (deviceId: string) => ['mqtt', 'binding', deviceId] as const,
  broker: () => ['mqtt', 'broker'] as const,
};

export const mqttQueries = {
  /** The device's MQTT binding, or null when it has no MQTT access. */
  binding: (deviceId: string) =>
    queryOptions({
      queryKey: mqttKeys.binding(deviceId),
      queryFn: async ({ signal }) =>
        (await callApi(bindingsContract.listMqtt, { query: { deviceId, limit: 1 }, signal })).data[0] ?? null,
    }),
  /** Where devices reach the broker; null when this server runs none. */
  broker: () =>
    queryOptions({
      queryKey: mqttKeys.broker(),
      queryFn: async ({ signal }) => {
        try {
          return await callApi(bindingsContract.mqttBroker, { signal });
        } catch (error) {
          if (isApiError(error, 404)) return null;
          throw error;
        }
      },
      staleTime: 5 * 60_000,
    }),
};

/** Gives a device MQTT access with a password the server generates (shown once in the answer). */
export function useGiveMqttAccess() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (deviceId: string) => callApi(bindingsContract.createMqtt, { body: { deviceId } }),
    // The password is not kept in the cache: it is shown once, from the mutation's answer.
    onSuccess: ({ generatedPassword: _, ...binding }) =>
      queryClient.setQueryData(mqttKeys.binding(binding.deviceId), binding),
  });
}

/** A new generated password (handed to `onPassword`): the old one stops working for new logins at once. */
export function useNewMqttPassword(onPassword: (password: string) => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (bindingId: string) =>
      callApi(bindingsContract.updateMqtt, { params: { id: bindingId }, body: {} }),
    onSuccess: ({ generatedPassword, ...binding }) => {
      queryClient.setQueryData(mqttKeys.binding(binding.deviceId), binding);
      if (generatedPassword) onPassword(generatedPassword);
    },
  });
}

/** Ends the device's MQTT access: it can no longer log in, and its connection is closed. */
export function useRemoveMqttAccess() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (binding: { id: string; deviceId: string }) =>
      callApi(bindingsContract.removeMqtt, { params: { id: binding.id } }),
    onSuccess: (_, binding) => queryClient.setQueryData(mqttKeys.binding(binding.deviceId), null),
  });
}
