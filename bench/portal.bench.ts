/**
 * pnpm bench:portal: Lighthouse on the built portal as the real server sends it. Starts `start.ts` on a
 * fresh embedded database with the seeded demo account, serving the last build of apps/web (`pnpm build`
 * first), on 127.0.0.1; signs in as the demo admin and runs Lighthouse (performance, accessibility,
 * best practices, SEO) in Debian's Chromium (headless, a fresh browser per run) on /login (signed out),
 * /devices, the first device's page and the first flow's page (signed in: the session cookie travels as
 * an extra header), each with the mobile preset (Lighthouse's default: Moto G Power screen, simulated
 * slow 4G and 4× CPU slowdown) and the desktop preset. Runs go round by round, every page and preset in
 * each round, so a busy moment of the machine spreads over all of them. Prints the median of each figure
 * next to the goals of issue 16 (mobile performance ≥ 90, accessibility 100, best practices 100, mobile
 * LCP ≤ 2.5 s, TBT ≤ 200 ms) and the audits that kept a score below 100; asserts nothing. The build is
 * copied to a temporary folder first, so a rebuild during the run does not pull files from under the
 * server. A run that Lighthouse reports as failed (no paint, broken trace) is tried once more. About
 * 10–20 s per Lighthouse run on 2 cores: 8 runs a round, 3 rounds ≈ 6 minutes on an idle machine.
 * Keep the machine otherwise idle: Lighthouse's simulated throttling multiplies any CPU contention.
 * Environment: BENCH_RUNS (rounds, 3), CHROMIUM_PATH (/usr/bin/chromium).
 */
import { cpus, loadavg } from 'node:os';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse, { type Config, type Flags, type Result } from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';
import { chromePath, intSetting } from './lib/env.ts';
import { median, requirePortalBuildAndChromium, startPortal } from './lib/portal.ts';

const runs = intSetting('BENCH_RUNS', 3);
requirePortalBuildAndChromium();
const CHROME_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'];
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'];
const presets: { name: 'mobile' | 'desktop'; config: Config | undefined }[] = [
  { name: 'mobile', config: undefined },
  { name: 'desktop', config: desktopConfig },
];

interface Figures {
  performance: number;
  accessibility: number;
  bestPractices: number;
  seo: number;
  lcp: number;
  tbt: number;
  cls: number;
  fcp: number;
  benchmarkIndex: number;
  /** Accessibility, best-practices and SEO audits below a full score. */
  failing: string[];
}

const score = (lhr: Result, id: string) => {
  const value = lhr.categories[id]?.score;
  return typeof value === 'number' ? Math.round(value * 100) : Number.NaN;
};
const metric = (lhr: Result, id: string) => lhr.audits[id]?.numericValue ?? Number.NaN;

/** One Lighthouse run in a fresh Chromium (its own temporary profile, removed when it stops). */
async function audit(url: string, config: Config | undefined, cookie: string | undefined): Promise<Result> {
  const chrome = await chromeLauncher.launch({ chromePath, chromeFlags: CHROME_FLAGS, logLevel: 'silent' });
  try {
    const flags: Flags = {
      port: chrome.port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: CATEGORIES,
      ...(cookie ? { extraHeaders: { Cookie: cookie } } : {}),
    };
    const result = await lighthouse(url, flags, config);
    if (!result) throw new Error('Lighthouse returned no result');
    return result.lhr;
  } finally {
    chrome.kill();
  }
}

const cleanups: (() => Promise<unknown>)[] = [];
async function cleanUp() {
  for (const fn of cleanups.reverse()) await fn().catch(() => {});
}

/** The audits of a run that scored below 1 in the categories besides performance, e.g. `seo: meta-description`. */
function failingAudits(lhr: Result): string[] {
  const failing: string[] = [];
  for (const category of ['accessibility', 'best-practices', 'seo']) {
    for (const ref of lhr.categories[category]?.auditRefs ?? []) {
      const result = lhr.audits[ref.id];
      if (ref.weight > 0 && typeof result?.score === 'number' && result.score < 1)
        failing.push(`${category}: ${ref.id}`);
    }
  }
  return failing;
}

try {
  const portal = await startPortal(8193);
  cleanups.push(() => portal.stop());
  const { url, cookie, firstId } = portal;
  const deviceId = await firstId('/api/devices?limit=1');
  const flowId = await firstId('/api/device-groups?limit=1');
  const pages: { label: string; path: string; signedIn: boolean }[] = [
    { label: '/login', path: '/login', signedIn: false },
    { label: '/devices', path: '/devices', signedIn: true },
    { label: '/devices/:id', path: `/devices/${deviceId}`, signedIn: true },
    { label: '/flows/:id', path: `/flows/${flowId}`, signedIn: true },
  ];

  const results = new Map<string, Figures[]>();
  const key = (page: string, preset: string) => `${page} ${preset}`;
  const loadBefore = loadavg();
  const started = Date.now();
  console.log(
    `Lighthouse ${runs} round(s) × ${pages.length} pages × ${presets.length} presets in ${chromePath} ` +
      `(${cpus().length} cores, load ${loadBefore.map((l) => l.toFixed(2)).join(' ')})`,
  );
  for (let round = 1; round <= runs; round++) {
    for (const page of pages) {
      for (const preset of presets) {
        const name = key(page.label, preset.name);
        const t0 = Date.now();
        const load = loadavg()[0]!;
        let lhr: Result | undefined;
        for (let attempt = 1; attempt <= 2 && !lhr; attempt++) {
          try {
            const result = await audit(
              `${url}${page.path}`,
              preset.config,
              page.signedIn ? cookie : undefined,
            );
            if (result.runtimeError)
              console.warn(`  ${name}: attempt ${attempt}: ${result.runtimeError.message}`);
            else lhr = result;
          } catch (error) {
            console.warn(`  ${name}: attempt ${attempt}: ${(error as Error).message}`);
          }
        }
        if (!lhr) {
          console.warn(`  round ${round}/${runs} ${name}: no figures (left out of the medians)`);
          continue;
        }
        for (const warning of lhr.runWarnings) console.warn(`  ${name}: ${warning}`);
        const landed = new URL(lhr.finalDisplayedUrl).pathname;
        if (landed !== page.path) console.warn(`  ${name}: ended on ${landed}, not ${page.path}`);
        const figures: Figures = {
          performance: score(lhr, 'performance'),
          accessibility: score(lhr, 'accessibility'),
          bestPractices: score(lhr, 'best-practices'),
          seo: score(lhr, 'seo'),
          lcp: metric(lhr, 'largest-contentful-paint'),
          tbt: metric(lhr, 'total-blocking-time'),
          cls: metric(lhr, 'cumulative-layout-shift'),
          fcp: metric(lhr, 'first-contentful-paint'),
          benchmarkIndex: lhr.environment.benchmarkIndex,
          failing: failingAudits(lhr),
        };
        const list = results.get(name) ?? [];
        list.push(figures);
        results.set(name, list);
        console.log(
          `  round ${round}/${runs} ${name}: performance ${figures.performance}, ` +
            `LCP ${(figures.lcp / 1000).toFixed(2)} s, TBT ${Math.round(figures.tbt)} ms ` +
            `(${((Date.now() - t0) / 1000).toFixed(1)} s, load ${load.toFixed(2)} before)`,
        );
      }
    }
  }

  const rows = [];
  for (const page of pages) {
    for (const preset of presets) {
      const list = results.get(key(page.label, preset.name)) ?? [];
      const m = (pick: (f: Figures) => number) => median(list.map(pick));
      rows.push({
        page: page.label,
        preset: preset.name,
        runs: list.length,
        performance: m((f) => f.performance),
        accessibility: m((f) => f.accessibility),
        'best practices': m((f) => f.bestPractices),
        seo: m((f) => f.seo),
        'LCP s': Math.round(m((f) => f.lcp) / 10) / 100,
        'TBT ms': Math.round(m((f) => f.tbt)),
        CLS: Math.round(m((f) => f.cls) * 1000) / 1000,
        'FCP s': Math.round(m((f) => f.fcp) / 10) / 100,
      });
    }
  }
  const all = [...results.values()].flat();
  console.log(
    `Medians of ${runs} run(s) each (${((Date.now() - started) / 1000).toFixed(0)} s; load average ` +
      `${loadBefore[0]!.toFixed(2)} before, ${loadavg()[0]!.toFixed(2)} after; Lighthouse benchmark index ` +
      `median ${Math.round(median(all.map((f) => f.benchmarkIndex)))} — the lower, the slower the machine looked)`,
  );
  console.table(rows);
  console.log(
    'Goals (issue 16): mobile performance ≥ 90, accessibility 100, best practices 100, mobile LCP ≤ 2.5 s, ' +
      'TBT ≤ 200 ms',
  );
  const missed: string[] = [];
  for (const row of rows) {
    const name = key(row.page, row.preset);
    if (row.runs === 0) {
      missed.push(`${name}: no successful run`);
      continue;
    }
    const mobile = row.preset === 'mobile';
    if (mobile && !(row.performance >= 90)) missed.push(`${name}: performance ${row.performance}`);
    if (!(row.accessibility >= 100)) missed.push(`${name}: accessibility ${row.accessibility}`);
    if (!(row['best practices'] >= 100)) missed.push(`${name}: best practices ${row['best practices']}`);
    if (mobile && !(row['LCP s'] <= 2.5)) missed.push(`${name}: LCP ${row['LCP s']} s`);
    if (!(row['TBT ms'] <= 200)) missed.push(`${name}: TBT ${row['TBT ms']} ms`);
  }
  console.log(missed.length ? `missed (medians):\n  ${missed.join('\n  ')}` : 'all goals met');
  // Which audits cost the accessibility, best-practices and SEO points, and on which pages.
  const failing = new Map<string, Set<string>>();
  for (const [name, list] of results)
    for (const figures of list)
      for (const id of figures.failing) failing.set(id, (failing.get(id) ?? new Set<string>()).add(name));
  if (failing.size) {
    console.log('accessibility, best-practices and SEO audits below a full score (in any run):');
    for (const [id, names] of failing) console.log(`  ${id} — ${[...names].join(', ')}`);
  }
} finally {
  await cleanUp();
}
