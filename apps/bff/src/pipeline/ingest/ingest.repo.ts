import { and, eq, inArray, sql } from 'drizzle-orm';
import { type Db, executeRows, type Tx } from '../../db/client.ts';
import { jsonRows } from '../../db/json-rows.ts';
import { decodings, deliveries, devices, networkAdapters, uplinks } from '../../db/schema/index.ts';

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

/** What a group commit stores: its uplinks and what decoding made of them. */
export interface DecodedGroup {
  uplinks: UplinkInsert[];
  decodings: (typeof decodings.$inferInsert)[];
  deliveries: (typeof deliveries.$inferInsert)[];
}

/**
 * Stores a group of uplinks with their decodings and deliveries in one statement — atomic, and one
 * round trip for the whole group commit (each table's rows travel as one JSON parameter). An uplink
 * whose device already has one with its dedup key is left out, and its decodings and deliveries with
 * it. Returns the ids of the uplinks stored. (The foreign keys are checked at the end of the statement,
 * when the uplinks it inserts are there.)
 */
export async function insertDecodedUplinks(db: Conn, group: DecodedGroup): Promise<Set<string>> {
  const parts = [
    sql`with u as (insert into ${uplinks} ${jsonRows(uplinks, group.uplinks)} on conflict do nothing returning id)`,
  ];
  if (group.decodings.length)
    parts.push(sql`, d as (insert into ${decodings} ${jsonRows(decodings, group.decodings)}
      where x."uplinkId" in (select id from u) on conflict do nothing)`);
  if (group.deliveries.length)
    parts.push(sql`, v as (insert into ${deliveries} ${jsonRows(deliveries, group.deliveries)}
      where x."uplinkId" in (select id from u) on conflict do nothing)`);
  parts.push(sql` select id from u`);
  const stored = await executeRows<{ id: string }>(db, sql.join(parts));
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
