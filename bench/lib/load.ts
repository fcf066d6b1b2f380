/**
 * The load side of the simulator and the pipeline benchmark: plausible sensor readings as SenML
 * packs, the device's message token, a keep-alive HTTP poster and a loop that sends at a given rate
 * (or as fast as a bounded number of requests in flight allows) and records ack latencies.
 */
import { createHash } from 'node:crypto';
import http from 'node:http';

/** Readings that drift like a real sensor's: a slow random walk with limits, a battery that drains. */
export class SimulatedSensor {
  private temperature: number;
  private humidity: number;
  private battery: number;
  private latitude: number;
  private longitude: number;

  constructor(
    index: number,
    private readonly random: () => number = Math.random,
  ) {
    // Spread the fleet over a city-sized area around Amsterdam, each with its own climate.
    this.temperature = 18 + random() * 6;
    this.humidity = 40 + random() * 20;
    this.battery = 3.55 + random() * 0.1;
    this.latitude = 52.37 + ((index % 50) - 25) * 0.002 + random() * 0.001;
    this.longitude = 4.89 + (Math.floor(index / 50) % 50) * 0.003 + random() * 0.001;
  }

  private walk(value: number, step: number, min: number, max: number): number {
    return Math.min(max, Math.max(min, value + (this.random() - 0.5) * 2 * step));
  }

  /** The next reading, rounded to what a sensor reports. */
  next() {
    this.temperature = this.walk(this.temperature, 0.15, -20, 45);
    this.humidity = this.walk(this.humidity, 0.8, 5, 100);
    this.battery = Math.max(2.9, this.battery - this.random() * 0.0004);
    this.latitude = this.walk(this.latitude, 0.00005, -90, 90);
    this.longitude = this.walk(this.longitude, 0.00005, -180, 180);
    return {
      temperature: Math.round(this.temperature * 100) / 100,
      humidity: Math.round(this.humidity * 10) / 10,
      batteryVoltage: Math.round(this.battery * 1000) / 1000,
      latitude: Math.round(this.latitude * 1e6) / 1e6,
      longitude: Math.round(this.longitude * 1e6) / 1e6,
    };
  }
}

export type Reading = ReturnType<SimulatedSensor['next']>;

/**
 * A SenML pack (RFC 8428) of one reading; `bt` is the send time in seconds with milliseconds, which
 * survives decoding, so a receiver can tell how long the message took. `extra` records go last.
 */
export function senmlPack(
  urn: string | undefined,
  reading: Reading,
  timeMs: number,
  extra: { n: string; v: number; u?: string }[] = [],
): string {
  return JSON.stringify([
    { ...(urn ? { bn: urn } : {}), bt: timeMs / 1000, n: 'temperature', u: 'Cel', v: reading.temperature },
    { n: 'humidity', u: '%RH', v: reading.humidity },
    { n: 'batteryVoltage', u: 'V', v: reading.batteryVoltage },
    { n: 'latitude', u: 'lat', v: reading.latitude },
    { n: 'longitude', u: 'lon', v: reading.longitude },
    ...extra,
  ]);
}

/** `Things-Message-Token`: lowercase hex SHA-256 of the exact body bytes followed by the shared secret. */
export function messageToken(body: string, sharedSecret: string): string {
  return createHash('sha256').update(body).update(sharedSecret).digest('hex');
}

export interface HttpAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
}

/** POSTs over keep-alive connections, at most `connections` at once (node:http, no fetch overhead). */
export function createPoster(baseUrl: string, connections: number) {
  const url = new URL(baseUrl);
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections, maxFreeSockets: connections });
  return {
    post(path: string, headers: Record<string, string>, body: string): Promise<HttpAnswer> {
      return new Promise((resolve, reject) => {
        const req = http.request(
          {
            host: url.hostname,
            port: url.port || 80,
            method: 'POST',
            path,
            agent,
            headers: { ...headers, 'content-length': Buffer.byteLength(body) },
          },
          (res) => {
            res.resume();
            res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers }));
            res.on('error', reject);
          },
        );
        req.on('error', reject);
        req.end(body);
      });
    },
    close() {
      agent.destroy();
    },
  };
}

export interface SendOutcome {
  ok: boolean;
  /** HTTP status, or a short reason such as `ECONNRESET` or `timeout`. */
  label: string;
}

export interface LoadResult {
  sent: number;
  accepted: number;
  failed: number;
  /** Outcomes by status or error, e.g. { 202: 9950, 401: 50 }. */
  outcomes: Record<string, number>;
  /** Ack latencies of accepted messages, milliseconds, in completion order. */
  latenciesMs: number[];
  elapsedMs: number;
  /** Sends that left later than their slot because every connection was busy (paced runs only). */
  late: number;
}

/**
 * Sends messages for `durationMs`: at `rate` per second in total when given (open loop: a slow
 * answer does not delay the next send unless `concurrency` requests are already in flight), or
 * back to back on `concurrency` lanes when not. Waits for the messages in flight before resolving.
 * `stop()` ends early (Ctrl+C).
 */
export function driveLoad(options: {
  durationMs: number;
  concurrency: number;
  rate?: number;
  send: (index: number) => Promise<SendOutcome>;
}) {
  const { durationMs, concurrency, rate, send } = options;
  const result: LoadResult = {
    sent: 0,
    accepted: 0,
    failed: 0,
    outcomes: {},
    latenciesMs: [],
    elapsedMs: 0,
    late: 0,
  };
  let stopped = false;
  let inFlight = 0;
  let issued = 0;
  let capped = false;
  let timer: NodeJS.Timeout | undefined;
  let finish: () => void = () => {};
  const start = performance.now();

  const done = new Promise<LoadResult>((resolve) => {
    finish = () => {
      if (timer) clearTimeout(timer);
      result.elapsedMs = Math.min(performance.now() - start, Math.max(durationMs, 1));
      resolve(result);
    };
  });

  function issue() {
    const index = issued++;
    inFlight++;
    const sentAt = performance.now();
    send(index)
      .catch((error: unknown): SendOutcome => ({ ok: false, label: errorLabel(error) }))
      .then((outcome) => {
        const latency = performance.now() - sentAt;
        inFlight--;
        result.sent++;
        result.outcomes[outcome.label] = (result.outcomes[outcome.label] ?? 0) + 1;
        if (outcome.ok) {
          result.accepted++;
          result.latenciesMs.push(latency);
        } else result.failed++;
        pump();
      });
  }

  function pump() {
    if (timer) {
      clearTimeout(timer);
      timer = undefined;
    }
    const elapsed = performance.now() - start;
    if (stopped || elapsed >= durationMs) {
      stopped = true;
      if (inFlight === 0) finish();
      return;
    }
    if (rate === undefined) {
      while (inFlight < concurrency) issue();
      return;
    }
    const due = Math.min(Math.floor((elapsed * rate) / 1000) + 1, Math.ceil((durationMs * rate) / 1000));
    while (issued < due && inFlight < concurrency) {
      // Sends that had to wait for a free connection leave late.
      if (capped) result.late++;
      issue();
    }
    capped = issued < due;
    // Sleep until the next slot (or until an answer frees a connection, which calls pump again).
    const nextSlot = (issued * 1000) / rate;
    if (capped) return;
    timer = setTimeout(pump, Math.max(0, Math.min(nextSlot - elapsed, durationMs - elapsed)));
  }

  setImmediate(pump);
  return {
    done,
    /** The running totals so far (the same object `done` resolves with). */
    live: (): Readonly<LoadResult> => result,
    stop() {
      stopped = true;
      if (inFlight === 0) finish();
    },
  };
}

function errorLabel(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code) return code;
  return error instanceof Error ? error.message.slice(0, 60) : String(error);
}

/** The p-th percentile (0–100) of `samples`, or NaN for none. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = Float64Array.from(samples).sort();
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** `30s`, `2m`, `1h30m`, `500ms` or plain seconds, in milliseconds. */
export function parseDuration(text: string): number {
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text) * 1000;
  const units: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
  let total = 0;
  let rest = text.trim();
  if (rest === '') throw new Error('Empty duration');
  while (rest !== '') {
    const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)/.exec(rest);
    if (!m) throw new Error(`Cannot read the duration "${text}": use e.g. 30s, 2m, 1h30m`);
    total += Number(m[1]) * units[m[2]!]!;
    rest = rest.slice(m[0].length);
  }
  return total;
}

/**
 * The same reading as an Elsys ERS payload (big-endian groups: 0x01 temperature in 0.1 °C, 0x02
 * humidity in %, 0x07 supply voltage in mV, 0x09 GPS as little-endian signed 24-bit 1e-4 degrees).
 */
export function elsysPayload(reading: Reading): Buffer {
  const b = Buffer.alloc(3 + 2 + 3 + 7);
  let at = 0;
  b[at++] = 0x01;
  b.writeInt16BE(Math.round(reading.temperature * 10), at);
  at += 2;
  b[at++] = 0x02;
  b[at++] = Math.max(0, Math.min(100, Math.round(reading.humidity)));
  b[at++] = 0x07;
  b.writeUInt16BE(Math.round(reading.batteryVoltage * 1000), at);
  at += 2;
  b[at++] = 0x09;
  b.writeIntLE(Math.round(reading.latitude * 10000), at, 3);
  b.writeIntLE(Math.round(reading.longitude * 10000), at + 3, 3);
  return b;
}
