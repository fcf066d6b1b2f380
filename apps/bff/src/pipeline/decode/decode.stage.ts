import { deviceUrn, type NetworkType, nameAfterUrn, type ResolvedSenmlRecord } from '@openthings/domain';
import type { Tx } from '../../db/client.ts';
import { uuidv7 } from '../../db/ids.ts';
import type { Deps } from '../../http/types.ts';
import * as repo from './decode.repo.ts';
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
type DeliveryRow = Parameters<typeof repo.insertDeliveries>[1][number];
type TwinRow = Parameters<typeof repo.upsertTwin>[1][number];

/** Everything one uplink writes: its decodings, deliveries, twin values, outcome and message time. */
interface UplinkPlan {
  outcome: repo.UplinkOutcome;
  decodings: DecodingRow[];
  deliveries: DeliveryRow[];
  twin: TwinRow[];
  lastMessage?: { deviceId: string; at: Date };
}

type Context = Awaited<ReturnType<typeof repo.deviceContexts>>;

/** Decodes one uplink with every flow its device is in; pure apart from ids. */
function planUplink(uplink: repo.UplinkRow, context: Context, at: Date): UplinkPlan {
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

/** Writes plans with one statement per table: twin values and message times coalesced per device. */
async function writePlans(tx: Tx, plans: UplinkPlan[], at: Date): Promise<void> {
  const twin = new Map<string, TwinRow>();
  const lastMessage = new Map<string, Date>();
  for (const plan of plans) {
    for (const row of plan.twin) {
      const key = `${row.deviceId} ${row.name}`;
      const current = twin.get(key);
      if (!current || (current.time as Date) <= (row.time as Date)) twin.set(key, row);
    }
    const last = plan.lastMessage;
    if (last && !(lastMessage.get(last.deviceId)! >= last.at)) lastMessage.set(last.deviceId, last.at);
  }
  await repo.insertDecodings(
    tx,
    plans.flatMap((p) => p.decodings),
  );
  await repo.upsertTwin(tx, [...twin.values()]);
  await repo.insertDeliveries(
    tx,
    plans.flatMap((p) => p.deliveries),
  );
  await repo.finishUplinks(
    tx,
    plans.map((p) => p.outcome),
    at,
  );
  await repo.setLastMessages(tx, lastMessage);
}

/** The database's reason, short enough for the uplink's error column and the history page. */
const storeError = (error: unknown) => {
  // Drizzle wraps the database's error (with the whole query) in its own; the database's says why.
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  const message = (cause instanceof Error ? cause.message : String(cause)).slice(0, 300);
  // Control characters and lone surrogates would make the error itself unstorable.
  const clean = Array.from(message, (ch) => {
    const code = ch.codePointAt(0)!;
    return code < 0x20 || (code >= 0xd800 && code <= 0xdfff) ? '?' : ch;
  }).join('');
  return `The decoded data could not be stored: ${clean}`;
};

/**
 * The decode stage: claims a batch of accepted uplinks and, in the same transaction, stores each
 * flow's decoding, updates the twin's reported state and enqueues one delivery per (uplink,
 * destination). A decoding error marks that uplink failed with the reason; the batch goes on.
 * Every table is written once per batch (multi-row statements), not once per uplink. Should that
 * write fail, the batch is written again uplink by uplink, each in a savepoint: an uplink whose data the
 * database refuses is stored as failed with the reason, and no message can stall the queue (PRODUCT §6:
 * a decoder error never stops the pipeline). Returns how many uplinks it settled.
 */
export async function processUplinks(
  { db, now, logger }: Pick<Deps, 'db' | 'now' | 'logger'>,
  limit = 200,
): Promise<number> {
  return db.transaction(async (tx) => {
    const batch = await repo.claimUplinks(tx, limit);
    if (batch.length === 0) return 0;
    const context = await repo.deviceContexts(tx, [...new Set(batch.map((u) => u.deviceId))]);
    const at = now();
    const plans = batch.map((uplink): UplinkPlan => {
      try {
        return planUplink(uplink, context, at);
      } catch (error) {
        // A fault of ours in one uplink's decoding fails that uplink, never the batch.
        logger.error({ err: error, uplinkId: uplink.id }, 'uplink could not be decoded');
        const outcome = {
          id: uplink.id,
          state: 'failed' as const,
          error: `Decoding failed: ${String(error)}`,
        };
        return { outcome, decodings: [], deliveries: [], twin: [] };
      }
    });
    try {
      await tx.transaction((batchTx) => writePlans(batchTx, plans, at));
      return batch.length;
    } catch (error) {
      if (plans.length === 1) logger.warn({ err: error }, 'decoded uplink could not be stored');
      else
        logger.warn(
          { err: error, uplinks: plans.length },
          'decode batch could not be stored; writing uplink by uplink',
        );
    }
    for (const plan of plans) {
      try {
        await tx.transaction((oneTx) => writePlans(oneTx, [plan], at));
      } catch (error) {
        logger.warn(
          { err: error, uplinkId: plan.outcome.id },
          'uplink failed: its decoded data could not be stored',
        );
        const failed: UplinkPlan = { ...plan, decodings: [], deliveries: [], twin: [] };
        failed.outcome = { id: plan.outcome.id, state: 'failed', error: storeError(error) };
        await writePlans(tx, [failed], at);
      }
    }
    return batch.length;
  });
}
