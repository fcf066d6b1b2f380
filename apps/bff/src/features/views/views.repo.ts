import { and, asc, count, eq } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import { savedViews } from '../../db/schema/index.ts';

type Conn = Db | Tx;
export type ViewRow = typeof savedViews.$inferSelect;

const mine = (userId: string) => eq(savedViews.userId, userId);

export function listViews(db: Conn, userId: string, table: string): Promise<ViewRow[]> {
  return db
    .select()
    .from(savedViews)
    .where(and(mine(userId), eq(savedViews.tableName, table)))
    .orderBy(asc(savedViews.createdAt));
}

export async function findView(db: Conn, userId: string, id: string): Promise<ViewRow | undefined> {
  const [row] = await db
    .select()
    .from(savedViews)
    .where(and(mine(userId), eq(savedViews.id, id)))
    .limit(1);
  return row;
}

export async function countViews(db: Conn, userId: string, table: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(savedViews)
    .where(and(mine(userId), eq(savedViews.tableName, table)));
  return row!.n;
}

export async function nameTaken(
  db: Conn,
  userId: string,
  table: string,
  name: string,
): Promise<string | undefined> {
  const [row] = await db
    .select({ id: savedViews.id })
    .from(savedViews)
    .where(and(mine(userId), eq(savedViews.tableName, table), eq(savedViews.name, name)))
    .limit(1);
  return row?.id;
}

/** There is one default per user and table: setting one clears the other first. */
export async function clearDefault(db: Conn, userId: string, table: string): Promise<void> {
  await db
    .update(savedViews)
    .set({ isDefault: false })
    .where(and(mine(userId), eq(savedViews.tableName, table), eq(savedViews.isDefault, true)));
}

export async function insertView(db: Conn, row: typeof savedViews.$inferInsert): Promise<ViewRow> {
  const [created] = await db.insert(savedViews).values(row).returning();
  return created!;
}

export async function updateView(
  db: Conn,
  id: string,
  patch: Partial<typeof savedViews.$inferInsert>,
): Promise<ViewRow> {
  const [row] = await db.update(savedViews).set(patch).where(eq(savedViews.id, id)).returning();
  return row!;
}

export async function deleteView(db: Conn, userId: string, id: string) {
  const [row] = await db
    .delete(savedViews)
    .where(and(mine(userId), eq(savedViews.id, id)))
    .returning({ id: savedViews.id });
  return row;
}
