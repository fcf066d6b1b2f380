import { mqttAddresses, mqttBrokerInfo, startMqttBroker } from './connectors/mqtt.ts';
import { readEnv } from './env.ts';
import { listen } from './http/serve.ts';
import { createPipeline } from './pipeline/pipeline.ts';
import { boot, fatal, onShutdown } from './runtime.ts';

/** HTTP only (portal, API, connectors) against PostgreSQL; run N of these behind a load balancer. */
try {
  const deps = await boot(readEnv(), 'server');
  // Its pipeline decodes what it takes and makes the first delivery attempts; workers do the retries.
  const pipeline = createPipeline(deps);
  const http = await listen(deps, pipeline);
  const mqtt = await startMqttBroker(deps, { registry: http.registry, pipeline, http: http.server });
  deps.mqttBroker = () => mqttBrokerInfo(mqtt);
  deps.logger.info({ url: http.url, mqtt: mqttAddresses(mqtt, http.url) }, 'server listening');
  onShutdown(deps.logger, async () => {
    await mqtt.close();
    await http.close();
    await pipeline.close();
    await deps.database.close();
  });
} catch (error) {
  fatal(error);
}
