/**
 * Bounds the memory-hard password hashing of one process. Each scrypt check costs ~32 MiB and tens of
 * milliseconds on libuv's small thread pool (which file and DNS work share), so a flood of bad logins
 * could otherwise queue every real login behind it and stall the event loop. At most `concurrency` run at
 * once; the rest wait in a queue per lane, each at most `maxQueue` long, and a full queue refuses at once
 * (the caller answers 429 / CONNACK "server busy"). Lanes take turns, so a flood of device logins never
 * starves portal logins, nor the other way round.
 */
export type KdfLane = 'portal' | 'device';

export class KdfBusyError extends Error {
  constructor(readonly lane: KdfLane) {
    super(`Too many password checks are waiting (${lane}); try again shortly`);
  }
}

export class KdfPool {
  private running = 0;
  private readonly queues: Record<KdfLane, (() => void)[]> = { portal: [], device: [] };
  private turn: KdfLane = 'portal';
  /** Checks run since the process started, per lane (what a flood cost). */
  readonly started: Record<KdfLane, number> = { portal: 0, device: 0 };

  constructor(
    private readonly concurrency = 2,
    private readonly maxQueue = 64,
  ) {}

  async run<T>(lane: KdfLane, task: () => Promise<T>): Promise<T> {
    if (this.running >= this.concurrency) {
      const queue = this.queues[lane];
      if (queue.length >= this.maxQueue) throw new KdfBusyError(lane);
      await new Promise<void>((resolve) => queue.push(resolve));
    } else {
      this.running++;
    }
    this.started[lane]++;
    try {
      return await task();
    } finally {
      this.next();
    }
  }

  /** Hands the finished slot to the next waiting task, lanes in turn; or frees it. */
  private next(): void {
    const other: KdfLane = this.turn === 'portal' ? 'device' : 'portal';
    const lane = this.queues[this.turn].length > 0 ? this.turn : other;
    const wake = this.queues[lane].shift();
    if (!wake) {
      this.running--;
      return;
    }
    this.turn = lane === 'portal' ? 'device' : 'portal';
    wake();
  }

  waiting(lane: KdfLane): number {
    return this.queues[lane].length;
  }
}

/** The process's one pool: every scrypt of this process goes through it. */
export const kdfPool = new KdfPool();
