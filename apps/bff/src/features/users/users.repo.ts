import type { Role, User, UserListQuerySchema } from '@openthings/domain';
import { and, count, eq, isNull, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db, Tx } from '../../db/client.ts';
import { userRoles } from '../../db/fragments.ts';
import { commonFilters, keyset } from '../../db/pagination.ts';
import { roleAssignments, users } from '../../db/schema/index.ts';

type Conn = Db | Tx;
export type UserListQuery = z.output<typeof UserListQuerySchema>;

const columns = {
  id: users.id,
  email: users.email,
  name: users.name,
  status: users.status,
  lastLoginAt: users.lastLoginAt,
  createdAt: users.createdAt,
  modifiedAt: users.modifiedAt,
  roles: userRoles,
};
export type UserRow = {
  id: string;
  email: string;
  name: string;
  status: User['status'];
  lastLoginAt: Date | null;
  createdAt: Date;
  modifiedAt: Date;
  roles: Role[];
};

const sortColumns = {
  id: { expr: users.id, type: 'uuid' },
  name: { expr: sql`lower(${users.name})`, type: 'text' },
  email: { expr: users.email, type: 'text' },
  createdAt: { expr: users.createdAt, type: 'timestamptz' },
  modifiedAt: { expr: users.modifiedAt, type: 'timestamptz' },
} as const;

export async function listUsers(db: Conn, customerId: string, query: UserListQuery) {
  const ks = keyset({ columns: sortColumns, sort: query.sort, cursor: query.cursor, limit: query.limit });
  const where = [
    eq(users.customerId, customerId),
    isNull(users.deletedAt),
    ...commonFilters(query, {
      name: users.name,
      description: users.email,
      createdAt: users.createdAt,
      modifiedAt: users.modifiedAt,
    }),
    query.status ? eq(users.status, query.status) : undefined,
  ];
  const rows = await db
    .select({ ...columns, _key: ks.keyValues })
    .from(users)
    .where(and(...where, ks.where))
    .orderBy(...ks.orderBy)
    .limit(ks.fetch);
  const page = ks.page(rows as (UserRow & { _key: string[] })[]);
  const total = query.includeTotal
    ? (
        await db
          .select({ n: count() })
          .from(users)
          .where(and(...where))
      )[0]!.n
    : undefined;
  return { page, total };
}

export async function findUser(db: Conn, customerId: string, id: string): Promise<UserRow | undefined> {
  const [row] = await db
    .select(columns)
    .from(users)
    .where(and(eq(users.customerId, customerId), eq(users.id, id), isNull(users.deletedAt)))
    .limit(1);
  return row as UserRow | undefined;
}

export async function emailExists(db: Conn, email: string): Promise<boolean> {
  const [row] = await db.select({ id: users.id }).from(users).where(eq(users.email, email)).limit(1);
  return row !== undefined;
}

export async function insertUser(
  db: Conn,
  row: { customerId: string; email: string; name: string; passwordHash: string; roles: Role[] },
): Promise<string> {
  const [created] = await db
    .insert(users)
    .values({ customerId: row.customerId, email: row.email, name: row.name, passwordHash: row.passwordHash })
    .returning({ id: users.id });
  await db.insert(roleAssignments).values(row.roles.map((role) => ({ userId: created!.id, role })));
  return created!.id;
}

export async function purgeDeletedUsers(db: Conn, deletedBefore: Date): Promise<number> {
  const rows = await db
    .delete(users)
    .where(
      and(
        sql`${users.deletedAt} is not null`,
        sql`${users.deletedAt} < ${sql.param(deletedBefore, users.deletedAt)}`,
      ),
    )
    .returning({ id: users.id });
  return rows.length;
}
