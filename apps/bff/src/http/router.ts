import {
  type Actor,
  type Contract,
  type ContractResponse,
  can,
  DomainError,
  type FieldErrors,
  type ParsedBody,
  type ParsedParams,
  type ParsedQuery,
  TIMESTAMP_MAX,
  TIMESTAMP_MIN,
  TIMESTAMP_RANGE_MESSAGE,
  textProblem,
} from '@openthings/domain';
import type { Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { z } from 'zod';
import { problemResponse } from './problem.ts';
import type { AppEnv } from './types.ts';

type Out<S> = S extends z.ZodType ? z.output<S> : undefined;

export interface HandlerInput<C extends Contract> {
  params: ParsedParams<C>;
  query: ParsedQuery<C>;
  body: ParsedBody<C>;
  actor: C extends { auth: 'required' } ? Actor : Actor | undefined;
  c: Context<AppEnv>;
}

export type Handler<C extends Contract> = (
  input: HandlerInput<C>,
) => Promise<ContractResponse<C> | Response> | ContractResponse<C> | Response;

/** Zod issues as `{ "body.name": ["Enter a name"] }`. */
export function fieldErrors(where: string, error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = [where, ...issue.path.map(String)].join('.');
    const list = out[key] ?? [];
    list.push(issue.message);
    out[key] = list;
  }
  return out;
}

const JSON_TYPE = /^application\/([a-z0-9.+-]+\+)?json$/;
const FORM_TYPE = 'application/x-www-form-urlencoded';
export const MEDIA_TYPES = { json: 'application/json', form: FORM_TYPE, csv: 'text/csv' } as const;

/** JSON bodies of the API are small; operations that take files say their own limit. */
export const API_BODY_LIMIT = 1024 * 1024;

async function readBody(c: Context<AppEnv>, contract: Contract): Promise<unknown> {
  const mediaType = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  const accepts = contract.bodyTypes ?? ['json'];
  if (JSON_TYPE.test(mediaType)) {
    const text = await c.req.text();
    if (text.trim() === '') return undefined;
    try {
      return JSON.parse(text);
    } catch {
      throw new DomainError('request.malformed_json', { detail: 'The body could not be parsed as JSON' });
    }
  }
  if ((mediaType === 'text/csv' || mediaType === 'text/plain') && accepts.includes('csv')) {
    try {
      // fatal: a file with bytes that are not UTF-8 is refused, never half-read.
      return new TextDecoder('utf-8', { fatal: true }).decode(await c.req.arrayBuffer());
    } catch {
      throw new DomainError('bulk.invalid_file', {
        detail: 'The file is not UTF-8 text; save it as CSV (UTF-8)',
      });
    }
  }
  if (mediaType === FORM_TYPE && accepts.includes('form')) {
    return Object.fromEntries(new URLSearchParams(await c.req.text()));
  }
  if (mediaType === '' && (c.req.header('content-length') ?? '0') === '0') return undefined;
  throw new DomainError('request.unsupported_media_type', {
    detail: `Send the body as ${accepts.map((a) => MEDIA_TYPES[a]).join(' or ')}`,
  });
}

function parsePart<S extends z.ZodType | undefined>(where: string, schema: S, value: unknown): Out<S> {
  if (!schema) return undefined as Out<S>;
  const result = schema.safeParse(value);
  if (!result.success) throw new DomainError('request.invalid', {}, fieldErrors(where, result.error));
  return result.data as Out<S>;
}

/**
 * What validation let through but the database could not hold — text with NUL or a lone surrogate, a
 * Date outside years 1–9999 — as field errors. Schemas say it first with their own messages (the
 * shared `storedText` and `TimestampQuery`); this is the edge's guarantee for every field, so that
 * such input is a 400 and never a 500 from PostgreSQL.
 */
export function unstorable(parts: Record<string, unknown>): FieldErrors | undefined {
  const errors: FieldErrors = {};
  const refuse = (path: string, message: string) => {
    errors[path] = [...(errors[path] ?? []), message];
  };
  const stack = Object.entries(parts).map(([key, value]) => ({ path: key, value }));
  while (stack.length > 0) {
    const { path, value } = stack.pop()!;
    if (typeof value === 'string') {
      const problem = textProblem(value);
      if (problem) refuse(path, `This text ${problem}; remove it`);
    } else if (value instanceof Date) {
      if (!(value >= TIMESTAMP_MIN && value <= TIMESTAMP_MAX)) refuse(path, TIMESTAMP_RANGE_MESSAGE);
    } else if (value !== null && typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) {
        const problem = textProblem(key);
        if (problem) refuse(path, `A name in it ${problem}; remove it`);
        stack.push({ path: `${path}.${key}`, value: child });
      }
    }
  }
  return Object.keys(errors).length > 0 ? errors : undefined;
}

/** Registers routes from domain contracts and remembers them for the OpenAPI document. */
export class ApiRouter {
  readonly contracts: Contract[] = [];

  constructor(private readonly app: Hono<AppEnv>) {}

  handle<C extends Contract>(contract: C, handler: Handler<C>): void {
    this.contracts.push(contract);
    const path = contract.path.replace(/\{(\w+)\}/g, ':$1');
    const maxSize = contract.maxBodyBytes ?? API_BODY_LIMIT;
    // Only where a body is read: the limit asks for the request's body stream, which makes the Node
    // adapter build a full fetch Request (about 5 % of the server's CPU on GET /api/projects).
    const limit = bodyLimit({
      maxSize,
      onError: (c) =>
        problemResponse(c as Context<AppEnv>, 'request.body_too_large', 413, {
          detail: `The body is larger than ${maxSize >= 1024 * 1024 ? `${maxSize / 1024 / 1024} MB` : `${maxSize} bytes`}`,
        }),
    });
    const handle = async (c: Context<AppEnv>) => {
      c.set('route', contract.path);
      const actor = c.get('actor');
      if (contract.auth === 'required') {
        if (!actor) throw new DomainError('auth.unauthenticated');
        if (contract.action && !can(actor, contract.action)) throw new DomainError('auth.forbidden');
        if (contract.personal && actor.kind !== 'user') {
          throw new DomainError('auth.forbidden', {
            detail: 'Only signed-in users have these; an API key has none',
          });
        }
      }
      const params = parsePart('params', contract.params, c.req.param());
      const query = parsePart('query', contract.query, c.req.query());
      const body = contract.body ? parsePart('body', contract.body, await readBody(c, contract)) : undefined;
      // A CSV file is a string its feature reads cell by cell, with a reason per row.
      const refused = unstorable({ params, query, ...(typeof body !== 'string' && { body }) });
      if (refused) throw new DomainError('request.invalid', {}, refused);
      const result = await handler({ params, query, body, actor, c } as HandlerInput<C>);
      if (result instanceof Response) return result;
      if (contract.status === 204) return c.body(null, 204);
      return c.json(result as object, contract.status);
    };
    const method = contract.method.toUpperCase();
    if (contract.body) this.app.on(method, path, limit, handle);
    else this.app.on(method, path, handle);
  }
}
