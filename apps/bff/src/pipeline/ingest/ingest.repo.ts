import { and, eq, inArray, sql } from 'drizzle-orm';
import { type Db, executeRows, type Tx } from '../../db/client.ts';
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

/**
 * One multi-row insert for a group of uplinks (group commit). Returns the ids stored: an uplink whose
 * device already has one with its dedup key is left out.
 */
export async function insertUplinks(db: Conn, rows: UplinkInsert[]): Promise<Set<string>> {
  const stored = await executeRows<{ id: string }>(
    db,
    sql`insert into ${uplinks} ${jsonRows(uplinks, rows)} on conflict do nothing returning id`,
  );
  return new Set(stored.map((r) => r.id));
}

/** The stored uplink of each (device, dedup key), keyed `<deviceId> <dedupKey>`. */
export async function findByDedupKeys(
  db: Conn,
  keys: { deviceId: string; dedupKey: string }[],
): Promise<Map<string, string>> {
  const found = await db
    .select({ id: uplinks.id, deviceId: uplinks.deviceId, dedupKey: uplinks.dedupKey })
    .from(uplinks)
    .where(
      and(
        inArray(uplinks.deviceId, [...new Set(keys.map((k) => k.deviceId))]),
        inArray(uplinks.dedupKey, [...new Set(keys.map((k) => k.dedupKey))]),
      ),
    );
  return new Map(found.map((r) => [`${r.deviceId} ${r.dedupKey}`, r.id]));
}
