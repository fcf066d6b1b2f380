import { type ChildProcess, spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const src = join(dirname(fileURLToPath(import.meta.url)), '..');
const tsx = pathToFileURL(join(src, '../node_modules/tsx/dist/loader.mjs')).href;
const started: ChildProcess[] = [];

export interface EntryProcess {
  child: ChildProcess;
  exited: Promise<number | null>;
  /** Everything it wrote to stdout and stderr so far. */
  output: () => string;
}

/**
 * Starts an entry point (`start.ts`, `server.ts`, `worker.ts`) as a real process through tsx's import
 * hook (so its PID is the server itself): on 127.0.0.1, with any free MQTT port, no web build, the
 * embedded database unless `env` names one, and warnings only in its log.
 */
export function spawnEntry(
  entry: 'start.ts' | 'server.ts' | 'worker.ts',
  env: Record<string, string>,
): EntryProcess {
  const child = spawn(process.execPath, ['--import', tsx, join(src, entry)], {
    env: {
      ...process.env,
      LOG_LEVEL: 'warn',
      WEB_DIST: '',
      HOST: '127.0.0.1',
      DATABASE_URL: '',
      // Any free port for the MQTT broker, so runs never clash on 1883.
      MQTT_PORT: '0',
      MQTTS_PORT: '0',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.push(child);
  let output = '';
  child.stdout!.on('data', (d) => {
    output += d;
  });
  child.stderr!.on('data', (d) => {
    output += d;
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, exited, output: () => output };
}

/** Kills (SIGKILL) every process `spawnEntry` started that is still running: for a file's afterAll. */
export function killStarted(): void {
  for (const child of started)
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
}
