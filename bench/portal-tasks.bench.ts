/**
 * pnpm bench:portal-tasks: how much main-thread work the portal does for what users do most — open the
 * devices table (the first visit, then again from the menu: 50 rows), show 100 rows, change a filter
 * (the search), open a device from the table —
 * in Debian's Chromium driven by Playwright, on the built portal served by the real server (fresh
 * embedded database, the seeded demo account, signed in as the demo admin). Each step is measured twice:
 * at the machine's speed and with Chromium's CPU slowed down 4× (what Lighthouse's mobile preset
 * assumes). Per step it reports
 *   - main-thread work: the growth of Chromium's own `TaskDuration` counter (CDP Performance metrics:
 *     every task the renderer's main thread ran — script, style, layout, paint, garbage collection)
 *     from the user's action until the page has settled;
 *   - the longest task and the blocking time (the part of each task over 50 ms), from the page's
 *     `longtask` PerformanceObserver.
 * Medians of BENCH_RUNS rounds (default 5), next to the goal of issue 16 (each step under 200 ms of
 * main-thread work; the first visit, which starts the whole application, is shown for reference and
 * judged by bench:portal's Lighthouse figures instead). Prints figures and asserts nothing. Needs `pnpm --filter @openthings/web run build`
 * first; a fresh browser context per round (no cache: the first visit). Keep the machine otherwise idle.
 * Environment: BENCH_RUNS (5), CHROMIUM_PATH (/usr/bin/chromium).
 */
import { loadavg } from 'node:os';
import { type Browser, type CDPSession, chromium, type Page } from 'playwright-core';
import { chromePath, intSetting } from './lib/env.ts';
import { median, requirePortalBuildAndChromium, startPortal } from './lib/portal.ts';

const runs = intSetting('BENCH_RUNS', 5);
requirePortalBuildAndChromium();

const GOAL_MS = 200;
const CPU_RATES = [1, 4] as const;
/** After a step's visible result, how long the page must stay free of long tasks to count as settled. */
const QUIET_MS = 600;

interface StepFigures {
  workMs: number;
  longestTaskMs: number;
  blockingMs: number;
}

interface Step {
  name: string;
  /** The first visit: it starts the whole application (shown for reference, not judged). */
  startUp?: boolean;
  /** Does what the user does and waits for its visible result. */
  run(page: Page): Promise<void>;
}

const ROWS = 'table[aria-label="Devices"] tbody tr[tabindex="0"]';
const dataRows = (page: Page) => page.locator(ROWS);

/** Waits until the devices table shows between `min` and `max` rows. */
async function waitForRows(page: Page, min: number, max: number) {
  await page
    .waitForFunction(
      ([selector, low, high]) => {
        const n = document.querySelectorAll(selector).length;
        return n >= low && n <= high;
      },
      [ROWS, min, max] as const,
      // An interval, not every animation frame: polling must not add work of its own to the figure.
      { timeout: 30_000, polling: 50 },
    )
    .catch((error: Error) => {
      throw new Error(`waiting for ${min}–${max} device rows: ${error.message}`);
    });
}

function steps(url: string): Step[] {
  return [
    {
      name: 'first visit to /devices (start-up and 50 rows)',
      startUp: true,
      async run(page) {
        await page.goto(`${url}/devices`);
        await waitForRows(page, 50, 50);
      },
    },
    {
      name: 'show 100 rows',
      async run(page) {
        await page.getByLabel('Rows per page').selectOption('100');
        await waitForRows(page, 100, 100);
      },
    },
    {
      name: 'change a filter (search)',
      async run(page) {
        await page.getByRole('textbox', { name: 'Search devices' }).fill('Asset tracker 01');
        await waitForRows(page, 1, 99);
      },
    },
    {
      name: 'open a device from the table',
      async run(page) {
        const first = dataRows(page).first();
        const name = (await first.locator('a').first().textContent())?.trim() ?? '';
        await first.locator('a').first().click();
        await page.getByRole('heading', { level: 1, name }).waitFor({ timeout: 30_000 });
        await page.waitForLoadState('networkidle');
      },
    },
    {
      name: 'back to the devices table by the menu (50 rows)',
      async run(page) {
        await page
          .getByRole('navigation', { name: 'Main menu' })
          .getByRole('link', { name: 'All devices' })
          .click();
        await waitForRows(page, 50, 50);
      },
    },
    {
      // What measuring costs by itself: the polling of the waits, Playwright's own calls, timers.
      name: 'nothing (the floor of the measurement)',
      async run(page) {
        await page.waitForTimeout(QUIET_MS);
      },
    },
  ];
}

async function taskDurationMs(cdp: CDPSession): Promise<number> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return (metrics.find((m) => m.name === 'TaskDuration')?.value ?? 0) * 1000;
}

/** Waits until no long task has ended for QUIET_MS (or 10 s have passed). */
async function settle(page: Page) {
  await page
    .waitForFunction(
      (quiet) => {
        const w = window as unknown as { __longTasks: [number, number][] };
        const last = w.__longTasks.at(-1);
        const lastEnd = last ? last[0] + last[1] : 0;
        return performance.now() - lastEnd > quiet;
      },
      QUIET_MS,
      { polling: 100, timeout: 10_000 },
    )
    .catch(() => {});
  await page.waitForTimeout(QUIET_MS);
}

async function round(browser: Browser, url: string, cookie: string, rate: number, stepList: Step[]) {
  const context = await browser.newContext({ viewport: { width: 1350, height: 940 } });
  try {
    await context.addCookies(
      cookie.split('; ').map((pair) => {
        const at = pair.indexOf('=');
        return { name: pair.slice(0, at), value: pair.slice(at + 1), url };
      }),
    );
    await context.addInitScript(() => {
      const w = window as unknown as { __longTasks: [number, number][] };
      w.__longTasks = [];
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) w.__longTasks.push([entry.startTime, entry.duration]);
      }).observe({ type: 'longtask', buffered: true });
    });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    if (rate > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate });
    const figures = new Map<string, StepFigures>();
    for (const step of stepList) {
      const before = await taskDurationMs(cdp);
      const mark = await page.evaluate(() => performance.now()).catch(() => 0);
      await step.run(page);
      await settle(page);
      const work = (await taskDurationMs(cdp)) - before;
      const tasks = await page.evaluate(
        (since) =>
          (window as unknown as { __longTasks: [number, number][] }).__longTasks.filter(
            ([start]) => start >= since,
          ),
        // A full navigation starts a new document: its long tasks count from its start.
        step.startUp ? 0 : mark,
      );
      const durations = tasks.map(([, duration]) => duration);
      figures.set(step.name, {
        // The settle wait itself runs a few tiny tasks (timers, polling): the counter includes them.
        workMs: work,
        longestTaskMs: durations.length ? Math.max(...durations) : 0,
        blockingMs: durations.reduce((sum, d) => sum + Math.max(0, d - 50), 0),
      });
    }
    return figures;
  } finally {
    await context.close();
  }
}

const portal = await startPortal(8195);
let browser: Browser | undefined;
try {
  browser = await chromium.launch({
    executablePath: chromePath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  const loadBefore = loadavg()[0]!;
  const started = Date.now();
  console.log(
    `${runs} round(s) × CPU ${CPU_RATES.map((r) => `${r}×`).join(', ')} in ${chromePath} (load ${loadBefore.toFixed(2)})`,
  );
  const stepList = steps(portal.url);
  const key = (step: Step, rate: number) => `${step.name} at ${rate}×`;
  const results = new Map<string, StepFigures[]>();
  for (let r = 1; r <= runs; r++) {
    for (const rate of CPU_RATES) {
      const figures = await round(browser, portal.url, portal.cookie, rate, stepList);
      for (const step of stepList) {
        const f = figures.get(step.name);
        if (f) results.set(key(step, rate), [...(results.get(key(step, rate)) ?? []), f]);
      }
      console.log(
        `  round ${r}/${runs}, CPU ${rate}×: ${[...figures]
          .map(([step, f]) => `${step} ${Math.round(f.workMs)} ms`)
          .join(' · ')}`,
      );
    }
  }
  const rows = CPU_RATES.flatMap((rate) =>
    stepList.map((step) => {
      const list = results.get(key(step, rate)) ?? [];
      const work = Math.round(median(list.map((f) => f.workMs)));
      return {
        step: step.name,
        CPU: `${rate}×`,
        'main-thread work ms': work,
        'longest task ms': Math.round(median(list.map((f) => f.longestTaskMs))),
        'blocking ms': Math.round(median(list.map((f) => f.blockingMs))),
        [`≤ ${GOAL_MS} ms`]: step.startUp ? '(start-up)' : work <= GOAL_MS ? 'yes' : 'no',
      };
    }),
  );
  console.log(
    `Medians of ${runs} round(s) (${((Date.now() - started) / 1000).toFixed(0)} s; load average ` +
      `${loadBefore.toFixed(2)} before, ${loadavg()[0]!.toFixed(2)} after)`,
  );
  console.table(rows);
  console.log(`Goal (issue 16): each step under ${GOAL_MS} ms of main-thread work.`);
} finally {
  await browser?.close();
  await portal.stop();
}
