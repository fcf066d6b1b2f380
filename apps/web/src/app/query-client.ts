import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { isApiError } from '../lib/api-error.ts';

function sessionEnded(error: unknown): boolean {
  return isApiError(error, 401) && error.code === 'auth.unauthenticated';
}

/**
 * One client for the app. A 401 "not signed in" anywhere means the session ended: `onSessionEnded`
 * sends the user to sign in again. Errors are not retried when retrying cannot help (4xx).
 */
export function createQueryClient(onSessionEnded: () => void): QueryClient {
  return new QueryClient({
    queryCache: new QueryCache({
      onError: (error) => {
        if (sessionEnded(error)) onSessionEnded();
      },
    }),
    mutationCache: new MutationCache({
      onError: (error) => {
        if (sessionEnded(error)) onSessionEnded();
      },
    }),
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        retry: (failureCount, error) =>
          failureCount < 2 && !(isApiError(error) && error.status >= 400 && error.status < 500),
      },
    },
  });
}
