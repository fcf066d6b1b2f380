import type { z } from 'zod';
import type { Action } from '../auth/roles.ts';

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/**
 * One HTTP operation, written once: the bff registers and validates the route from it, the OpenAPI
 * document is generated from it, and the web client calls through it.
 */
export interface Contract<
  P extends z.ZodType = z.ZodType,
  Q extends z.ZodType = z.ZodType,
  B extends z.ZodType = z.ZodType,
  R extends z.ZodType = z.ZodType,
> {
  operationId: string;
  method: HttpMethod;
  /** OpenAPI path with `{name}` parameters, e.g. `/api/projects/{id}`. */
  path: string;
  summary: string;
  tags: readonly string[];
  /** `public`: no credentials; otherwise a session cookie or a bearer token is required. */
  auth: 'public' | 'required';
  /** The action checked with `can()` before the handler runs (subject checks happen in the service). */
  action?: Action;
  /**
   * The operation touches only the signed-in user's own records (saved views), not the customer's
   * data: it needs no role, and an API key — which has no user — is refused.
   */
  personal?: true;
  params?: P;
  query?: Q;
  body?: B;
  /** Accepted request body media types; JSON by default. */
  bodyTypes?: readonly ('json' | 'form' | 'csv')[];
  /** Body size limit of this operation; the API default (1 MiB) otherwise. */
  maxBodyBytes?: number;
  status: 200 | 201 | 202 | 204;
  /** Media types of a non-JSON success body (downloads); JSON when absent. */
  produces?: readonly string[];
  response: R;
}

export function defineContract<const C extends Contract>(c: C): C {
  return c;
}

type Part<C, K extends 'params' | 'query' | 'body', IO extends 'in' | 'out'> = C extends { [P in K]: infer S }
  ? S extends z.ZodType
    ? IO extends 'in'
      ? z.input<S>
      : z.output<S>
    : undefined
  : undefined;

export type ContractParams<C> = Part<C, 'params', 'in'>;
export type ContractQuery<C> = Part<C, 'query', 'in'>;
export type ContractBody<C> = Part<C, 'body', 'in'>;
export type ParsedParams<C> = Part<C, 'params', 'out'>;
export type ParsedQuery<C> = Part<C, 'query', 'out'>;
export type ParsedBody<C> = Part<C, 'body', 'out'>;
export type ContractResponse<C> = C extends { response: infer R extends z.ZodType } ? z.output<R> : never;

/** Fills `{name}` placeholders of a contract path. */
export function buildPath(path: string, params: Record<string, string | number> = {}): string {
  return path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`Missing path parameter ${name}`);
    return encodeURIComponent(String(value));
  });
}
