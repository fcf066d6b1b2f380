import { type ServerType, serve } from '@hono/node-server';
import { createApp } from '../app.ts';
import type { Deps } from './types.ts';

/** Serves the app on HOST:PORT; resolves once listening, with the bound address. */
export function listen(deps: Deps): Promise<{ server: ServerType; url: string; close: () => Promise<void> }> {
  const { app } = createApp(deps);
  return new Promise((resolveListen, reject) => {
    const server = serve({ fetch: app.fetch, hostname: deps.env.HOST, port: deps.env.PORT }, (info) => {
      const url = `http://${info.address.includes(':') ? `[${info.address}]` : info.address}:${info.port}`;
      resolveListen({
        server,
        url,
        close: () => new Promise<void>((done) => server.close(() => done())),
      });
    });
    server.once('error', reject);
  });
}
