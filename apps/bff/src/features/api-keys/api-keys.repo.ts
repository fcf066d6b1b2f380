import type { ApiKeyListQuerySchema, Role } from '@openthings/domain';
import { and, count, eq, isNull, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db, Tx } from '../../db/client.ts';
import { commonFilters, keyset } from '../../db/pagination.ts';
import { apiKeys } from '../../db/schema/index.ts';

type Conn = Db | Tx;
export type ApiKeyListQuery = z.output<typeof ApiKeyListQuerySchema>;

const columns = {
  id: apiKeys.id,
  name: apiKeys.name,
  description: apiKeys.description,
  clientId: apiKeys.clientId,
  roles: apiKeys.roles,
  lastUsedAt: apiKeys.lastUsedAt,
  revokedAt: apiKeys.revokedAt,
  createdAt: apiKeys.createdAt,
  modifiedAt: apiKeys.modifiedAt,
};
export type ApiKeyRow = Omit<{ [K in keyof typeof columns]: (typeof apiKeys.$inferSelect)[K] }, 'roles'> & {
  roles: Role[];
};

const sortColumns = {
  id: { expr: apiKeys.id, type: 'uuid' },
  name: { expr: sql`lower(${apiKeys.name})`, type: 'text' },
  createdAt: { expr: apiKeys.createdAt, type: 'timestamptz' },
  modifiedAt: { expr: apiKeys.modifiedAt, type: 'timestamptz' },
} as const;

export async function listApiKeys(db: Conn, customerId: string, query: ApiKeyListQuery) {
  const ks = keyset({ columns: sortColumns, sort: query.sort, cursor: query.cursor, limit: query.limit });
  const where = [
    eq(apiKeys.customerId, customerId),
    query.includeRevoked ? undefined : isNull(apiKeys.revokedAt),
    ...commonFilters(query, {
      name: apiKeys.name,
      description: apiKeys.description,
      createdAt: apiKeys.createdAt,
      modifiedAt: apiKeys.modifiedAt,
    }),
  ];
  const rows = await db
    .select({ ...columns, _key: ks.keyValues })
    .from(apiKeys)
    .where(and(...where, ks.where))
    .orderBy(...ks.orderBy)
    .limit(ks.fetch);
  const page = ks.page(rows as (ApiKeyRow & { _key: string[] })[]);
  const total = query.includeTotal
    ? (
        await db
          .select({ n: count() })
          .from(apiKeys)
          .where(and(...where))
      )[0]!.n
    : undefined;
  return { page, total };
}

export async function findApiKey(db: Conn, customerId: string, id: string): Promise<ApiKeyRow | undefined> {
  const [row] = await db
    .select(columns)
    .from(apiKeys)
    .where(and(eq(apiKeys.customerId, customerId), eq(apiKeys.id, id)))
    .limit(1);
  return row as ApiKeyRow | undefined;
}

export async function insertApiKey(db: Conn, row: typeof apiKeys.$inferInsert): Promise<string> {
  const [created] = await db.insert(apiKeys).values(row).returning({ id: apiKeys.id });
  return created!.id;
}

/** Revoking also ends every access token of the key (they are checked against `revoked_at`). */
export async function revokeApiKey(db: Conn, customerId: string, id: string, now: Date) {
  const [row] = await db
    .update(apiKeys)
    .set({ revokedAt: now, modifiedAt: now })
    .where(and(eq(apiKeys.customerId, customerId), eq(apiKeys.id, id), isNull(apiKeys.revokedAt)))
    .returning({ id: apiKeys.id });
  return row;
}
