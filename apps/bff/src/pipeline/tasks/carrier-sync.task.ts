import type { Carrier } from '../../features/connectivity/carrier.ts';
import { createConnectivityService } from '../../features/connectivity/connectivity.service.ts';
import type { Deps } from '../../http/types.ts';

/** The carrier's control centre is synchronised daily (opening one SIM reads it fresh in between). */
export const CARRIER_SYNC_INTERVAL_MS = 24 * 3600_000;

/**
 * Runs the daily carrier synchronisation: once at start when it never ran or a whole interval has
 * passed since (restarts must not postpone it forever), then every interval. Each run is an upsert of
 * what the carrier reports, so a second worker doing the same run only repeats work, never breaks it.
 */
export function startCarrierSync(deps: Deps, options: { intervalMs?: number; carrier?: Carrier } = {}) {
  const { logger, now } = deps;
  const intervalMs = options.intervalMs ?? CARRIER_SYNC_INTERVAL_MS;
  const connectivity = createConnectivityService(deps, options.carrier);
  let running: Promise<unknown> | undefined;

  const run = () => {
    if (running) return;
    running = connectivity
      .syncAll()
      .then((r) => logger.info(r, 'carrier sync'))
      .catch((error) => logger.error({ err: error }, 'carrier sync failed'))
      .finally(() => {
        running = undefined;
      });
  };

  const first = connectivity
    .oldestSyncAt()
    .then((at) => {
      if (at === null || now().getTime() - at.getTime() >= intervalMs) run();
    })
    .catch((error) => logger.error({ err: error }, 'carrier sync check failed'));
  const timer = setInterval(run, intervalMs);
  timer.unref();

  return {
    async stop() {
      clearInterval(timer);
      await first;
      await running;
    },
  };
}
