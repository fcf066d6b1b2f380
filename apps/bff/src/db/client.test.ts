import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DataDirLockedError, migrateDatabase, openDatabase } from './client.ts';

const dir = mkdtempSync(join(tmpdir(), 'ot-lock-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('embedded database', () => {
  it('refuses a second opener of the same folder with a clear message, and reopens after close', async () => {
    const first = await openDatabase({ driver: 'pglite', dataDir: dir });
    await migrateDatabase(first);
    // Simulate another live process holding the lock (our own pid would be treated as re-entrant).
    writeFileSync(join(dir, 'openthings.lock'), String(process.ppid));
    await expect(openDatabase({ driver: 'pglite', dataDir: dir })).rejects.toThrow(DataDirLockedError);
    await expect(openDatabase({ driver: 'pglite', dataDir: dir })).rejects.toThrow(/in use by process/);
    writeFileSync(join(dir, 'openthings.lock'), String(process.pid));
    await first.close();
    const again = await openDatabase({ driver: 'pglite', dataDir: dir });
    await again.ping();
    await again.close();
  });

  it('takes over the lock of a process that no longer exists', async () => {
    const stale = mkdtempSync(join(tmpdir(), 'ot-stale-'));
    writeFileSync(join(stale, 'openthings.lock'), '999999');
    const db = await openDatabase({ driver: 'pglite', dataDir: stale });
    await db.ping();
    await db.close();
    rmSync(stale, { recursive: true, force: true });
  });
});
