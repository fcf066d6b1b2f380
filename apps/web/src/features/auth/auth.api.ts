import type { Action, Login, SessionUser } from '@openthings/domain';
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';

/** The auth calls and the login rules, with their schemas; loaded on first use (see auth.calls.ts). */
export const loadAuthCalls = () => import('./auth.calls.ts');

export const authKeys = {
  all: () => ['auth'] as const,
  me: () => ['auth', 'me'] as const,
};

export const authQueries = {
  /** The signed-in user; fails with a 401 ApiError when nobody is signed in. */
  me: () =>
    queryOptions({
      queryKey: authKeys.me(),
      queryFn: async ({ signal }) => (await loadAuthCalls()).fetchMe(signal),
      staleTime: 5 * 60_000,
      retry: false,
    }),
};

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (credentials: Login) => (await loadAuthCalls()).login(credentials),
    onSuccess: (user) => queryClient.setQueryData(authKeys.me(), user),
  });
}

export function useLogout() {
  return useMutation({ mutationFn: async () => (await loadAuthCalls()).logout() });
}

export function hasPermission(user: Pick<SessionUser, 'permissions'>, action: Action): boolean {
  return user.permissions.includes(action);
}
