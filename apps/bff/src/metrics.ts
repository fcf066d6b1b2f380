import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { QueueDepths } from './pipeline/queues.repo.ts';

/**
 * The process's metrics, served on `/metrics` for Prometheus (docs/grafana-dashboard.json reads them).
 * Every label set is bounded: routes are patterns, connectors and destination kinds are fixed lists,
 * decoders are the built-in ones, refusal reasons are problem codes — never a device, customer or URL.
 */
export function createMetrics(queueDepths: () => Promise<QueueDepths>) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'openthings_' });
  const registers = [registry];
  const http = {
    requests: new Counter({
      name: 'openthings_http_requests_total',
      help: 'HTTP requests by method, route and status',
      labelNames: ['method', 'route', 'status'] as const,
      registers,
    }),
    duration: new Histogram({
      name: 'openthings_http_request_duration_seconds',
      help: 'HTTP request duration by method and route',
      labelNames: ['method', 'route'] as const,
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers,
    }),
  };
  const pipeline = {
    accepted: new Counter({
      name: 'openthings_uplinks_accepted_total',
      help: 'Uplinks stored, by connector (a network server resending a message it sent before counts once)',
      labelNames: ['connector'] as const,
      registers,
    }),
    refused: new Counter({
      name: 'openthings_uplinks_refused_total',
      help: 'Uplinks refused with a 4xx (or an MQTT reason code), by connector and problem code',
      labelNames: ['connector', 'code'] as const,
      registers,
    }),
    decoded: new Counter({
      name: 'openthings_decodings_total',
      help: 'Decoder runs, by decoder and outcome (ok, failed)',
      labelNames: ['decoder', 'outcome'] as const,
      registers,
    }),
    attempts: new Counter({
      name: 'openthings_delivery_attempts_total',
      help: 'Delivery attempts, by destination kind and what came of them (succeeded, retried, dead)',
      labelNames: ['kind', 'outcome'] as const,
      registers,
    }),
    latency: new Histogram({
      name: 'openthings_uplink_delivery_seconds',
      help: 'From an uplink being stored to its delivery being accepted by the destination, by kind',
      labelNames: ['kind'] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 3600],
      registers,
    }),
  };
  // Queue depths are the database's (every process sees the same): read when Prometheus scrapes.
  const depth = new Gauge({
    name: 'openthings_pipeline_queue',
    help: 'Rows waiting in the pipeline: undelivered deliveries, those waiting for a retry, uplinks not yet decoded',
    labelNames: ['queue'] as const,
    registers,
    async collect() {
      const depths = await queueDepths();
      this.set({ queue: 'undelivered' }, depths.undelivered);
      this.set({ queue: 'retry_waiting' }, depths.retryWaiting);
      this.set({ queue: 'undecoded' }, depths.undecoded);
    },
  });
  void depth;
  return { registry, http, pipeline };
}
export type Metrics = ReturnType<typeof createMetrics>;
export type PipelineMetrics = Metrics['pipeline'];
