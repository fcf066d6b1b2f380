import { readEnv } from './env.ts';
import { listenMetrics } from './http/serve.ts';
import { startWorker } from './pipeline/worker.ts';
import { boot, fatal, onShutdown } from './runtime.ts';

/** The pipeline worker against PostgreSQL; run N of these, they share work through row claims. */
try {
  const deps = await boot(readEnv(), 'worker');
  const worker = startWorker(deps);
  const port = deps.env.METRICS_PORT;
  const metrics = port === undefined ? undefined : await listenMetrics(deps, port);
  deps.logger.info({ metrics: metrics && `${metrics.url}/metrics` }, 'worker running');
  onShutdown(deps.logger, async () => {
    await metrics?.close();
    await worker.stop();
    await deps.database.close();
  });
} catch (error) {
  fatal(error);
}
