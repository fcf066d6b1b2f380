import type { Deps } from '../http/types.ts';
import { processUplinks } from './decode/decode.stage.ts';
import { createDeliverer, type Deliverer } from './deliver/deliverer.ts';
import { UPLINKS_CHANNEL } from './ingest/ingest.service.ts';
import { bulkImport } from './tasks/bulk-import.task.ts';
import { startCarrierSync } from './tasks/carrier-sync.task.ts';
import { housekeeping } from './tasks/housekeeping.task.ts';
import { every } from './tasks/periodic.ts';

/**
 * The worker's loop of periodic tasks. The uplink pipeline (decode → store → forward) joins it as
 * claim-based tasks; housekeeping runs every minute, bulk imports every second, the carrier sync daily.
 */
export function startWorker(
  deps: Deps,
  options: {
    housekeepingMs?: number;
    carrierSyncMs?: number;
    bulkImportMs?: number;
    pollMs?: number;
    /** The process's deliverer, when it has one (`start`); otherwise the worker makes its own. */
    deliverer?: Deliverer | undefined;
  } = {},
) {
  const { logger } = deps;
  const tasks = [
    every(options.housekeepingMs ?? 60_000, 'housekeeping', logger, async () => {
      const r = await housekeeping(deps);
      if (r.credentials + r.users > 0) logger.info(r, 'housekeeping');
    }),
    // Bulk CSV runs are polled each second: a person watches their progress.
    every(options.bulkImportMs ?? 1000, 'bulk import', logger, () => bulkImport(deps)),
  ];
  const ownDeliverer = options.deliverer ? undefined : createDeliverer(deps);
  const deliverer = options.deliverer ?? ownDeliverer!;
  // Each stage drains its queue, then wakes the next; polls catch anything a lost wake-up missed.
  const deliver = every(options.pollMs ?? 1000, 'deliver', logger, () => deliverer.drain());
  const newDeliveries = () => {
    deliverer.wake();
    deliver.kick();
  };
  const decode = every(options.pollMs ?? 1000, 'decode', logger, async () => {
    let settled = 0;
    while (true) {
      const n = await processUplinks(deps, 200);
      if (n === 0) break;
      settled += n;
      newDeliveries();
    }
    return settled;
  });
  tasks.push(decode, deliver);
  void deps.database
    .listen(UPLINKS_CHANNEL, decode.kick)
    .catch((error) => logger.warn({ err: error }, 'cannot listen for uplinks; polling'));
  const carrierSync = startCarrierSync(deps, { intervalMs: options.carrierSyncMs });
  return {
    async stop() {
      await Promise.all(tasks.map((t) => t.stop()));
      await carrierSync.stop();
      await ownDeliverer?.close();
    },
  };
}
