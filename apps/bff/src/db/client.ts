import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import type { SQL } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import * as schema from './schema/index.ts';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
/** A transaction handle is used exactly like the database. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/** The rows of a raw `execute`: postgres.js answers with the rows, PGlite with `{ rows }`. */
export async function executeRows<T>(db: Db | Tx, query: SQL): Promise<T[]> {
  const result: unknown = await db.execute(query);
  return Array.isArray(result) ? (result as T[]) : (result as { rows: T[] }).rows;
}

export interface Database {
  db: Db;
  driver: 'pglite' | 'postgres';
  /** Runs a trivial query; throws when the database cannot be reached. */
  ping(): Promise<void>;
  /** Wakes listeners of `channel` in every process (NOTIFY on PostgreSQL; in-process on PGlite). */
  notify(channel: string): void;
  /** Calls `onWake` when `channel` is notified. */
  listen(channel: string, onWake: () => void): Promise<void>;
  close(): Promise<void>;
}

export const migrationsFolder = resolve(dirname(fileURLToPath(import.meta.url)), '../../drizzle');

export type DatabaseOptions =
  | { driver: 'postgres'; url: string; max?: number }
  | { driver: 'pglite'; dataDir: string }
  | { driver: 'pglite-memory' };

export class DataDirLockedError extends Error {}

/** Extensions the migrations use; PostgreSQL ships them in contrib. */
const extensions = { pg_trgm };
/**
 * PGlite's defaults, with 32 MB of shared buffers instead of PostgreSQL's 128 MB: the embedded
 * database lives in this process's WebAssembly memory, which never shrinks, and the files stay in the
 * operating system's cache anyway (RSS of `pnpm start` under load: decision 006).
 */
const startParams = [...PGlite.defaultStartParams, '-c', 'shared_buffers=32MB'];

/**
 * PGlite corrupts its folder without an error when two processes open it, so the embedded database
 * holds a lock file naming its process; a stale lock (dead process) is taken over.
 */
function acquireLock(dataDir: string): () => void {
  const lockPath = join(dataDir, 'openthings.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockPath, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(lockPath, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const pid = Number.parseInt(readFileSync(lockPath, 'utf8'), 10);
      if (Number.isInteger(pid) && pid !== process.pid && isAlive(pid)) {
        throw new DataDirLockedError(
          `The embedded database in ${dataDir} is in use by process ${pid}. ` +
            'Stop that process first, or set DATABASE_URL to run several processes against PostgreSQL.',
        );
      }
      rmSync(lockPath, { force: true });
    }
  }
  throw new DataDirLockedError(`Could not lock ${lockPath}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Distinct statement texts prepared, at most (per process; each is prepared once per connection). */
const PREPARED_MAX = 1_000;

/**
 * The postgres.js client drizzle runs on, with its statements prepared: drizzle prepares only queries
 * given a name, so each of the others costs two round trips (Parse + Describe for the parameter types,
 * then Bind + Execute) and a fresh parse and plan — the pipeline's group commit paid that six times a
 * group. Prepared, a statement is one round trip after its first use on a connection. The texts are
 * the app's query shapes (lists of ids travel as one JSON parameter), but a text past the first
 * `PREPARED_MAX` stays unprepared, so a shape that varied without bound could not grow every
 * connection's memory. Transactions and savepoints get the same client. (A pooler in transaction mode
 * needs PgBouncer ≥ 1.21 with prepared statements on; decision 007.)
 */
function preparing(client: postgres.Sql): postgres.Sql {
  const texts = new Set<string>();
  const wrap = <T extends postgres.Sql | postgres.TransactionSql>(sql: T): T =>
    new Proxy(sql, {
      get(target, prop, receiver) {
        if (prop === 'unsafe')
          return (query: string, params?: unknown[], options?: { prepare?: boolean }) => {
            if (!options?.prepare && (texts.has(query) || texts.size < PREPARED_MAX)) {
              texts.add(query);
              options = { ...options, prepare: true };
            }
            // biome-ignore lint/suspicious/noExplicitAny: postgres.js types unsafe's parameters per call site
            return target.unsafe(query, params as any, options);
          };
        if (prop === 'begin' || prop === 'savepoint')
          return (...args: unknown[]) => {
            const fn = args.pop() as (tx: postgres.TransactionSql) => unknown;
            // biome-ignore lint/suspicious/noExplicitAny: begin's overloads (options string, callback)
            return (target as any)[prop](...args, (tx: postgres.TransactionSql) => fn(wrap(tx)));
          };
        return Reflect.get(target, prop, receiver);
      },
    });
  return wrap(client);
}

/** The one place a database client is made: PGlite without DATABASE_URL, postgres.js with it. */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.driver === 'postgres') {
    const client = postgres(options.url, {
      max: options.max ?? 10,
      onnotice: () => {},
      connection: { application_name: 'openthings' },
    });
    const db = drizzlePostgres({ client: preparing(client), schema }) as unknown as Db;
    return {
      db,
      driver: 'postgres',
      ping: async () => {
        await client`select 1`;
      },
      notify: (channel) => {
        client.notify(channel, '').catch(() => {
          // A lost wake-up only delays work until the next poll.
        });
      },
      listen: async (channel, onWake) => {
        await client.listen(channel, () => onWake());
      },
      close: () => client.end({ timeout: 5 }),
    };
  }
  let release = () => {};
  let client: PGlite;
  if (options.driver === 'pglite') {
    mkdirSync(options.dataDir, { recursive: true });
    release = acquireLock(options.dataDir);
    try {
      client = await PGlite.create(join(options.dataDir, 'pgdata'), { extensions, startParams });
    } catch (error) {
      release();
      throw error;
    }
  } else {
    client = await PGlite.create({ extensions, startParams });
  }
  const db = drizzlePglite({ client, schema }) as unknown as Db;
  // The embedded database serves one process, so wake-ups never leave it.
  const listeners = new Map<string, Set<() => void>>();
  return {
    db,
    driver: 'pglite',
    ping: async () => {
      await client.query('select 1');
    },
    notify: (channel) => {
      for (const fn of listeners.get(channel) ?? []) queueMicrotask(fn);
    },
    listen: async (channel, onWake) => {
      const set = listeners.get(channel) ?? new Set();
      set.add(onWake);
      listeners.set(channel, set);
    },
    close: async () => {
      try {
        await client.close();
      } finally {
        release();
      }
    },
  };
}

/**
 * Applies the generated migrations. On PostgreSQL several processes may start at once, so they take
 * an advisory lock on one reserved connection and migrate through it.
 */
export async function migrateDatabase(database: Database, url?: string): Promise<void> {
  if (database.driver === 'pglite') {
    // biome-ignore lint/suspicious/noExplicitAny: the migrator is typed per driver
    await migratePglite(database.db as any, { migrationsFolder });
    return;
  }
  if (!url) throw new Error('migrateDatabase needs the PostgreSQL url');
  const client = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await client`select pg_advisory_lock(7243001)`;
    await migratePostgres(drizzlePostgres({ client }), { migrationsFolder });
    await client`select pg_advisory_unlock(7243001)`;
  } finally {
    await client.end({ timeout: 5 });
  }
}
