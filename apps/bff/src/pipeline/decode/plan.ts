import { deviceUrn, type NetworkType, nameAfterUrn, type ResolvedSenmlRecord } from '@openthings/domain';
import { uuidv7 } from '../../db/ids.ts';
import type * as repo from './decode.repo.ts';
import { decodersFor, inputKindOf, runDecoder } from './decoders.ts';

/** A measurement's own name: the resolved name without the device URN it was based on. */
export function measurementName(resolved: string, urn: string | null): string {
  const own = urn === null ? null : nameAfterUrn(resolved, urn);
  return own || resolved;
}

/**
 * Relative times are written in microseconds at most: a timestamptz holds no more, and the difference of
 * two Unix times in floating point carries noise (`0.09999990463256836` for 0.1) that the device never sent.
 */
const relative = (t: number, bt: number) => Math.round((t - bt) * 1e6) / 1e6;

/**
 * The body destinations receive: the SenML pack of the records as stored in history, each record named
 * exactly by its resolved name. The first record carries `bt` and, where the device URN is a prefix of
 * its name, `bn` = the URN (PRODUCT §6); a record whose name does not start with the URN (a ThingsML pack
 * with a base name of its own) switches `bn` off with `""` and a later one back on, so a receiver that
 * resolves the pack (RFC 8428 §4.6) gets the very names of the history. Every record keeps its time
 * (relative to `bt`) so receivers can order messages whatever order they arrive in.
 */
export function deliveryBody(urn: string, records: ResolvedSenmlRecord[]): string {
  const bt = records[0]?.t ?? 0;
  let base: string | undefined;
  return JSON.stringify(
    records.map((r, i) => {
      const { n, t, bver: _bver, ...values } = r;
      const own = nameAfterUrn(n, urn);
      const wanted = own === null ? '' : urn;
      const out: Record<string, unknown> = {};
      if (wanted !== base) out.bn = wanted;
      base = wanted;
      if (i === 0) out.bt = bt;
      const name = own ?? n;
      if (name !== '') out.n = name;
      Object.assign(out, values);
      if (i > 0 && t !== bt) out.t = relative(t, bt);
      return out;
    }),
  );
}

type DecodingRow = Parameters<typeof repo.insertDecodings>[1][number];
export type DeliveryRow = Parameters<typeof repo.insertDeliveries>[1][number];
export type TwinRow = Parameters<typeof repo.upsertTwin>[1][number];

/** Everything one uplink writes: its decodings, deliveries, twin values, outcome and message time. */
export interface UplinkPlan {
  outcome: repo.UplinkOutcome;
  decodings: DecodingRow[];
  deliveries: DeliveryRow[];
  twin: TwinRow[];
  lastMessage?: { deviceId: string; at: Date };
}

/**
 * Decodes one uplink with every flow its device is in; pure apart from ids. Never throws: a fault of
 * ours in one uplink's decoding fails that uplink, never its batch.
 */
export function planUplink(uplink: repo.UplinkInput, context: repo.DeviceContexts, at: Date): UplinkPlan {
  try {
    return decodeUplink(uplink, context, at);
  } catch (error) {
    const outcome = { id: uplink.id, state: 'failed' as const, error: `Decoding failed: ${String(error)}` };
    return { outcome, decodings: [], deliveries: [], twin: [] };
  }
}

function decodeUplink(uplink: repo.UplinkInput, context: repo.DeviceContexts, at: Date): UplinkPlan {
  const device = context.devices.find((d) => d.deviceId === uplink.deviceId);
  const plan: UplinkPlan = {
    outcome: { id: uplink.id, state: 'processed', error: null },
    decodings: [],
    deliveries: [],
    twin: [],
  };
  if (device) plan.lastMessage = { deviceId: uplink.deviceId, at: uplink.receivedAt };
  // Deactivated: kept in history, not processed or forwarded.
  if (!device?.enabled) {
    plan.outcome.state = 'ignored';
    return plan;
  }
  const urn =
    device.networkType && device.identifier
      ? deviceUrn(device.networkType as NetworkType, device.identifier)
      : null;
  const links = context.links.filter((l) => l.deviceId === uplink.deviceId);
  const kind = inputKindOf(uplink);
  // Each flow decodes with its own decoders; a decoder error is stored and the others go on.
  const byFlow = new Map<string, ResolvedSenmlRecord[]>();
  const errors: string[] = [];
  for (const flowId of new Set(links.map((l) => l.flowId))) {
    const settings = context.decoders.filter(
      (d) => d.flowId === flowId && d.deviceTypeId === device.deviceTypeId,
    );
    const records: ResolvedSenmlRecord[] = [];
    for (const decoder of decodersFor(kind, device.deviceTypeId, settings)) {
      const result = runDecoder(decoder, uplink, urn);
      if ('error' in result) errors.push(`${decoder.name}: ${result.error}`);
      else records.push(...result.records);
      plan.decodings.push({
        uplinkId: uplink.id,
        flowId,
        decoderId: decoder.id,
        records: 'error' in result ? null : result.records,
        error: 'error' in result ? result.error : null,
      });
    }
    byFlow.set(flowId, records);
  }
  const twin = new Map<string, TwinRow>();
  for (const r of [...byFlow.values()].flat()) {
    const value = r.v ?? r.vs ?? r.vb ?? r.vd ?? r.s;
    if (value === undefined) continue;
    const name = measurementName(r.n, urn);
    const time = new Date(r.t * 1000);
    const current = twin.get(name);
    if (!current || (current.time as Date) <= time)
      twin.set(name, { deviceId: uplink.deviceId, name, value, unit: r.u ?? null, time });
  }
  plan.twin = [...twin.values()];
  if (urn) {
    for (const l of links) {
      const records = byFlow.get(l.flowId) ?? [];
      if (l.destinationId === null || records.length === 0) continue;
      plan.deliveries.push({
        id: uuidv7(at.getTime()),
        customerId: uplink.customerId,
        uplinkId: uplink.id,
        destinationId: l.destinationId,
        flowId: l.flowId,
        deviceId: uplink.deviceId,
        body: deliveryBody(urn, records),
        state: 'pending' as const,
        nextAttemptAt: at,
        createdAt: at,
      });
    }
  }
  const error = errors.length ? errors.join('; ') : null;
  const failed = error !== null && [...byFlow.values()].every((r) => r.length === 0);
  plan.outcome = { id: uplink.id, state: failed ? 'failed' : 'processed', error };
  return plan;
}
