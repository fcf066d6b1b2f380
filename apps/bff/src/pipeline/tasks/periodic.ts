import type { Logger } from 'pino';

/**
 * Runs `task` now and every `ms`, never two runs at once; a failure is logged and the next tick
 * tries again. `stop()` waits for a run in progress. `kick()` runs it now (e.g. after new work arrived).
 */
export function every(ms: number, name: string, logger: Logger, task: () => Promise<unknown>) {
  let running: Promise<unknown> | undefined;
  let again = false;
  let stopped = false;
  const tick = () => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = task()
      .catch((error) => logger.error({ err: error, task: name }, `${name} failed`))
      .finally(() => {
        running = undefined;
        if (again) {
          again = false;
          tick();
        }
      });
  };
  tick();
  const timer = setInterval(tick, ms);
  timer.unref();
  return {
    kick: tick,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
