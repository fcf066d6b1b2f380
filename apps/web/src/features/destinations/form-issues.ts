import type { z } from 'zod';

/**
 * The first message per dotted path of a failed parse (`config.url`, `config.auth.password`), the way
 * the server reports field errors under `body.`. An invalid record key (a forbidden header name) is
 * reported by zod as "Invalid key in record"; its own message says what is wrong.
 */
export function errorsByPath(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const path = issue.path.map(String).join('.');
    const nested = issue.code === 'invalid_key' ? issue.issues[0]?.message : undefined;
    if (out[path] === undefined) out[path] = nested ?? issue.message;
  }
  return out;
}
