import { mqttAddresses, mqttBrokerInfo, startMqttBroker } from './connectors/mqtt.ts';
import { readEnv } from './env.ts';
import { DEMO } from './features/demo/demo.seed.ts';
import { listen } from './http/serve.ts';
import { createPipeline } from './pipeline/pipeline.ts';
import { startWorker } from './pipeline/worker.ts';
import { boot, fatal, onShutdown } from './runtime.ts';

/** Everything in one process on the embedded database (or PostgreSQL when DATABASE_URL is set). */
try {
  const env = readEnv();
  const deps = await boot(env, 'start');
  const pipeline = createPipeline(deps);
  const http = await listen(deps, pipeline);
  const mqtt = await startMqttBroker(deps, { registry: http.registry, pipeline, http: http.server });
  deps.mqttBroker = () => mqttBrokerInfo(mqtt);
  // One process: the worker's retries and the first attempts share one deliverer (one window).
  const worker = startWorker(deps, { deliverer: pipeline.deliverer });
  const where = deps.database.driver === 'pglite' ? `embedded database in ${env.DATA_DIR}` : 'PostgreSQL';
  console.log(`\n  OpenThings is running at ${http.url}  (${where})`);
  for (const line of mqttAddresses(mqtt, http.url)) console.log(`  ${line}`);
  if (env.SEED_DEMO) {
    console.log(`  Demo login: ${DEMO.email} / ${DEMO.password}`);
    console.log('  and a demo user per role with the same password (README.md, Quick start).');
  }
  console.log('  Stop with Ctrl+C.\n');
  onShutdown(deps.logger, async () => {
    await mqtt.close();
    await http.close();
    await pipeline.close();
    await worker.stop();
    await deps.database.close();
  });
} catch (error) {
  fatal(error);
}
