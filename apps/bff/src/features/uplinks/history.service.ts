import {
  type Actor,
  bytesToHex,
  findBuiltInDecoder,
  type HistoryQuery,
  type HistoryUplink,
} from '@openthings/domain';
import type { Deps } from '../../http/types.ts';
import { requireDevice } from '../devices/devices.service.ts';
import * as repo from './history.repo.ts';

const utf8 = new TextDecoder('utf-8', { fatal: true });

function asText(bytes: Uint8Array): string | null {
  try {
    return utf8.decode(bytes);
  } catch {
    return null;
  }
}

/** The device's data history: every uplink with its raw content, decodings and deliveries. */
export function createHistoryService({ db }: Deps) {
  return {
    async uplinks(actor: Actor, deviceId: string, query: HistoryQuery) {
      await requireDevice(db, actor.customerId, deviceId);
      const { page, total } = await repo.listUplinks(db, deviceId, query);
      const ids = page.data.map((u) => u.id);
      const [decoded, delivered] = await Promise.all([repo.decodingsOf(db, ids), repo.deliveriesOf(db, ids)]);
      const data: HistoryUplink[] = page.data.map((u) => ({
        id: u.id,
        receivedAt: u.receivedAt.toISOString(),
        connector: u.connector,
        state: u.state,
        error: u.error,
        payloadHex: bytesToHex(u.payload),
        payloadText: asText(u.payload),
        metadata: u.metadata,
        decodings: decoded
          .filter((d) => d.uplinkId === u.id)
          .map((d) => ({
            flowId: d.flowId,
            decoderId: d.decoderId,
            decoderName: findBuiltInDecoder(d.decoderId)?.name ?? d.decoderId,
            records: d.records as HistoryUplink['decodings'][number]['records'],
            error: d.error,
          })),
        deliveries: delivered.filter((d) => d.uplinkId === u.id).map(({ uplinkId: _u, ...d }) => d),
      }));
      return { page: { ...page, data }, total };
    },

    async reported(actor: Actor, deviceId: string) {
      await requireDevice(db, actor.customerId, deviceId);
      const rows = await repo.reported(db, deviceId);
      return {
        data: rows.map((r) => ({ name: r.name, value: r.value, unit: r.unit, time: r.time.toISOString() })),
      };
    },
  };
}
