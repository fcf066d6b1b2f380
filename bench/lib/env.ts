/**
 * Everything the benchmarks read from the environment, in one place: each setting with its default, and a
 * clear message (exit 2) when a value cannot be used. The processes the benchmarks start inherit the
 * environment through `childEnv`.
 */

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

/** A whole number ≥ `min` from `name`, or `fallback` when unset. */
export function intSetting(name: string, fallback: number, min = 1): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) fail(`${name} must be a whole number ≥ ${min}`);
  return value;
}

/** A number above 0 from `name`, or undefined when unset. */
export function positiveSetting(name: string): number | undefined {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return undefined;
  const value = Number(raw);
  if (!(value > 0)) fail(`${name} must be a number above 0`);
  return value;
}

/** The PostgreSQL server where a `--pg` benchmark may create its database (`DATABASE_URL`). */
export function adminDatabaseUrl(): string {
  return (
    process.env.DATABASE_URL ||
    fail('--pg needs DATABASE_URL=postgres://… of a server where the benchmark may create a database')
  );
}

/** Debian's Chromium, or `CHROMIUM_PATH`. */
export const chromePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** With BENCH_CPU_PROFILE=<folder>, the OpenThings processes write V8 CPU profiles there. */
export const cpuProfileDir = process.env.BENCH_CPU_PROFILE || undefined;

/** The environment of a process a benchmark starts: this one's, with `settings` on top. */
export function childEnv(settings: Record<string, string>): NodeJS.ProcessEnv {
  return { ...process.env, ...settings };
}
