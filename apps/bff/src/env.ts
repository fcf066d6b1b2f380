import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

const flag = z
  .enum(['1', '0', 'true', 'false', 'on', 'off', 'yes', 'no'])
  .transform((v) => ['1', 'true', 'on', 'yes'].includes(v));

const EnvSchema = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65535).default(8080),
    HOST: z.string().min(1).default('127.0.0.1'),
    DATA_DIR: z.string().min(1).default('./.data'),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must be a postgres:// URL')
      .optional()
      .or(z.literal('').transform(() => undefined)),
    MQTT_PORT: z.coerce.number().int().min(0).max(65535).default(1883),
    /** The plain-TCP MQTT listener (MQTT_PORT): on by default except in production. */
    MQTT_PLAINTEXT: flag.optional(),
    /** MQTT over TLS. Without MQTT_TLS_CERT/KEY a self-signed certificate is made (not in production). */
    MQTTS_PORT: z.coerce.number().int().min(0).max(65535).default(8883),
    /** PEM files of the MQTT TLS certificate (chain) and its key; reloaded when they change. */
    MQTT_TLS_CERT: z
      .string()
      .optional()
      .or(z.literal('').transform(() => undefined)),
    MQTT_TLS_KEY: z
      .string()
      .optional()
      .or(z.literal('').transform(() => undefined)),
    /** A worker serves its own `/metrics` on HOST:METRICS_PORT when set (servers serve it on PORT). */
    METRICS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
    SEED_DEMO: flag.optional(),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    /** Built portal to serve; empty disables serving it. */
    WEB_DIST: z.string().default(resolve(repoRoot, 'apps/web/dist')),
    /** Extra origins allowed to make cookie-authenticated changes (comma list), e.g. a dev server. */
    ALLOWED_ORIGINS: z
      .string()
      .default('')
      .transform((v) =>
        v
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean),
      ),
    /**
     * The address devices and network servers reach this server at (https://things.example.com): full
     * webhook URLs are given with it; without it the portal prefixes paths with its own address.
     */
    PUBLIC_URL: z.preprocess(
      (v) => (v === '' ? undefined : v),
      z
        .url({ protocol: /^https?$/, error: 'PUBLIC_URL must be an http(s):// URL' })
        .transform((v) => v.replace(/\/+$/, ''))
        .optional(),
    ),
    /** Sets the Secure flag on the session cookie; on when the portal is served over HTTPS. */
    COOKIE_SECURE: flag.default(false),
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    /** Deliveries to private address ranges (10/8, 192.168/16, loopback…): on by default outside production. */
    ALLOW_PRIVATE_DESTINATIONS: flag.optional(),
    // pnpm runs scripts inside the package folder; INIT_CWD is where the user typed the command.
    INIT_CWD: z.string().optional(),
  })
  .refine((env) => (env.MQTT_TLS_CERT === undefined) === (env.MQTT_TLS_KEY === undefined), {
    message: 'MQTT_TLS_CERT and MQTT_TLS_KEY go together: set both or neither',
    path: ['MQTT_TLS_KEY'],
  })
  .transform((env) => ({
    ...env,
    MQTT_PLAINTEXT: env.MQTT_PLAINTEXT ?? env.NODE_ENV !== 'production',
    DATA_DIR: resolve(env.INIT_CWD ?? process.cwd(), env.DATA_DIR),
    MQTT_TLS_CERT: env.MQTT_TLS_CERT && resolve(env.INIT_CWD ?? process.cwd(), env.MQTT_TLS_CERT),
    MQTT_TLS_KEY: env.MQTT_TLS_KEY && resolve(env.INIT_CWD ?? process.cwd(), env.MQTT_TLS_KEY),
    // The demo is seeded by default only on the embedded database, where a fresh folder means a new user.
    SEED_DEMO: env.SEED_DEMO ?? env.DATABASE_URL === undefined,
    ALLOW_PRIVATE_DESTINATIONS: env.ALLOW_PRIVATE_DESTINATIONS ?? env.NODE_ENV !== 'production',
  }));

export type Env = z.output<typeof EnvSchema>;

/** Reads the environment once; a bad value stops start-up with the variable's name. */
export function readEnv(source: Record<string, string | undefined> = process.env): Env {
  const parsed = EnvSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join('\n')}`);
  }
  return parsed.data;
}

/** The bff package folder's own place in the repository, for paths that do not depend on cwd. */
export const paths = { repoRoot };
