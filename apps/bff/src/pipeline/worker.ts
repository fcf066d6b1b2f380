import type { Deps } from '../http/types.ts';
import { startCarrierSync } from './carrier-sync.task.ts';
import { housekeeping } from './housekeeping.task.ts';

/**
 * The worker's loop of periodic tasks. The uplink pipeline (decode → store → forward) joins it as
 * claim-based tasks; housekeeping runs every minute, the carrier sync daily.
 */
export function startWorker(deps: Deps, options: { housekeepingMs?: number; carrierSyncMs?: number } = {}) {
  const { logger } = deps;
  let running: Promise<unknown> | undefined;
  const tick = () => {
    if (running) return;
    running = housekeeping(deps)
      .then((r) => {
        if (r.credentials + r.users > 0) logger.info(r, 'housekeeping');
      })
      .catch((error) => logger.error({ err: error }, 'housekeeping failed'))
      .finally(() => {
        running = undefined;
      });
  };
  tick();
  const timer = setInterval(tick, options.housekeepingMs ?? 60_000);
  timer.unref();
  const carrierSync = startCarrierSync(deps, { intervalMs: options.carrierSyncMs });
  return {
    async stop() {
      clearInterval(timer);
      await running;
      await carrierSync.stop();
    },
  };
}
