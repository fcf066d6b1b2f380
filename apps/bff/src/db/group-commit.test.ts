import { describe, expect, it } from 'vitest';
import { groupCommit } from './group-commit.ts';

describe('groupCommit', () => {
  it('writes the first item at once and the ones added meanwhile together, in order', async () => {
    const writes: number[][] = [];
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const g = groupCommit<number>(async (items) => {
      writes.push(items);
      if (writes.length === 1) await gate;
    });
    const all = [1, 2, 3, 4].map((n) => g.add(n));
    release();
    await Promise.all(all);
    expect(writes).toEqual([[1], [2, 3, 4]]);
  });

  it('caps a group at max items', async () => {
    const sizes: number[] = [];
    const g = groupCommit<number>(
      async (items) => {
        sizes.push(items.length);
      },
      { max: 2 },
    );
    await Promise.all([1, 2, 3, 4, 5].map((n) => g.add(n)));
    expect(sizes).toEqual([1, 2, 2]);
  });

  it('rejects only the items of a failed write and goes on', async () => {
    const g = groupCommit<number>(async (items) => {
      if (items.includes(2)) throw new Error('constraint');
    });
    const first = g.add(1);
    const results = await Promise.allSettled([first, g.add(2), g.add(3)]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'rejected']);
    await expect(g.add(4)).resolves.toBeUndefined();
    await g.idle();
  });
});

describe('groupCommit with results', () => {
  it('resolves each item with its own value and fails one item alone', async () => {
    const g = groupCommit<number, string>(async (items) =>
      items.map((n) =>
        n === 2 ? { ok: false as const, error: new Error('two') } : { ok: true as const, value: `#${n}` },
      ),
    );
    const results = await Promise.allSettled([1, 2, 3].map((n) => g.add(n)));
    expect(results).toEqual([
      { status: 'fulfilled', value: '#1' },
      { status: 'rejected', reason: new Error('two') },
      { status: 'fulfilled', value: '#3' },
    ]);
  });
});

describe('groupCommit with concurrency', () => {
  it('runs up to `concurrency` writes at once and groups what arrives while they run', async () => {
    const writes: number[][] = [];
    const gates: (() => void)[] = [];
    const g = groupCommit<number>(
      async (items) => {
        writes.push(items);
        await new Promise<void>((r) => gates.push(r));
      },
      { concurrency: 2 },
    );
    const all = [1, 2, 3, 4, 5].map((n) => g.add(n));
    await new Promise((r) => setImmediate(r));
    expect(writes).toEqual([[1], [2]]);
    gates.shift()!();
    await new Promise((r) => setImmediate(r));
    expect(writes).toEqual([[1], [2], [3, 4, 5]]);
    for (const open of gates) open();
    await new Promise((r) => setImmediate(r));
    for (const open of gates) open();
    await Promise.all(all);
    await g.idle();
  });
});
