// Runs the bff suite a second time against PostgreSQL when TEST_DATABASE_URL is set (CI does).
import { spawnSync } from 'node:child_process';

if (!process.env.TEST_DATABASE_URL) {
  console.log(
    'TEST_DATABASE_URL is not set: the PostgreSQL run of the bff tests is skipped (PGlite run done).',
  );
  process.exit(0);
}
const result = spawnSync('npx', ['vitest', 'run'], {
  stdio: 'inherit',
  env: { ...process.env, TEST_DB: 'postgres' },
});
process.exit(result.status ?? 1);
