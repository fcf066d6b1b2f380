import { DomainError } from '@openthings/domain';
import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { Env } from '../env.ts';
import { type AuthService, SESSION_TTL_MS } from '../features/auth/auth.service.ts';
import type { AppEnv } from './types.ts';

export const SESSION_COOKIE = 'ot_session';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function setSessionCookie(c: Context<AppEnv>, env: Env, token: string): void {
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'Lax',
    secure: env.COOKIE_SECURE,
    path: '/',
    maxAge: Math.floor(SESSION_TTL_MS / 1000),
  });
}

export function clearSessionCookie(c: Context<AppEnv>, env: Env): void {
  deleteCookie(c, SESSION_COOKIE, { path: '/', secure: env.COOKIE_SECURE });
}

export function sessionToken(c: Context<AppEnv>): string | undefined {
  return getCookie(c, SESSION_COOKIE);
}

/**
 * A browser sends `Origin` with every cross-site or same-site state-changing fetch; a change made with
 * the session cookie must come from the portal's own origin (or an allowed one). Requests without a
 * cookie session (API clients, the login form itself without Origin) carry no ambient authority.
 */
function checkOrigin(c: Context<AppEnv>, env: Env, cookieAuthenticated: boolean): void {
  const origin = c.req.header('origin');
  if (origin === undefined || origin === 'null') {
    if (!cookieAuthenticated) return;
    if (c.req.header('sec-fetch-site') === 'same-origin') return;
    throw new DomainError('auth.csrf', {
      detail: 'Changes made with a session cookie need an Origin header',
    });
  }
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    throw new DomainError('auth.csrf', { detail: 'The Origin header is not a valid origin' });
  }
  if (host === new URL(c.req.url).host || env.ALLOWED_ORIGINS.includes(origin)) return;
  throw new DomainError('auth.csrf', { detail: `Requests from ${origin} may not change data here` });
}

/** Resolves the actor (bearer token or session cookie), checks CSRF and the customer context. */
export function authenticate(auth: AuthService, env: Env): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    let actor: AppEnv['Variables']['actor'];
    const authorization = c.req.header('authorization');
    if (authorization !== undefined) {
      const match = /^Bearer\s+([A-Za-z0-9._~+/=-]+)$/i.exec(authorization);
      if (!match)
        throw new DomainError('auth.invalid_token', { detail: 'Use Authorization: Bearer <access token>' });
      actor = await auth.authenticateBearer(match[1]!);
      c.set('authVia', 'bearer');
    } else {
      const token = sessionToken(c);
      const session = token ? await auth.authenticateSession(token) : undefined;
      if (session) {
        actor = session.actor;
        c.set('authVia', 'session');
      }
    }
    if (!SAFE_METHODS.has(c.req.method) && c.get('authVia') !== 'bearer') {
      checkOrigin(c, env, c.get('authVia') === 'session');
    }
    const context = c.req.header('x-customer-context');
    if (context !== undefined && actor) actor = await auth.actInCustomer(actor, context);
    c.set('actor', actor);
    await next();
  };
}
