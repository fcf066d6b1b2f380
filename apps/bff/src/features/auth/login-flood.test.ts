import { randomBytes } from 'node:crypto';
import { connectAsync, type ErrorWithReasonCode } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MqttBroker, startMqttBroker } from '../../connectors/mqtt.ts';
import { createTestApp, ORIGIN, PASSWORD, type TestApp } from '../../testing/test-app.ts';
import { kdfPool } from './kdf-pool.ts';

/**
 * A flood of bad logins must not starve real users (issue 8): a failed login costs a 32 MiB scrypt, so
 * random user names from one address get a per-address budget, and every password check of the process
 * waits in a bounded queue of its own lane.
 */
let t: TestApp;
let acme: Awaited<ReturnType<TestApp['customer']>>;
let broker: MqttBroker;

beforeAll(async () => {
  t = await createTestApp();
  acme = await t.customer('Acme');
  broker = await startMqttBroker(
    { ...t.deps, env: { ...t.deps.env, MQTT_PORT: 0, HOST: '127.0.0.1' } },
    { tls: false },
  );
});
afterAll(async () => {
  await broker.close();
  await t.close();
});

/** A login as it reaches the server from `address` (the node adapter's socket). */
const loginFrom = (address: string, email: string, password: string) =>
  t.app.request(
    `${ORIGIN}/api/auth/login`,
    {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: ORIGIN },
      body: JSON.stringify({ email, password }),
    },
    { incoming: { socket: { remoteAddress: address } } },
  );

describe('a flood of bad portal logins', () => {
  it('buys at most 30 password checks per address, whatever the user names, while a real login goes through', async () => {
    const before = kdfPool.started.portal;
    const flood = Array.from({ length: 60 }, () =>
      loginFrom('203.0.113.7', `${randomBytes(6).toString('hex')}@example.test`, 'Wrong-Pass-123'),
    );
    const real = loginFrom('198.51.100.2', acme.email, PASSWORD);
    const answers = await Promise.all(flood);
    expect((await real).status).toBe(200);
    const statuses = answers.map((r) => r.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(30);
    expect(statuses.filter((s) => s === 429)).toHaveLength(30);
    const refused = answers.find((r) => r.status === 429)!;
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await refused.json()) as { code: string }).code).toBe('auth.too_many_attempts');
    // 30 checks of the flood, the real login, and at most the one-time hash unknown users are checked against.
    expect(kdfPool.started.portal - before).toBeLessThanOrEqual(32);
  });
});

describe('a flood of bad MQTT CONNECTs', () => {
  it('checks at most 100 passwords from one address and refuses the rest unchecked; portal logins still work', async () => {
    const before = kdfPool.started.device;
    const connect = async () => {
      try {
        const client = await connectAsync(`mqtt://127.0.0.1:${broker.port}`, {
          username: `urn:dev:IMEI:${String(Math.floor(Math.random() * 1e15)).padStart(15, '0')}:`,
          password: 'Wrong-Password-0123456789-xyz!',
          reconnectPeriod: 0,
          // Up to 100 scrypt checks queue on two threads: generous, for a loaded machine.
          connectTimeout: 120_000,
        });
        await client.endAsync();
        return 0;
      } catch (error) {
        return (error as ErrorWithReasonCode).code;
      }
    };
    const flood = Array.from({ length: 250 }, connect);
    const portal = loginFrom('198.51.100.3', acme.email, PASSWORD);
    const codes = await Promise.all(flood);
    expect((await portal).status).toBe(200);
    // 4: bad user name or password (checked); 5: not authorised (budget spent); 3: server busy.
    expect(codes.filter((c) => c === 4).length).toBeLessThanOrEqual(100);
    expect(codes.filter((c) => c === 5 || c === 3).length).toBeGreaterThanOrEqual(150);
    expect(codes.filter((c) => c !== 3 && c !== 4 && c !== 5)).toEqual([]);
    expect(kdfPool.started.device - before).toBeLessThanOrEqual(100);
  }, 180_000);
});
