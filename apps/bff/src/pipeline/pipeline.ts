import type { Deps } from '../http/types.ts';
import { createActivity } from './decode/activity.ts';
import { createDeliverer } from './deliver/deliverer.ts';
import { createIngestService, UPLINKS_CHANNEL } from './ingest/ingest.service.ts';

/**
 * The pipeline of one process that takes uplinks (`start`, `server`): ingest decodes each group of
 * uplinks in the transaction that stores it, then sends their deliveries from memory; the twin and last
 * message times are written once a second. Workers (`pipeline/worker.ts`) retry what failed and pick up
 * whatever a crash left, from the tables. `deliver: false` leaves every delivery to the workers.
 */
export function createPipeline(deps: Deps, options: { deliver?: boolean } = {}) {
  const activity = createActivity(deps);
  const deliverer = options.deliver === false ? undefined : createDeliverer(deps);
  const ingest = createIngestService(deps, {
    activity,
    ...(deliverer ? { deliverer } : {}),
    wake: () => deps.database.notify(UPLINKS_CHANNEL),
  });
  return {
    ingest,
    deliverer,
    activity,
    /** Resolves once everything taken so far is stored, sent and recorded (tests, shutdown). */
    async idle(): Promise<void> {
      await ingest.idle();
      await deliverer?.idle();
      await activity.flush();
    },
    async close(): Promise<void> {
      await ingest.close();
      await deliverer?.close();
      await activity.flush();
    },
  };
}
export type Pipeline = ReturnType<typeof createPipeline>;
