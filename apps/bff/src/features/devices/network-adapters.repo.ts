import { and, eq, getTableColumns, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import { networkAdapters } from '../../db/schema/index.ts';

type Conn = Db | Tx;
export type AdapterRow = typeof networkAdapters.$inferSelect;

// The linked SIM (sims.device_id) is the source of truth for an M2M device's ICCID; the adapter keeps
// an ICCID only for an "early access" SIM that is not in the account.
const withIccid = {
  ...getTableColumns(networkAdapters),
  iccid: sql<
    string | null
  >`coalesce((select s.iccid from sims s where s.device_id = "network_adapters"."device_id" limit 1), "network_adapters"."iccid")`,
};

export function listAdapters(db: Conn, customerId: string, deviceId: string): Promise<AdapterRow[]> {
  return db
    .select(withIccid)
    .from(networkAdapters)
    .where(and(eq(networkAdapters.customerId, customerId), eq(networkAdapters.deviceId, deviceId)))
    .orderBy(networkAdapters.createdAt);
}

export async function findAdapter(db: Conn, customerId: string, deviceId: string, id: string) {
  const [row] = await db
    .select(withIccid)
    .from(networkAdapters)
    .where(
      and(
        eq(networkAdapters.customerId, customerId),
        eq(networkAdapters.deviceId, deviceId),
        eq(networkAdapters.id, id),
      ),
    )
    .limit(1);
  return row;
}

/** Any device's adapter with this identifier, across all customers: identifiers are global. */
export async function identifierTaken(db: Conn, networkType: string, identifier: string): Promise<boolean> {
  const [row] = await db
    .select({ id: networkAdapters.id })
    .from(networkAdapters)
    .where(and(eq(networkAdapters.networkType, networkType), eq(networkAdapters.identifier, identifier)))
    .limit(1);
  return row !== undefined;
}

export async function insertAdapter(db: Conn, row: typeof networkAdapters.$inferInsert): Promise<AdapterRow> {
  const [created] = await db.insert(networkAdapters).values(row).returning();
  return created!;
}

export async function updateAdapter(
  db: Conn,
  id: string,
  patch: Partial<typeof networkAdapters.$inferInsert>,
): Promise<AdapterRow> {
  const [row] = await db.update(networkAdapters).set(patch).where(eq(networkAdapters.id, id)).returning();
  return row!;
}

export async function deleteAdapter(db: Conn, id: string): Promise<void> {
  await db.delete(networkAdapters).where(eq(networkAdapters.id, id));
}
