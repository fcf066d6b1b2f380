import { createServer } from 'node:http';
import { getRequestListener, type ServerType } from '@hono/node-server';
import type { Registry } from 'prom-client';
import { createApp } from '../app.ts';
import { senmlFastPath } from '../connectors/http-senml.ts';
import type { Pipeline } from '../pipeline/pipeline.ts';
import type { Deps } from './types.ts';

/**
 * Serves the app on HOST:PORT; resolves once listening, with the bound address. Device POSTs of the
 * HTTP SenML connector are answered before Hono (`senmlFastPath`); everything else goes to the app.
 */
export function listen(
  deps: Deps,
  pipeline: Pipeline,
): Promise<{ server: ServerType; url: string; registry: Registry; close: () => Promise<void> }> {
  const { app, metrics } = createApp(deps, pipeline);
  const device = senmlFastPath(pipeline.ingest, deps.logger);
  const portal = getRequestListener(app.fetch);
  const server = createServer((req, res) => {
    if (!device(req, res)) void portal(req, res);
  });
  return new Promise((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(deps.env.PORT, deps.env.HOST, () => {
      const info = server.address() as { address: string; port: number };
      const url = `http://${info.address.includes(':') ? `[${info.address}]` : info.address}:${info.port}`;
      resolveListen({
        server,
        url,
        // Other listeners in the process (the MQTT broker) add their metrics to the same /metrics.
        registry: metrics.registry,
        close: () => new Promise<void>((done) => server.close(() => done())),
      });
    });
  });
}
