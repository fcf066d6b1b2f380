import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.ts';
import {
  decodings,
  deliveries,
  deviceFlows,
  devices,
  flowDecoders,
  flowDestinations,
  twinReported,
  uplinks,
} from '../../db/schema/index.ts';

export type UplinkRow = typeof uplinks.$inferSelect;

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

/** For each device: its type, primary identity and the flows it is in, with their active destinations. */
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
    .where(inArray(devices.id, deviceIds));
  const links = await tx
    .select({
      deviceId: deviceFlows.deviceId,
      flowId: deviceFlows.flowId,
      destinationId: flowDestinations.destinationId,
    })
    .from(deviceFlows)
    .leftJoin(flowDestinations, eq(flowDestinations.flowId, deviceFlows.flowId))
    .where(inArray(deviceFlows.deviceId, deviceIds));
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
        .where(inArray(flowDecoders.flowId, flowIds))
    : [];
  return { devices: rows, links, decoders };
}

export async function insertDecodings(tx: Tx, rows: (typeof decodings.$inferInsert)[]): Promise<void> {
  if (rows.length) await tx.insert(decodings).values(rows).onConflictDoNothing();
}

/** The latest value per (device, name) wins; an older record arriving late never overwrites a newer one. */
export async function upsertTwin(tx: Tx, rows: (typeof twinReported.$inferInsert)[]): Promise<void> {
  if (rows.length === 0) return;
  await tx
    .insert(twinReported)
    .values(rows)
    .onConflictDoUpdate({
      target: [twinReported.deviceId, twinReported.name],
      set: { value: sql`excluded.value`, unit: sql`excluded.unit`, time: sql`excluded.time` },
      setWhere: sql`excluded.time >= ${twinReported.time}`,
    });
}

/** One delivery per (uplink, destination): a re-run of the same uplink adds nothing. */
export async function insertDeliveries(tx: Tx, rows: (typeof deliveries.$inferInsert)[]): Promise<void> {
  if (rows.length) await tx.insert(deliveries).values(rows).onConflictDoNothing();
}

export async function finishUplink(
  tx: Tx,
  id: string,
  state: 'processed' | 'failed' | 'ignored',
  error: string | null,
  at: Date,
) {
  await tx.update(uplinks).set({ state, error, processedAt: at }).where(eq(uplinks.id, id));
}

export async function setLastMessage(tx: Tx, deviceId: string, at: Date): Promise<void> {
  await tx
    .update(devices)
    .set({ lastMessageAt: at })
    .where(
      and(
        eq(devices.id, deviceId),
        sql`coalesce(${devices.lastMessageAt}, '-infinity'::timestamptz) < ${sql.param(at, devices.lastMessageAt)}`,
      ),
    );
}
