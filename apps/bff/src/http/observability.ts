import type { MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import type { Logger } from 'pino';
import type { Metrics } from '../metrics.ts';
import type { AppEnv } from './types.ts';

/** One log line and two metric updates per request; the route label is the pattern, not the path. */
export function observe(logger: Logger, metrics: Metrics): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const start = performance.now();
    await next();
    const seconds = (performance.now() - start) / 1000;
    // Label by the matched route pattern so metrics stay bounded whatever paths clients send.
    const pattern = c.get('route') ?? routePath(c, -1);
    const route = pattern.endsWith('*') ? 'other' : pattern;
    const status = c.res.status;
    metrics.http.requests.inc({ method: c.req.method, route, status });
    metrics.http.duration.observe({ method: c.req.method, route }, seconds);
    if (logger.isLevelEnabled('info') && c.req.path.startsWith('/api')) {
      logger.info(
        {
          reqId: c.get('requestId'),
          method: c.req.method,
          path: c.req.path,
          status,
          ms: Math.round(seconds * 1000),
        },
        'request',
      );
    }
  };
}
