import { DomainError, type ErrorCode, errorTitles, type Problem, ProblemTypeBase } from '@openthings/domain';
import type { Context } from 'hono';
import type { AppEnv } from './types.ts';

export function problemBody(
  code: ErrorCode,
  status: number,
  extra: { detail?: string; errors?: Record<string, string[]>; requestId?: string; instance?: string } = {},
): Problem {
  return {
    type: `${ProblemTypeBase}${code}`,
    title: errorTitles[code],
    status,
    code,
    ...(extra.detail !== undefined && { detail: extra.detail }),
    ...(extra.instance !== undefined && { instance: extra.instance }),
    ...(extra.requestId !== undefined && { requestId: extra.requestId }),
    ...(extra.errors !== undefined && { errors: extra.errors }),
  };
}

export function problemResponse(
  c: Context<AppEnv>,
  code: ErrorCode,
  status: number,
  extra: Parameters<typeof problemBody>[2] = {},
) {
  const body = problemBody(code, status, { requestId: c.get('requestId'), instance: c.req.path, ...extra });
  // c.body keeps the headers middleware already set (request id, security headers).
  return c.body(JSON.stringify(body), status as 400, { 'content-type': 'application/problem+json' });
}

/** The one mapping from errors to problem+json; anything unexpected is a 500 without internals. */
export function errorToResponse(c: Context<AppEnv>, error: unknown): Response {
  if (error instanceof DomainError) {
    const detail = typeof error.details.detail === 'string' ? error.details.detail : undefined;
    const response = problemResponse(c, error.code, error.status, {
      ...(detail !== undefined && { detail }),
      ...(error.fieldErrors && { errors: error.fieldErrors }),
    });
    if (typeof error.details.retryAfter === 'number')
      response.headers.set('retry-after', String(error.details.retryAfter));
    return response;
  }
  return problemResponse(c, 'internal', 500, {
    detail: 'The error was logged; quote the request id when reporting it.',
  });
}
