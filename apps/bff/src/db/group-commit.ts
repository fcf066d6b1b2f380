/** What a write says of one item: done (with a value), or failed alone. */
export type ItemResult<R> = { ok: true; value: R } | { ok: false; error: unknown };

/**
 * Group commit — the one primitive for the pipeline's batched writes: `add` queues an item and resolves
 * once a `write` holding it has committed. At most `concurrency` writes run at once (each its own
 * transaction); the items added while they run — or in the same turn of the event loop — go together
 * into the next one (at most `max` each), so under load many items share a transaction and its commit,
 * and when idle an item is written on the next turn.
 * A write may return one result per item (a value, or an error that fails that item alone); a write
 * that throws fails its own items only.
 */
export function groupCommit<T, R = void>(
  write: (items: T[]) => Promise<ItemResult<R>[] | undefined> | Promise<void>,
  options: { max?: number; concurrency?: number } = {},
) {
  const max = options.max ?? 500;
  const concurrency = options.concurrency ?? 1;
  let queue: { item: T; resolve: (value: R) => void; reject: (error: unknown) => void }[] = [];
  let active = 0;
  let idleWaiters: (() => void)[] = [];
  let scheduled = false;

  /**
   * Starts writes on the next turn of the event loop, not at once: requests already received (and
   * attempts already answered) are read first and join the group. On the embedded database every query
   * runs on this thread, so without the yield a group would start with the one item whose callback ran
   * first and every write would hold a single item.
   */
  function schedule(): void {
    if (scheduled || active >= concurrency) return;
    scheduled = true;
    setImmediate(() => {
      scheduled = false;
      pump();
    });
  }

  function pump(): void {
    while (queue.length > 0 && active < concurrency) {
      const group = queue.slice(0, max);
      queue = queue.slice(group.length);
      active++;
      void settle(group).finally(() => {
        active--;
        if (queue.length > 0) schedule();
        else if (active === 0) {
          for (const wake of idleWaiters) wake();
          idleWaiters = [];
        }
      });
    }
  }

  async function settle(group: typeof queue): Promise<void> {
    try {
      const results = await write(group.map((g) => g.item));
      group.forEach((g, i) => {
        const result = results?.[i];
        if (!result) g.resolve(undefined as R);
        else if (result.ok) g.resolve(result.value);
        else g.reject(result.error);
      });
    } catch (error) {
      for (const g of group) g.reject(error);
    }
  }

  return {
    add(item: T): Promise<R> {
      return new Promise<R>((resolve, reject) => {
        queue.push({ item, resolve, reject });
        schedule();
      });
    },
    /** Resolves once every item added so far is written (or failed). */
    idle(): Promise<void> {
      if (active === 0 && queue.length === 0) return Promise.resolve();
      return new Promise((resolve) => idleWaiters.push(resolve));
    },
  };
}
