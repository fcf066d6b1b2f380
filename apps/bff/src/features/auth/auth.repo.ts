import type { Role } from '@openthings/domain';
import { and, eq, gt, isNull, lt } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import { userRoles } from '../../db/fragments.ts';
import { accessTokens, apiKeys, customers, sessions, users } from '../../db/schema/index.ts';

type Conn = Db | Tx;

const userColumns = {
  id: users.id,
  customerId: users.customerId,
  email: users.email,
  name: users.name,
  passwordHash: users.passwordHash,
  status: users.status,
  roles: userRoles,
};
export type AuthUser = {
  id: string;
  customerId: string;
  email: string;
  name: string;
  passwordHash: string;
  status: 'active' | 'deactivated';
  roles: Role[];
};

export async function findUserByEmail(db: Conn, email: string): Promise<AuthUser | undefined> {
  const [row] = await db
    .select(userColumns)
    .from(users)
    .where(and(eq(users.email, email), isNull(users.deletedAt)))
    .limit(1);
  return row;
}

export async function recordLogin(db: Conn, userId: string, at: Date): Promise<void> {
  await db.update(users).set({ lastLoginAt: at }).where(eq(users.id, userId));
}

export async function insertSession(
  db: Conn,
  row: { tokenHash: string; userId: string; expiresAt: Date; userAgent: string | null },
): Promise<void> {
  await db.insert(sessions).values(row);
}

/** The session's user, if the session is live and the user active and not deleted. */
export type SessionUser = AuthUser & { expiresAt: Date };

export async function findSessionUser(
  db: Conn,
  tokenHash: string,
  now: Date,
): Promise<SessionUser | undefined> {
  const [row] = await db
    .select({ ...userColumns, expiresAt: sessions.expiresAt })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.tokenHash, tokenHash), gt(sessions.expiresAt, now), isNull(users.deletedAt)))
    .limit(1);
  return row;
}

export async function extendSession(db: Conn, tokenHash: string, expiresAt: Date): Promise<void> {
  await db.update(sessions).set({ expiresAt }).where(eq(sessions.tokenHash, tokenHash));
}

export async function deleteSession(db: Conn, tokenHash: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
}

export async function findApiKeyByClientId(db: Conn, clientId: string) {
  const [row] = await db
    .select({
      id: apiKeys.id,
      customerId: apiKeys.customerId,
      secretHash: apiKeys.secretHash,
      roles: apiKeys.roles,
      revokedAt: apiKeys.revokedAt,
    })
    .from(apiKeys)
    .where(eq(apiKeys.clientId, clientId))
    .limit(1);
  return row;
}

export async function insertAccessToken(
  db: Conn,
  row: { tokenHash: string; apiKeyId: string; expiresAt: Date },
  now: Date,
): Promise<void> {
  await db.insert(accessTokens).values(row);
  await db.update(apiKeys).set({ lastUsedAt: now }).where(eq(apiKeys.id, row.apiKeyId));
}

/** The API key behind a live access token, unless the key was revoked. */
export async function findAccessTokenKey(db: Conn, tokenHash: string, now: Date) {
  const [row] = await db
    .select({
      id: apiKeys.id,
      customerId: apiKeys.customerId,
      roles: apiKeys.roles,
      expiresAt: accessTokens.expiresAt,
    })
    .from(accessTokens)
    .innerJoin(apiKeys, eq(apiKeys.id, accessTokens.apiKeyId))
    .where(
      and(eq(accessTokens.tokenHash, tokenHash), gt(accessTokens.expiresAt, now), isNull(apiKeys.revokedAt)),
    )
    .limit(1);
  return row ? { ...row, roles: row.roles as Role[] } : undefined;
}

export async function findCustomer(db: Conn, id: string) {
  const [row] = await db
    .select({
      id: customers.id,
      name: customers.name,
      isReseller: customers.isReseller,
      resellerId: customers.resellerId,
    })
    .from(customers)
    .where(eq(customers.id, id))
    .limit(1);
  return row;
}

/** Housekeeping: drop sessions and access tokens that have expired. */
export async function deleteExpiredCredentials(db: Conn, now: Date): Promise<number> {
  const s = await db.delete(sessions).where(lt(sessions.expiresAt, now)).returning({ k: sessions.tokenHash });
  const t = await db
    .delete(accessTokens)
    .where(lt(accessTokens.expiresAt, now))
    .returning({ k: accessTokens.tokenHash });
  return s.length + t.length;
}
