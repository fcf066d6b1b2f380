import { type ServerType, serve } from '@hono/node-server';
import type { Registry } from 'prom-client';
import { createApp } from '../app.ts';
import type { Deps } from './types.ts';

/** Serves the app on HOST:PORT; resolves once listening, with the bound address. */
export function listen(
  deps: Deps,
): Promise<{ server: ServerType; url: string; registry: Registry; close: () => Promise<void> }> {
  const { app, metrics } = createApp(deps);
  return new Promise((resolveListen, reject) => {
    const server = serve({ fetch: app.fetch, hostname: deps.env.HOST, port: deps.env.PORT }, (info) => {
      const url = `http://${info.address.includes(':') ? `[${info.address}]` : info.address}:${info.port}`;
      resolveListen({
        server,
        url,
        // Other listeners in the process (the MQTT broker) add their metrics to the same /metrics.
        registry: metrics.registry,
        close: () => new Promise<void>((done) => server.close(() => done())),
      });
    });
    server.once('error', reject);
  });
}
