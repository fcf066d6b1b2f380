import type { QueryClient } from '@tanstack/react-query';
import { type LoaderFunctionArgs, redirect } from 'react-router';
import { authQueries } from '../features/auth/auth.api.ts';
import { isApiError } from '../lib/api-error.ts';

/** `/login?next=/projects%3Fsort%3D-name` — where to come back to after signing in. */
export function loginPath(location: { pathname: string; search: string }): string {
  const next = `${location.pathname}${location.search}`;
  return next === '/' || next.startsWith('/login') ? '/login' : `/login?next=${encodeURIComponent(next)}`;
}

/** Only paths of this app: never an absolute URL or `//host`, which would leave the portal. */
export function safeNext(next: string | null): string {
  return next?.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : '/';
}

/** Loader of the signed-in layout: `GET /api/auth/me` decides, nobody signed in goes to /login. */
export function requireSession(queryClient: QueryClient) {
  return async ({ request }: LoaderFunctionArgs) => {
    try {
      return await queryClient.ensureQueryData(authQueries.me());
    } catch (error) {
      if (isApiError(error, 401)) throw redirect(loginPath(new URL(request.url)));
      throw error;
    }
  };
}
