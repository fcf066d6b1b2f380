import { deviceUrn, type NetworkType, type ResolvedSenmlRecord } from '@openthings/domain';
import { uuidv7 } from '../../db/ids.ts';
import type { Deps } from '../../http/types.ts';
import { decodersFor, inputKindOf, runDecoder } from './decode.ts';
import * as repo from './pipeline.repo.ts';

/** A measurement's own name: the resolved name without the device URN it was based on. */
export function measurementName(resolved: string, urn: string | null): string {
  return urn && resolved.startsWith(urn) ? resolved.slice(urn.length) || resolved : resolved;
}

/**
 * The body destinations receive: a SenML pack whose first record carries the device URN as `bn` and
 * the first record's time as `bt`; every record keeps its time (relative to `bt`) so receivers can
 * order messages whatever order they arrive in.
 */
export function deliveryBody(urn: string, records: ResolvedSenmlRecord[]): string {
  const bt = records[0]?.t ?? 0;
  return JSON.stringify(
    records.map((r, i) => {
      const { n, t, bver: _bver, ...values } = r;
      const name = measurementName(n, urn);
      return i === 0
        ? { bn: urn, bt, n: name, ...values }
        : { n: name, ...values, ...(t !== bt ? { t: t - bt } : {}) };
    }),
  );
}

/**
 * The decode stage: claims a batch of accepted uplinks and, in the same transaction, stores each
 * flow's decoding, updates the twin's reported state and enqueues one delivery per (uplink,
 * destination). A decoding error marks that uplink failed with the reason; the batch goes on.
 * Every table is written once per batch (multi-row statements), not once per uplink. Returns how
 * many uplinks it settled.
 */
export async function processUplinks({ db, now }: Pick<Deps, 'db' | 'now'>, limit = 200): Promise<number> {
  return db.transaction(async (tx) => {
    const batch = await repo.claimUplinks(tx, limit);
    if (batch.length === 0) return 0;
    const context = await repo.deviceContexts(tx, [...new Set(batch.map((u) => u.deviceId))]);
    const devices = new Map(context.devices.map((d) => [d.deviceId, d]));
    const at = now();
    const decodingRows: Parameters<typeof repo.insertDecodings>[1] = [];
    const deliveryRows: Parameters<typeof repo.insertDeliveries>[1] = [];
    const outcomes: repo.UplinkOutcome[] = [];
    // The newest value per (device, name) over the whole batch, and each device's newest message.
    const twin = new Map<string, Parameters<typeof repo.upsertTwin>[1][number]>();
    const lastMessage = new Map<string, Date>();
    const noteLastMessage = (deviceId: string, receivedAt: Date) => {
      const seen = lastMessage.get(deviceId);
      if (!seen || seen < receivedAt) lastMessage.set(deviceId, receivedAt);
    };
    for (const uplink of batch) {
      const device = devices.get(uplink.deviceId);
      // Deactivated: kept in history, not processed or forwarded.
      if (!device?.enabled) {
        outcomes.push({ id: uplink.id, state: 'ignored', error: null });
        if (device) noteLastMessage(uplink.deviceId, uplink.receivedAt);
        continue;
      }
      const urn =
        device?.networkType && device.identifier
          ? deviceUrn(device.networkType as NetworkType, device.identifier)
          : null;
      const links = context.links.filter((l) => l.deviceId === uplink.deviceId);
      const flowIds = [...new Set(links.map((l) => l.flowId))];
      const kind = inputKindOf(uplink);
      // Each flow decodes with its own decoders; a decoder error is stored and the others go on.
      const byFlow = new Map<string, ResolvedSenmlRecord[]>();
      const errors: string[] = [];
      for (const flowId of flowIds) {
        const settings = context.decoders.filter(
          (d) => d.flowId === flowId && d.deviceTypeId === device.deviceTypeId,
        );
        const records: ResolvedSenmlRecord[] = [];
        for (const decoder of decodersFor(kind, device.deviceTypeId, settings)) {
          const result = runDecoder(decoder, uplink, urn);
          if ('error' in result) errors.push(`${decoder.name}: ${result.error}`);
          else records.push(...result.records);
          decodingRows.push({
            uplinkId: uplink.id,
            flowId,
            decoderId: decoder.id,
            records: 'error' in result ? null : result.records,
            error: 'error' in result ? result.error : null,
          });
        }
        byFlow.set(flowId, records);
      }

      for (const r of [...byFlow.values()].flat()) {
        const value = r.v ?? r.vs ?? r.vb ?? r.vd ?? r.s;
        if (value === undefined) continue;
        const name = measurementName(r.n, urn);
        const key = `${uplink.deviceId} ${name}`;
        const time = new Date(r.t * 1000);
        const current = twin.get(key);
        if (!current || (current.time as Date) <= time)
          twin.set(key, { deviceId: uplink.deviceId, name, value, unit: r.u ?? null, time });
      }
      if (urn) {
        for (const l of links) {
          const records = byFlow.get(l.flowId) ?? [];
          if (l.destinationId === null || records.length === 0) continue;
          deliveryRows.push({
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
      outcomes.push({ id: uplink.id, state: failed ? 'failed' : 'processed', error });
      noteLastMessage(uplink.deviceId, uplink.receivedAt);
    }
    await repo.insertDecodings(tx, decodingRows);
    await repo.upsertTwin(tx, [...twin.values()]);
    await repo.insertDeliveries(tx, deliveryRows);
    await repo.finishUplinks(tx, outcomes, at);
    await repo.setLastMessages(tx, lastMessage);
    return batch.length;
  });
}
