import type { ResolvedSenmlRecord } from '@openthings/domain';
import { asc, eq, sql } from 'drizzle-orm';
import { type Db, executeRows, type Tx } from '../../db/client.ts';
import { jsonRecordset, jsonRows } from '../../db/json-rows.ts';
import {
  decodings,
  deliveries,
  destinations,
  deviceActivity,
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
> & {
  /** In memory only: the SenML pack as ingest resolved it to check it (base name `urn`, at receipt). */
  resolved?: { urn: string; records: ResolvedSenmlRecord[] };
};

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

interface ContextRows {
  devices: {
    deviceId: string;
    deviceTypeId: string;
    enabled: boolean;
    networkType: string | null;
    identifier: string | null;
  }[];
  links: { deviceId: string; flowId: string; destinationId: string | null }[];
  decoders: { flowId: string; deviceTypeId: string; decoderId: string; enabled: boolean }[];
  destinations: {
    destinationId: string;
    kind: 'HTTPS' | 'TEST' | 'MQTT';
    status: 'ACTIVE' | 'INACTIVE';
    config: Record<string, unknown>;
    sharedSecret: string;
    previousSharedSecret: string | null;
    previousSecretUntil: string | null;
  }[];
}

/**
 * For each device: its type, primary identity and the flows it is in, the decoders those flows set for
 * its type, and every destination linked to them (with what a sender needs). One statement (four JSON
 * arrays): it runs for every ingest group, where each round trip counts. Keys are matched with
 * `= any(array(…))`: a set-returning function is planned as 100 rows, and `in (select …)` over it became
 * full scans of `devices` and `device_flows` once a flow held thousands of devices (4.4 ms per group
 * with 10,300 devices in bench:mqtt).
 */
export async function deviceContexts(tx: Db | Tx, deviceIds: string[]) {
  const ids = JSON.stringify(deviceIds);
  const [row] = await executeRows<ContextRows>(
    tx,
    sql`
    with ids as (select v::uuid as id from jsonb_array_elements_text(${ids}::jsonb) as v),
    links as (
      select df.device_id, df.flow_id, fd.destination_id
      from ${deviceFlows} df left join ${flowDestinations} fd on fd.flow_id = df.flow_id
      where df.device_id = any(array(select id from ids)))
    select
      coalesce((select json_agg(json_build_object('deviceId', d.id, 'deviceTypeId', d.device_type_id,
        'enabled', d.enabled, 'networkType', d.network_type, 'identifier', d.primary_identifier))
        from ${devices} d where d.id = any(array(select id from ids))), '[]') as devices,
      coalesce((select json_agg(json_build_object('deviceId', l.device_id, 'flowId', l.flow_id,
        'destinationId', l.destination_id)) from links l), '[]') as links,
      coalesce((select json_agg(json_build_object('flowId', f.flow_id, 'deviceTypeId', f.device_type_id,
        'decoderId', f.decoder_id, 'enabled', f.enabled))
        from ${flowDecoders} f where f.flow_id = any(array(select flow_id from links))), '[]') as decoders,
      coalesce((select json_agg(json_build_object('destinationId', de.id, 'kind', de.kind, 'status', de.status,
        'config', de.config, 'sharedSecret', de.shared_secret, 'previousSharedSecret', de.previous_shared_secret,
        'previousSecretUntil', de.previous_secret_until))
        from ${destinations} de where de.id = any(array(select destination_id from links))), '[]') as destinations`,
  );
  const r = row!;
  return {
    devices: r.devices,
    links: r.links,
    decoders: r.decoders,
    destinations: r.destinations.map((d) => ({
      ...d,
      previousSecretUntil: d.previousSecretUntil === null ? null : new Date(d.previousSecretUntil),
    })),
  };
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
    with v as (select * from ${v})
    update ${uplinks} set state = v.state, error = v.error, processed_at = ${at.toISOString()}::timestamptz
    from v where ${uplinks.id} = any(array(select id from v)) and ${uplinks.id} = v.id`);
}

/**
 * Moves each device's last message time forward (never back), devices in id order: the narrow
 * `device_activity` rows, never the wide device row.
 */
export async function setLastMessages(tx: Tx, last: Map<string, Date>): Promise<void> {
  if (last.size === 0) return;
  const rows = [...last].sort(([a], [b]) => compare(a, b)).map(([id, at]) => ({ id, at }));
  const v = jsonRecordset('v', { id: 'uuid', at: 'timestamptz' }, rows);
  // `= any(array(…))`: each device's row is looked up by its key, however the table's size was planned.
  await tx.execute(sql`
    with v as (select * from ${v})
    update ${deviceActivity} set last_message_at = v.at from v
    where ${deviceActivity.deviceId} = any(array(select id from v)) and ${deviceActivity.deviceId} = v.id
      and ${deviceActivity.lastMessageAt} < v.at`);
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
