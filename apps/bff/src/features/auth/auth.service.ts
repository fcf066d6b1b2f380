import {
  ACCESS_TOKEN_TTL_SECONDS,
  type Actor,
  DomainError,
  type Login,
  permissions,
  type SessionUser,
  type TokenRequest,
} from '@openthings/domain';
import type { Deps } from '../../http/types.ts';
import * as repo from './auth.repo.ts';
import { LoginGuard, LoginRefusedError } from './login-guard.ts';
import { getDummyHash, randomToken, sha256, verifyPassword } from './passwords.ts';

/** A session lasts 12 hours after the last request that extended it. */
export const SESSION_TTL_MS = 12 * 3600_000;
const SESSION_EXTEND_AFTER_MS = 3600_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Resolved bearer tokens are remembered briefly (keyed by the token's SHA-256, as stored): every API
 * call would otherwise pay a lookup. A revocation in this process clears the cache at once; a key
 * revoked or deleted by another process stops working here within this time.
 */
const TOKEN_CACHE_MS = 10_000;
/** Per cache; a full cache is emptied (the next requests read the database again). */
const TOKEN_CACHE_MAX = 10_000;
/**
 * Sessions likewise: a portal page makes several API calls at once, each of which would read the
 * session. A logout in this process ends it at once; elsewhere within this time — and so do a user's
 * deactivation, deletion and role changes, which no request of this process makes.
 */
const SESSION_CACHE_MS = 10_000;
/**
 * `X-Customer-Context`: which reseller a customer belongs to, likewise (no request changes it).
 * Unknown customers are not remembered.
 */
const CUSTOMER_CACHE_MS = 10_000;

export function createAuthService(deps: Deps) {
  const { db, now } = deps;
  // Per (account, address) 10 failures in 15 minutes, as before; per address 30 whatever the account.
  const guard = new LoginGuard({ perAddress: 30 }, () => now().getTime());
  const tokenCache = new Map<string, { actor: Actor; until: number }>();
  const sessionCache = new Map<string, { row: repo.SessionUser; until: number }>();
  const resellerCache = new Map<string, { resellerId: string | null; until: number }>();

  /** The reseller of customer `id` (null: none), from the cache while it is fresh; undefined: unknown. */
  async function resellerOf(id: string): Promise<string | null | undefined> {
    const at = now().getTime();
    const cached = resellerCache.get(id);
    if (cached && cached.until > at) return cached.resellerId;
    const customer = await repo.findCustomer(db, id);
    if (!customer) return undefined;
    if (resellerCache.size >= TOKEN_CACHE_MAX) resellerCache.clear();
    resellerCache.set(id, { resellerId: customer.resellerId, until: at + CUSTOMER_CACHE_MS });
    return customer.resellerId;
  }

  /** The session's user, from the cache while it is fresh, else from the database. */
  async function sessionUser(hash: string, at: number): Promise<repo.SessionUser | undefined> {
    const cached = sessionCache.get(hash);
    if (cached && cached.until > at) return cached.row;
    const row = await repo.findSessionUser(db, hash, now());
    if (!row) return undefined;
    if (sessionCache.size >= TOKEN_CACHE_MAX) sessionCache.clear();
    sessionCache.set(hash, { row, until: Math.min(at + SESSION_CACHE_MS, row.expiresAt.getTime()) });
    return row;
  }

  async function describe(
    actor: Actor,
    user: { id: string; email: string; name: string },
  ): Promise<SessionUser> {
    const [home, acting] = await Promise.all([
      repo.findCustomer(db, actor.homeCustomerId),
      actor.customerId === actor.homeCustomerId ? undefined : repo.findCustomer(db, actor.customerId),
    ]);
    if (!home) throw new DomainError('auth.unauthenticated');
    const ref = (c: NonNullable<typeof home>) => ({ id: c.id, name: c.name, isReseller: c.isReseller });
    return {
      id: user.id,
      email: user.email,
      name: user.name,
      roles: actor.roles,
      permissions: permissions(actor),
      customer: ref(home),
      actingCustomer: ref(acting ?? home),
    };
  }

  function userActor(u: repo.AuthUser): Actor {
    return { kind: 'user', id: u.id, customerId: u.customerId, homeCustomerId: u.customerId, roles: u.roles };
  }

  return {
    /** Checks the password; the answer is the same whether or not the account exists. */
    async login(input: Login, meta: { ip: string; userAgent: string | null }) {
      let user: repo.AuthUser | undefined;
      let ok: boolean;
      try {
        ok = await guard.attempt(input.email.toLowerCase(), meta.ip, async () => {
          user = await repo.findUserByEmail(db, input.email);
          const match = await verifyPassword(input.password, user?.passwordHash ?? (await getDummyHash()));
          return match && user !== undefined && user.status === 'active';
        });
      } catch (error) {
        if (!(error instanceof LoginRefusedError)) throw error;
        throw new DomainError(error.reason === 'busy' ? 'auth.busy' : 'auth.too_many_attempts', {
          detail: error.message,
          retryAfter: error.retryAfter,
        });
      }
      if (!ok || !user) throw new DomainError('auth.invalid_credentials');
      const token = randomToken();
      const expiresAt = new Date(now().getTime() + SESSION_TTL_MS);
      await repo.insertSession(db, {
        tokenHash: sha256(token),
        userId: user.id,
        expiresAt,
        userAgent: meta.userAgent,
      });
      await repo.recordLogin(db, user.id, now());
      return { token, expiresAt, user: await describe(userActor(user), user) };
    },

    async logout(token: string | undefined): Promise<void> {
      if (!token) return;
      sessionCache.delete(sha256(token));
      await repo.deleteSession(db, sha256(token));
    },

    /** The user behind a session cookie; extends the session while it is in use. */
    async authenticateSession(token: string): Promise<{ actor: Actor; user: repo.AuthUser } | undefined> {
      const hash = sha256(token);
      const row = await sessionUser(hash, now().getTime());
      if (row?.status !== 'active') return undefined;
      const expiresAt = now().getTime() + SESSION_TTL_MS;
      if (expiresAt - row.expiresAt.getTime() > SESSION_EXTEND_AFTER_MS) {
        await repo.extendSession(db, hash, new Date(expiresAt));
        row.expiresAt = new Date(expiresAt);
      }
      return { actor: userActor(row), user: row };
    },

    async authenticateBearer(token: string): Promise<Actor> {
      const hash = sha256(token);
      const at = now().getTime();
      const cached = tokenCache.get(hash);
      if (cached && cached.until > at) return cached.actor;
      const key = await repo.findAccessTokenKey(db, hash, now());
      if (!key) throw new DomainError('auth.invalid_token');
      const actor: Actor = {
        kind: 'apiKey',
        id: key.id,
        customerId: key.customerId,
        homeCustomerId: key.customerId,
        roles: key.roles,
      };
      if (tokenCache.size >= TOKEN_CACHE_MAX) tokenCache.clear();
      tokenCache.set(hash, { actor, until: Math.min(at + TOKEN_CACHE_MS, key.expiresAt.getTime()) });
      return actor;
    },

    /** Forgets cached tokens of a revoked API key. */
    forgetApiKey(apiKeyId: string): void {
      for (const [hash, entry] of tokenCache) if (entry.actor.id === apiKeyId) tokenCache.delete(hash);
    },

    /** Client-credentials grant: API key id + secret → a bearer token valid one hour. */
    async issueToken(input: TokenRequest) {
      const key = await repo.findApiKeyByClientId(db, input.client_id);
      const secretOk = key !== undefined && key.secretHash === sha256(input.client_secret);
      if (!key || !secretOk || key.revokedAt) throw new DomainError('auth.invalid_client');
      const token = randomToken();
      const expiresAt = new Date(now().getTime() + ACCESS_TOKEN_TTL_SECONDS * 1000);
      await repo.insertAccessToken(db, { tokenHash: sha256(token), apiKeyId: key.id, expiresAt }, now());
      return { access_token: token, token_type: 'Bearer' as const, expires_in: ACCESS_TOKEN_TTL_SECONDS };
    },

    /**
     * `X-Customer-Context`: a reseller acts in one of its sub-customers. One uuid only, and the caller's
     * own customer must be that customer's reseller; anything else is refused.
     */
    async actInCustomer(actor: Actor, header: string): Promise<Actor> {
      const value = header.trim();
      if (!UUID.test(value)) {
        throw new DomainError('auth.customer_context', {
          detail: 'X-Customer-Context must be one customer id',
        });
      }
      if (value === actor.homeCustomerId) return actor;
      const resellerId = await resellerOf(value.toLowerCase());
      if (resellerId === undefined || resellerId !== actor.homeCustomerId) {
        throw new DomainError('auth.customer_context', {
          detail: 'You are not the reseller of this customer',
        });
      }
      return { ...actor, customerId: value.toLowerCase() };
    },

    describe,
  };
}

export type AuthService = ReturnType<typeof createAuthService>;

export function purgeExpiredCredentials(db: Deps['db'], now: Date): Promise<number> {
  return repo.deleteExpiredCredentials(db, now);
}
