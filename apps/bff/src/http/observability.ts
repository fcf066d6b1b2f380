import type { MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import type { Logger } from 'pino';
import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';
import type { AppEnv } from './types.ts';

export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'openthings_' });
  const requests = new Counter({
    name: 'openthings_http_requests_total',
    help: 'HTTP requests by method, route and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'openthings_http_request_duration_seconds',
    help: 'HTTP request duration by method and route',
    labelNames: ['method', 'route'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  return { registry, requests, duration };
}
export type Metrics = ReturnType<typeof createMetrics>;

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
    metrics.requests.inc({ method: c.req.method, route, status });
    metrics.duration.observe({ method: c.req.method, route }, seconds);
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
