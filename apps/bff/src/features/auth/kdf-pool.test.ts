import { describe, expect, it } from 'vitest';
import { KdfBusyError, KdfPool } from './kdf-pool.ts';

/** A task that runs until the test lets it end, recording when it started. */
function gate(log: string[], name: string) {
  let open: () => void = () => {};
  const done = new Promise<void>((resolve) => {
    open = resolve;
  });
  return {
    task: async () => {
      log.push(name);
      await done;
      return name;
    },
    open: () => open(),
  };
}
const tick = () => new Promise((r) => setImmediate(r));

describe('KdfPool', () => {
  it('runs at most `concurrency` checks at once and refuses once a lane’s queue is full', async () => {
    const pool = new KdfPool(2, 3);
    const log: string[] = [];
    const gates = Array.from({ length: 5 }, (_, i) => gate(log, `d${i}`));
    const runs = gates.map((g) => pool.run('device', g.task));
    await tick();
    expect(log).toEqual(['d0', 'd1']);
    expect(pool.waiting('device')).toBe(3);
    await expect(pool.run('device', async () => 'late')).rejects.toBeInstanceOf(KdfBusyError);
    for (const g of gates) g.open();
    expect(await Promise.all(runs)).toEqual(['d0', 'd1', 'd2', 'd3', 'd4']);
    expect(pool.started.device).toBe(5);
  });

  it('serves a portal login next, however many device logins wait before it', async () => {
    const pool = new KdfPool(1, 100);
    const log: string[] = [];
    const first = gate(log, 'd0');
    const devices = [first, ...Array.from({ length: 50 }, (_, i) => gate(log, `d${i + 1}`))];
    const runs = devices.map((g) => pool.run('device', g.task));
    const portal = gate(log, 'portal');
    const portalRun = pool.run('portal', portal.task);
    await tick();
    first.open();
    await runs[0];
    await tick();
    expect(log).toEqual(['d0', 'portal']);
    portal.open();
    for (const g of devices) g.open();
    await Promise.all([portalRun, ...runs]);
  });

  it('frees its slot when a check throws', async () => {
    const pool = new KdfPool(1, 1);
    await expect(
      pool.run('portal', async () => {
        throw new Error('bad');
      }),
    ).rejects.toThrow('bad');
    expect(await pool.run('portal', async () => 'next')).toBe('next');
  });
});
