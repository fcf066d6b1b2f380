import { readEnv } from './env.ts';
import { startWorker } from './pipeline/worker.ts';
import { boot, fatal, onShutdown } from './runtime.ts';

/** The pipeline worker against PostgreSQL; run N of these, they share work through row claims. */
try {
  const deps = await boot(readEnv(), 'worker');
  const worker = startWorker(deps);
  deps.logger.info('worker running');
  onShutdown(deps.logger, async () => {
    await worker.stop();
    await deps.database.close();
  });
} catch (error) {
  fatal(error);
}
