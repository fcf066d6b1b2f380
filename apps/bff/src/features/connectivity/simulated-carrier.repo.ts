import { and, asc, eq, gt, like, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import { simulatedCarrierSims } from '../../db/schema/index.ts';

type Conn = Db | Tx;

/** The simulator's own records: the "external" control centre's database, apart from our `sims`. */
export type CarrierRecord = typeof simulatedCarrierSims.$inferSelect;

/** `lock` holds the record until the transaction ends, so two changes to one SIM do not interleave. */
export async function findCarrierRecord(
  db: Conn,
  iccid: string,
  options: { lock?: boolean } = {},
): Promise<CarrierRecord | undefined> {
  const query = db.select().from(simulatedCarrierSims).where(eq(simulatedCarrierSims.iccid, iccid)).limit(1);
  const [row] = options.lock ? await query.for('update') : await query;
  return row;
}

export async function listCarrierRecords(
  db: Conn,
  customerId: string,
  afterIccid: string | undefined,
  limit: number,
): Promise<CarrierRecord[]> {
  return db
    .select()
    .from(simulatedCarrierSims)
    .where(
      and(
        eq(simulatedCarrierSims.customerId, customerId),
        afterIccid === undefined ? undefined : gt(simulatedCarrierSims.iccid, afterIccid),
      ),
    )
    .orderBy(asc(simulatedCarrierSims.iccid))
    .limit(limit);
}

export async function listCarrierCustomerIds(db: Conn): Promise<string[]> {
  const rows = await db
    .selectDistinct({ customerId: simulatedCarrierSims.customerId })
    .from(simulatedCarrierSims)
    .orderBy(simulatedCarrierSims.customerId);
  return rows.map((r) => r.customerId);
}

export async function updateCarrierRecord(
  db: Conn,
  iccid: string,
  patch: Partial<Omit<CarrierRecord, 'iccid' | 'customerId'>>,
): Promise<CarrierRecord> {
  const [row] = await db
    .update(simulatedCarrierSims)
    .set(patch)
    .where(eq(simulatedCarrierSims.iccid, iccid))
    .returning();
  return row!;
}

export async function insertCarrierRecords(db: Conn, rows: (typeof simulatedCarrierSims.$inferInsert)[]) {
  if (rows.length === 0) return;
  await db.insert(simulatedCarrierSims).values(rows);
}

/** The highest ICCID issued under `prefix`, to continue the serial numbers after it. */
export async function highestIccid(db: Conn, prefix: string): Promise<string | undefined> {
  const [row] = await db
    .select({ iccid: sql<string | null>`max(${simulatedCarrierSims.iccid})` })
    .from(simulatedCarrierSims)
    .where(like(simulatedCarrierSims.iccid, `${prefix}%`));
  return row?.iccid ?? undefined;
}
