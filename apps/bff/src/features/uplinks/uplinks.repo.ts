import { and, eq, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import { jsonRows } from '../../db/json-rows.ts';
import { devices, networkAdapters, uplinks } from '../../db/schema/index.ts';

type Conn = Db | Tx;
export type UplinkInsert = typeof uplinks.$inferInsert;

/** The device behind a network identifier, with what the connector needs to authenticate it. */
export async function findDeviceByIdentifier(db: Conn, networkType: string, identifier: string) {
  const [row] = await db
    .select({
      deviceId: devices.id,
      customerId: devices.customerId,
      sharedSecret: networkAdapters.sharedSecret,
    })
    .from(networkAdapters)
    .innerJoin(devices, eq(devices.id, networkAdapters.deviceId))
    .where(and(eq(networkAdapters.networkType, networkType), eq(networkAdapters.identifier, identifier)))
    .limit(1);
  return row;
}

/** One multi-row insert for a group of uplinks (group commit). */
export async function insertUplinks(db: Conn, rows: UplinkInsert[]): Promise<void> {
  await db.execute(sql`insert into ${uplinks} ${jsonRows(uplinks, rows)}`);
}
