import { createServer, type Server } from 'node:http';
import { getRequestListener } from '@hono/node-server';
import type { Registry } from 'prom-client';
import { createApp } from '../app.ts';
import { senmlFastPath } from '../connectors/http-senml.ts';
import { LISTEN_BACKLOG } from '../connectors/mqtt-listeners.ts';
import type { Pipeline } from '../pipeline/pipeline.ts';
import type { Deps } from './types.ts';

/**
 * Serves the app on HOST:PORT; resolves once listening, with the bound address. Device POSTs of the
 * HTTP SenML connector are answered before Hono (`senmlFastPath`); everything else goes to the app.
 */
export function listen(
  deps: Deps,
  pipeline: Pipeline,
): Promise<{ server: Server; url: string; registry: Registry; close: () => Promise<void> }> {
  const { app, metrics } = createApp(deps, pipeline);
  const device = senmlFastPath(pipeline.ingest, deps.logger);
  const portal = getRequestListener(app.fetch);
  const server = createServer((req, res) => {
    if (!device(req, res)) void portal(req, res);
  });
  return new Promise((resolveListen, reject) => {
    server.once('error', reject);
    // Devices (HTTP and MQTT over WebSocket) reconnect in crowds: a deep accept queue, as for the broker.
    server.listen({ port: deps.env.PORT, host: deps.env.HOST, backlog: LISTEN_BACKLOG }, () => {
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

/**
 * `/metrics` alone on HOST:METRICS_PORT, for a worker (it has no HTTP server of its own): the pipeline's
 * retries, dead letters and queue depths for Prometheus. Anything else is 404.
 */
export function listenMetrics(
  deps: Deps,
  port: number,
): Promise<{ url: string; close: () => Promise<void> }> {
  const { registry } = deps.metrics;
  const server = createServer((req, res) => {
    if (req.method !== 'GET' || (req.url ?? '').split('?')[0] !== '/metrics') {
      res.writeHead(404).end();
      return;
    }
    registry.metrics().then(
      (text) => res.writeHead(200, { 'content-type': registry.contentType }).end(text),
      (error: Error) => {
        deps.logger.error({ err: error }, 'metrics could not be collected');
        res.writeHead(500).end();
      },
    );
  });
  return new Promise((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(port, deps.env.HOST, () => {
      const info = server.address() as { address: string; port: number };
      resolveListen({
        url: `http://${info.address.includes(':') ? `[${info.address}]` : info.address}:${info.port}`,
        close: () => new Promise<void>((done) => server.close(() => done())),
      });
    });
  });
}
