import { existsSync } from 'node:fs';
import { join } from 'node:path';
import pino from 'pino';
import { type Database, DataDirLockedError, migrateDatabase, openDatabase } from './db/client.ts';
import type { Env } from './env.ts';
import { seedDemo } from './features/demo/demo.seed.ts';
import { syncDeviceTypeCatalogue } from './features/device-types/device-types.service.ts';
import type { Deps } from './http/types.ts';
import { createMetrics } from './metrics.ts';
import { queueDepths } from './pipeline/queues.repo.ts';

export type Role = 'start' | 'server' | 'worker';

/**
 * Opens the database for one entry point, migrates it and seeds the demo when asked. The embedded
 * database serves exactly one process, so `server` and `worker` alone need PostgreSQL.
 */
export async function boot(env: Env, role: Role): Promise<Deps> {
  const logger = pino({ level: env.LOG_LEVEL, base: { role } });
  if (!env.DATABASE_URL && role !== 'start') {
    throw new Error(
      `"${role}" runs as its own process and needs PostgreSQL: set DATABASE_URL=postgres://…\n` +
        'For one process with the embedded database, use "pnpm start".',
    );
  }
  const open = async (): Promise<Database> => {
    try {
      return env.DATABASE_URL
        ? await openDatabase({ driver: 'postgres', url: env.DATABASE_URL })
        : await openDatabase({ driver: 'pglite', dataDir: env.DATA_DIR });
    } catch (error) {
      if (error instanceof DataDirLockedError) throw error;
      throw new Error(`Could not open the database: ${(error as Error).message}`, { cause: error });
    }
  };
  const fresh = !env.DATABASE_URL && !existsSync(join(env.DATA_DIR, 'pgdata', 'PG_VERSION'));
  let database = await open();
  await migrateDatabase(database, env.DATABASE_URL);
  await syncDeviceTypeCatalogue(database.db);
  if (env.SEED_DEMO && role !== 'worker') {
    const { seeded } = await seedDemo(database.db, new Date());
    if (seeded) logger.info('demo account seeded');
  }
  if (fresh) {
    // Creating the embedded database grew its WebAssembly memory, which never shrinks: the process
    // goes on with a fresh instance of it (some 300 MB less resident, decision 006).
    await database.close();
    database = await open();
  }
  const metrics = createMetrics(() => queueDepths(database.db));
  return { database, db: database.db, env, logger, metrics, now: () => new Date() };
}

/** Runs `stop` once on SIGINT/SIGTERM, then exits. */
export function onShutdown(logger: Deps['logger'], stop: () => Promise<void>): void {
  let stopping = false;
  const handler = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    stop()
      .then(() => process.exit(0))
      .catch((error) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      });
  };
  process.on('SIGINT', () => handler('SIGINT'));
  process.on('SIGTERM', () => handler('SIGTERM'));
}

export function fatal(error: unknown): never {
  console.error(`\nOpenThings could not start:\n${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
