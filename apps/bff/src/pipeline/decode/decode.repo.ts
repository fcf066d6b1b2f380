import { asc, eq, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.ts';
import { inJson, jsonRecordset, jsonRows } from '../../db/json-rows.ts';
import {
  decodings,
  deliveries,
  destinations,
  deviceFlows,
  devices,
  flowDecoders,
  flowDestinations,
  twinReported,
  uplinks,
} from '../../db/schema/index.ts';

export type UplinkRow = typeof uplinks.$inferSelect;
/** What decoding reads of an uplink: the stored row, or one about to be stored. */
export type UplinkInput = Pick<
  UplinkRow,
  'id' | 'customerId' | 'deviceId' | 'connector' | 'receivedAt' | 'payload' | 'metadata'
>;

/** Claims up to `limit` accepted uplinks in arrival order; other workers skip the locked rows. */
export function claimUplinks(tx: Tx, limit: number): Promise<UplinkRow[]> {
  return tx
    .select()
    .from(uplinks)
    .where(eq(uplinks.state, 'accepted'))
    .orderBy(asc(uplinks.id))
    .limit(limit)
    .for('update', { skipLocked: true });
}

/**
 * For each device: its type, primary identity and the flows it is in, the decoders those flows set for
 * its type, and every destination linked to them (with what a sender needs).
 */
export async function deviceContexts(tx: Tx, deviceIds: string[]) {
  const rows = await tx
    .select({
      deviceId: devices.id,
      deviceTypeId: devices.deviceTypeId,
      enabled: devices.enabled,
      networkType: devices.networkType,
      identifier: devices.primaryIdentifier,
    })
    .from(devices)
    .where(inJson(devices.id, deviceIds));
  const links = await tx
    .select({
      deviceId: deviceFlows.deviceId,
      flowId: deviceFlows.flowId,
      destinationId: flowDestinations.destinationId,
    })
    .from(deviceFlows)
    .leftJoin(flowDestinations, eq(flowDestinations.flowId, deviceFlows.flowId))
    .where(inJson(deviceFlows.deviceId, deviceIds));
  const flowIds = [...new Set(links.map((l) => l.flowId))];
  const decoders = flowIds.length
    ? await tx
        .select({
          flowId: flowDecoders.flowId,
          deviceTypeId: flowDecoders.deviceTypeId,
          decoderId: flowDecoders.decoderId,
          enabled: flowDecoders.enabled,
        })
        .from(flowDecoders)
        .where(inJson(flowDecoders.flowId, flowIds))
    : [];
  const destinationIds = [...new Set(links.flatMap((l) => (l.destinationId ? [l.destinationId] : [])))];
  const targets = destinationIds.length
    ? await tx
        .select({
          destinationId: destinations.id,
          kind: destinations.kind,
          status: destinations.status,
          config: destinations.config,
          sharedSecret: destinations.sharedSecret,
          previousSharedSecret: destinations.previousSharedSecret,
          previousSecretUntil: destinations.previousSecretUntil,
        })
        .from(destinations)
        .where(inJson(destinations.id, destinationIds))
    : [];
  return { devices: rows, links, decoders, destinations: targets };
}
export type DeviceContexts = Awaited<ReturnType<typeof deviceContexts>>;

export async function insertDecodings(tx: Tx, rows: (typeof decodings.$inferInsert)[]): Promise<void> {
  if (rows.length)
    await tx.execute(sql`insert into ${decodings} ${jsonRows(decodings, rows)} on conflict do nothing`);
}

/**
 * The latest value per (device, name) wins; an older record arriving late never overwrites a newer one.
 * The rows must name each (device, name) once; they are written in key order, so concurrent workers
 * lock twin rows in the same order and never deadlock.
 */
export async function upsertTwin(tx: Tx, rows: (typeof twinReported.$inferInsert)[]): Promise<void> {
  const sorted = rows.toSorted((a, b) => compare(a.deviceId, b.deviceId) || compare(a.name, b.name));
  if (sorted.length === 0) return;
  await tx.execute(sql`
    insert into ${twinReported} ${jsonRows(twinReported, sorted)}
    on conflict (device_id, name) do update
      set value = excluded.value, unit = excluded.unit, time = excluded.time
      where excluded.time >= ${twinReported.time}`);
}

/** One delivery per (uplink, destination): a re-run of the same uplink adds nothing. */
export async function insertDeliveries(tx: Tx, rows: (typeof deliveries.$inferInsert)[]): Promise<void> {
  if (rows.length)
    await tx.execute(sql`insert into ${deliveries} ${jsonRows(deliveries, rows)} on conflict do nothing`);
}

export interface UplinkOutcome {
  id: string;
  state: 'processed' | 'failed' | 'ignored';
  error: string | null;
}

/** Settles a batch of uplinks in one statement, each uplink with its own state and error. */
export async function finishUplinks(tx: Tx, outcomes: UplinkOutcome[], at: Date): Promise<void> {
  if (outcomes.length === 0) return;
  const v = jsonRecordset('v', { id: 'uuid', state: 'text', error: 'text' }, outcomes);
  await tx.execute(sql`
    update ${uplinks} set state = v.state, error = v.error, processed_at = ${at.toISOString()}::timestamptz
    from ${v} where ${uplinks.id} = v.id`);
}

/** Moves each device's last message time forward (never back), devices in id order. */
export async function setLastMessages(tx: Tx, last: Map<string, Date>): Promise<void> {
  if (last.size === 0) return;
  const rows = [...last].sort(([a], [b]) => compare(a, b)).map(([id, at]) => ({ id, at }));
  const v = jsonRecordset('v', { id: 'uuid', at: 'timestamptz' }, rows);
  await tx.execute(sql`
    update ${devices} set last_message_at = v.at from ${v}
    where ${devices.id} = v.id and coalesce(${devices.lastMessageAt}, '-infinity'::timestamptz) < v.at`);
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
