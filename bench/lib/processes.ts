import { type ChildProcess, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { childEnv } from './env.ts';
import { profileArgs, repoRoot } from './server.ts';

export interface Child {
  pid: number;
  /** Stops the process (SIGTERM, then SIGKILL after 10 s) and waits for it. */
  stop(): Promise<void>;
}

const tsxLoader = () => pathToFileURL(join(repoRoot, 'apps/bff/node_modules/tsx/dist/loader.mjs')).href;

function stopper(child: ChildProcess) {
  return async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  };
}

/** Resolves with the first stdout line that `match` accepts; rejects if the process exits first. */
function firstLine(child: ChildProcess, what: string, match: (line: string) => boolean, ms = 180_000) {
  return new Promise<string>((resolve, reject) => {
    let buffered = '';
    const timer = setTimeout(() => reject(new Error(`${what} did not start in ${ms / 1000} s`)), ms);
    const onExit = (code: number | null) => {
      clearTimeout(timer);
      reject(new Error(`${what} exited with ${code}`));
    };
    child.once('exit', onExit);
    child.stdout!.on('data', (d: Buffer) => {
      buffered += d.toString('utf8');
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      const line = lines.find(match);
      if (line !== undefined) {
        clearTimeout(timer);
        child.off('exit', onExit);
        resolve(line);
      }
    });
  });
}

/** A pipeline worker (`worker.ts`) against PostgreSQL; resolves once it runs. */
export async function startWorkerProcess(databaseUrl: string): Promise<Child> {
  const child = spawn(
    process.execPath,
    [...profileArgs('worker'), '--import', tsxLoader(), join(repoRoot, 'apps/bff/src/worker.ts')],
    {
      env: childEnv({
        DATABASE_URL: databaseUrl,
        // info, to see its "worker running" line; pino writes JSON lines to stdout.
        LOG_LEVEL: 'info',
        NODE_ENV: 'production',
        // Deliveries go to the benchmark's receiver on 127.0.0.1.
        ALLOW_PRIVATE_DESTINATIONS: 'true',
      }),
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  await firstLine(child, 'worker', (line) => line.includes('worker running'));
  // Keep draining its log so the pipe never fills up and blocks the worker.
  child.stdout!.resume();
  return { pid: child.pid!, stop: stopper(child) };
}

/** The benchmark's receiver or plain 204 server (`receiver.ts`), with the port it listens on. */
export async function startSink(mode: 'receiver' | 'plain'): Promise<Child & { url: string }> {
  const child = spawn(
    process.execPath,
    ['--import', tsxLoader(), join(repoRoot, 'bench/lib/receiver.ts'), mode],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const line = await firstLine(child, mode, (l) => l.startsWith('{"port"'), 30_000);
  const { port } = JSON.parse(line) as { port: number };
  return { pid: child.pid!, url: `http://127.0.0.1:${port}`, stop: stopper(child) };
}

/** A memory figure of `/proc/<pid>/status` (`VmRSS`, `VmHWM`), in MiB, or NaN once the process is gone. */
function statusMiB(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  try {
    const m = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

/** The process's resident memory now. */
export const rssMiB = (pid: number) => statusMiB(pid, 'VmRSS');

/** The most memory the process has held. */
export const peakRssMiB = (pid: number) => statusMiB(pid, 'VmHWM');

/**
 * Seconds the process's threads spent runnable but waiting for a core (/proc schedstat): on a shared
 * machine, the share of a run lost to other processes. NaN once it is gone.
 */
export function cpuWaitSeconds(pid: number): number {
  try {
    let ns = 0;
    for (const task of readdirSync(`/proc/${pid}/task`)) {
      ns += Number(readFileSync(`/proc/${pid}/task/${task}/schedstat`, 'utf8').split(' ')[1]);
    }
    return ns / 1e9;
  } catch {
    return Number.NaN;
  }
}
