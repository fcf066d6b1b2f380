import { describe, expect, it } from 'vitest';
import { groupCommit } from './group-commit.ts';

/** One turn of the event loop: what a group waits before it starts. */
const turn = () => new Promise((r) => setImmediate(r));

describe('groupCommit', () => {
  it('writes an item on the next turn, and the ones added while it is written together next, in order', async () => {
    const writes: number[][] = [];
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const g = groupCommit<number>(async (items) => {
      writes.push(items);
      if (writes.length === 1) await gate;
    });
    const first = g.add(1);
    await turn();
    expect(writes).toEqual([[1]]);
    const rest = [2, 3, 4].map((n) => g.add(n));
    release();
    await Promise.all([first, ...rest]);
    expect(writes).toEqual([[1], [2, 3, 4]]);
  });

  it('groups the items added in one turn (requests read together), not just the first', async () => {
    const writes: number[][] = [];
    const g = groupCommit<number>(async (items) => {
      writes.push(items);
    });
    await Promise.all([1, 2, 3].map((n) => g.add(n)));
    expect(writes).toEqual([[1, 2, 3]]);
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
    expect(sizes).toEqual([2, 2, 1]);
  });

  it('rejects only the items of a failed write and goes on', async () => {
    const g = groupCommit<number>(async (items) => {
      if (items.includes(2)) throw new Error('constraint');
    });
    const first = g.add(1);
    await first;
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
    const all = [g.add(1)];
    await turn();
    all.push(g.add(2));
    await turn();
    expect(writes).toEqual([[1], [2]]);
    all.push(...[3, 4, 5].map((n) => g.add(n)));
    await turn();
    // Both writes run: the new items wait for a free one.
    expect(writes).toEqual([[1], [2]]);
    gates.shift()!();
    await turn();
    await turn();
    expect(writes).toEqual([[1], [2], [3, 4, 5]]);
    for (const open of gates) open();
    await new Promise((r) => setImmediate(r));
    for (const open of gates) open();
    await Promise.all(all);
    await g.idle();
  });
});
