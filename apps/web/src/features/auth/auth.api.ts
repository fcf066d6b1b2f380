import { type Action, contracts, type Login, type SessionUser } from '@openthings/domain';
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { callApi } from '../../lib/api.ts';

export const authKeys = {
  all: () => ['auth'] as const,
  me: () => ['auth', 'me'] as const,
};

export const authQueries = {
  /** The signed-in user; fails with a 401 ApiError when nobody is signed in. */
  me: () =>
    queryOptions({
      queryKey: authKeys.me(),
      queryFn: async ({ signal }) => (await callApi(contracts.auth.me, { signal })).user,
      staleTime: 5 * 60_000,
      retry: false,
    }),
};

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (credentials: Login) =>
      (await callApi(contracts.auth.login, { body: credentials })).user,
    onSuccess: (user) => queryClient.setQueryData(authKeys.me(), user),
  });
}

export function useLogout() {
  return useMutation({ mutationFn: () => callApi(contracts.auth.logout) });
}

export function hasPermission(user: Pick<SessionUser, 'permissions'>, action: Action): boolean {
  return user.permissions.includes(action);
}
