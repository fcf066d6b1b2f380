import { getConnInfo } from '@hono/node-server/conninfo';
import { authContract } from '@openthings/domain';
import type { Context } from 'hono';
import type { Env } from '../../env.ts';
import { clearSessionCookie, sessionToken, setSessionCookie } from '../../http/auth.ts';
import type { ApiRouter } from '../../http/router.ts';
import type { AppEnv } from '../../http/types.ts';
import type { AuthService } from './auth.service.ts';

function clientIp(c: Context<AppEnv>): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

export function authRoutes(router: ApiRouter, auth: AuthService, env: Env): void {
  router.handle(authContract.login, async ({ body, c }) => {
    const session = await auth.login(body, {
      ip: clientIp(c),
      userAgent: c.req.header('user-agent') ?? null,
    });
    setSessionCookie(c, env, session.token);
    return { user: session.user };
  });

  router.handle(authContract.logout, async ({ c }) => {
    await auth.logout(sessionToken(c));
    clearSessionCookie(c, env);
    return null;
  });

  router.handle(authContract.me, async ({ actor, c }) => {
    const session = actor.kind === 'user' ? await auth.authenticateSession(sessionToken(c) ?? '') : undefined;
    const who = session?.user ?? { id: actor.id, email: '', name: 'API key' };
    return { user: await auth.describe(actor, who) };
  });

  router.handle(authContract.session, async ({ actor, c }) => {
    const session =
      actor?.kind === 'user' ? await auth.authenticateSession(sessionToken(c) ?? '') : undefined;
    return { user: actor && session ? await auth.describe(actor, session.user) : null };
  });

  router.handle(authContract.token, ({ body }) => auth.issueToken(body));
}
