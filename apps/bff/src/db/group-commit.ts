/**
 * Group commit: `add` queues an item and resolves once a `write` holding it has committed. One write
 * runs at a time; the items added while it runs go together into the next one (at most `max` each), so
 * under load many items share a transaction and its commit, and when idle an item is written at once.
 * A failed write rejects the promises of its items only.
 */
export function groupCommit<T>(write: (items: T[]) => Promise<void>, max = 500) {
  let queue: { item: T; resolve: () => void; reject: (error: unknown) => void }[] = [];
  let running: Promise<void> | undefined;

  async function run() {
    while (queue.length > 0) {
      const group = queue.slice(0, max);
      queue = queue.slice(group.length);
      try {
        await write(group.map((g) => g.item));
        for (const g of group) g.resolve();
      } catch (error) {
        for (const g of group) g.reject(error);
      }
    }
    running = undefined;
  }

  return {
    add(item: T): Promise<void> {
      return new Promise<void>((resolve, reject) => {
        queue.push({ item, resolve, reject });
        running ??= run();
      });
    },
    /** Resolves once every item added so far is written (or failed). */
    async idle(): Promise<void> {
      while (running) await running;
    },
  };
}
