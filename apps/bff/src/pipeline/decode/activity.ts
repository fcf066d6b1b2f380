import type { Deps } from '../../http/types.ts';
import type { UplinkPlan } from './plan.ts';
import { coalesce, writeActivity } from './store.ts';

/** How often the twin's reported state and devices' last message times are written. */
export const ACTIVITY_FLUSH_MS = 1000;

/**
 * The twin's reported state and each device's last message time, coalesced in memory and written at
 * most once a second: a device that sends ten uplinks a second costs one twin upsert per measurement
 * and one update of its row per second instead of ten. Both are derived from the stored uplinks and
 * decodings (the history stays the durable record), so a crash loses at most the last second of them,
 * which the device's next uplink puts right.
 */
export function createActivity({ db, logger }: Pick<Deps, 'db' | 'logger'>, flushMs = ACTIVITY_FLUSH_MS) {
  let pending = coalesce([]);
  let timer: NodeJS.Timeout | undefined;
  let writing: Promise<void> = Promise.resolve();

  async function write(): Promise<void> {
    timer = undefined;
    const batch = pending;
    pending = coalesce([]);
    if (batch.twin.size === 0 && batch.last.size === 0) return;
    try {
      await db.transaction((tx) => writeActivity(tx, batch));
    } catch (error) {
      // One device's row refused (deleted meanwhile): write the others device by device.
      logger.warn({ err: error }, 'twin and last message times could not be written together; one by one');
      for (const deviceId of new Set([
        ...batch.last.keys(),
        ...[...batch.twin.values()].map((r) => r.deviceId),
      ])) {
        const one = coalesce([]);
        for (const [key, row] of batch.twin) if (row.deviceId === deviceId) one.twin.set(key, row);
        const at = batch.last.get(deviceId);
        if (at) one.last.set(deviceId, at);
        await db.transaction((tx) => writeActivity(tx, one)).catch(() => {});
      }
    }
  }

  return {
    /** Takes what these plans reported; written within a second. */
    note(plans: UplinkPlan[]): void {
      coalesce(plans, pending);
      if (!timer && (pending.twin.size > 0 || pending.last.size > 0)) {
        timer = setTimeout(() => {
          writing = writing.then(write);
        }, flushMs);
      }
    },
    /** Writes whatever is noted now (tests, shutdown). */
    async flush(): Promise<void> {
      if (timer) clearTimeout(timer);
      writing = writing.then(write);
      await writing;
    },
  };
}
export type Activity = ReturnType<typeof createActivity>;
