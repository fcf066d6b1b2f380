import { randomBytes } from 'node:crypto';
import type { Role } from '@openthings/domain';
import pino from 'pino';
import postgres from 'postgres';
import { createApp } from '../app.ts';
import { type Database, migrateDatabase, openDatabase } from '../db/client.ts';
import { readEnv } from '../env.ts';
import { onboardCustomer } from '../features/customers/customers.service.ts';
import { syncDeviceTypeCatalogue } from '../features/device-types/device-types.service.ts';
import { addUser } from '../features/users/users.service.ts';
import type { Deps } from '../http/types.ts';
import { createMetrics } from '../metrics.ts';
import { queueDepths } from '../pipeline/queues.repo.ts';

export const ORIGIN = 'http://localhost';
export const PASSWORD = 'Correct-Horse-42';

/**
 * A fresh database per test file: in-memory PGlite by default, or a new PostgreSQL database
 * (dropped afterwards) when TEST_DB=postgres and TEST_DATABASE_URL point at a server.
 */
async function freshDatabase(): Promise<{ database: Database; drop: () => Promise<void> }> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (process.env.TEST_DB !== 'postgres' || !adminUrl) {
    const database = await openDatabase({ driver: 'pglite-memory' });
    await migrateDatabase(database);
    await syncDeviceTypeCatalogue(database.db);
    return { database, drop: () => database.close() };
  }
  const name = `ot_test_${randomBytes(6).toString('hex')}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ driver: 'postgres', url: url.toString(), max: 4 });
  await migrateDatabase(database, url.toString());
  await syncDeviceTypeCatalogue(database.db);
  return {
    database,
    drop: async () => {
      await database.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

export interface RequestOptions {
  body?: unknown;
  rawBody?: string;
  contentType?: string;
  cookie?: string;
  token?: string;
  origin?: string | null;
  headers?: Record<string, string>;
}

/** `webDist`: a built portal to serve (none by default: the API alone). */
export async function createTestApp(options: { webDist?: string } = {}) {
  const { database, drop } = await freshDatabase();
  let clock = Date.now();
  const deps: Deps = {
    database,
    db: database.db,
    env: readEnv({ WEB_DIST: options.webDist ?? '', LOG_LEVEL: 'silent', NODE_ENV: 'test' }),
    logger: pino({ level: 'silent' }),
    metrics: createMetrics(() => queueDepths(database.db)),
    now: () => new Date(clock),
  };
  const { app, router, pipeline } = createApp(deps);

  async function request(method: string, path: string, options: RequestOptions = {}) {
    const headers: Record<string, string> = { ...options.headers };
    let body: string | undefined = options.rawBody;
    if (options.body !== undefined) body = JSON.stringify(options.body);
    if (body !== undefined) headers['content-type'] = options.contentType ?? 'application/json';
    if (options.cookie) headers.cookie = options.cookie;
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (options.origin !== null && method !== 'GET') headers.origin = options.origin ?? ORIGIN;
    const res = await app.request(`${ORIGIN}${path}`, { method, headers, body });
    const text = await res.text();
    // biome-ignore lint/suspicious/noExplicitAny: tests read whatever JSON the route answered
    let json: any;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    return { status: res.status, headers: res.headers, json, text };
  }

  /** A customer with one user holding `roles`; returns its ids and a logged-in session cookie. */
  async function customer(
    name: string,
    roles: Role[] = ['admin', 'manager:admin'],
    extra: { resellerId?: string; isReseller?: boolean } = {},
  ) {
    const email = `${name.toLowerCase().replace(/\W+/g, '-')}-${randomBytes(3).toString('hex')}@example.test`;
    const ids = await database.db.transaction(async (tx) => {
      const onboarded = await onboardCustomer(tx, { name, ...extra });
      const userId = await addUser(tx, 'system', onboarded.customerId, {
        email,
        name: `${name} user`,
        password: PASSWORD,
        roles,
      });
      return { ...onboarded, userId };
    });
    const cookie = await login(email, PASSWORD);
    return { ...ids, email, cookie };
  }

  async function login(email: string, password: string): Promise<string> {
    const res = await request('POST', '/api/auth/login', { body: { email, password } });
    if (res.status !== 200) throw new Error(`login failed: ${res.status} ${res.text}`);
    const setCookie = res.headers.get('set-cookie') ?? '';
    return setCookie.split(';')[0]!;
  }

  /** Creates an API key (as the session `cookie`) and exchanges it for a bearer token. */
  async function bearer(cookie: string, roles: Role[]) {
    const key = await request('POST', '/api/api-keys', { cookie, body: { name: 'test key', roles } });
    if (key.status !== 201) throw new Error(`api key failed: ${key.status} ${key.text}`);
    const token = await request('POST', '/api/auth/token', {
      body: {
        grant_type: 'client_credentials',
        client_id: key.json.clientId,
        client_secret: key.json.clientSecret,
      },
    });
    return {
      keyId: key.json.id as string,
      clientId: key.json.clientId as string,
      clientSecret: key.json.clientSecret as string,
      token: token.json.access_token as string,
    };
  }

  return {
    app,
    router,
    /** The app's pipeline: `await t.pipeline.idle()` once uplinks are posted, to see them delivered. */
    pipeline,
    deps,
    request,
    customer,
    login,
    bearer,
    advanceClock(ms: number) {
      clock += ms;
    },
    async close() {
      await pipeline.close();
      await drop();
    },
  };
}

export type TestApp = Awaited<ReturnType<typeof createTestApp>>;
