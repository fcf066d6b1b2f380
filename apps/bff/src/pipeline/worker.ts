import type { Deps } from '../http/types.ts';
import { bulkImport } from './bulk-import.task.ts';
import { startCarrierSync } from './carrier-sync.task.ts';
import { housekeeping } from './housekeeping.task.ts';
import { every } from './periodic.ts';

/**
 * The worker's loop of periodic tasks. The uplink pipeline (decode → store → forward) joins it as
 * claim-based tasks; housekeeping runs every minute, bulk imports every second, the carrier sync daily.
 */
export function startWorker(
  deps: Deps,
  options: { housekeepingMs?: number; carrierSyncMs?: number; bulkImportMs?: number } = {},
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
  const carrierSync = startCarrierSync(deps, { intervalMs: options.carrierSyncMs });
  return {
    async stop() {
      await Promise.all(tasks.map((t) => t.stop()));
      await carrierSync.stop();
    },
  };
}
