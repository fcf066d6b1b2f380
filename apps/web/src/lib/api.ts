import {
  buildPath,
  type Contract,
  type ContractBody,
  type ContractParams,
  type ContractQuery,
  type ContractResponse,
  CUSTOMER_CONTEXT_HEADER,
  ProblemSchema,
} from '@openthings/domain';
import { getActingCustomer } from './acting-customer.ts';
import { ApiError } from './api-error.ts';

// ApiError has a module of its own, without the domain's schemas, so the app's entry and the sign-in
// page recognise API errors without loading zod; callers of `callApi` may keep importing it from here.
export { ApiError, isApiError } from './api-error.ts';

export interface CallOptions<C extends Contract> {
  params?: ContractParams<C>;
  query?: ContractQuery<C>;
  body?: ContractBody<C>;
  /**
   * A body sent as it is, for operations that take files (a CSV upload): the bytes of the file, so the
   * server judges its encoding, not the browser.
   */
  raw?: { body: Blob | ArrayBuffer; contentType: 'text/csv' };
  signal?: AbortSignal;
}

function queryString(query: unknown): string {
  if (query === undefined || query === null) return '';
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query as Record<string, unknown>)) {
    if (value === undefined || value === null || value === '') continue;
    if (value instanceof Date) search.set(key, value.toISOString());
    else if (Array.isArray(value)) search.set(key, value.map(String).join(','));
    else search.set(key, String(value));
  }
  const text = search.toString();
  return text === '' ? '' : `?${text}`;
}

/** Code for an error answer that is not problem+json (a proxy page, a crash before the API). */
function codeForStatus(status: number): string {
  if (status === 401) return 'auth.unauthenticated';
  if (status === 403) return 'auth.forbidden';
  if (status === 404) return 'resource.not_found';
  if (status >= 500) return 'internal';
  return `http.${status}`;
}

async function toApiError(response: Response): Promise<ApiError> {
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    body = undefined;
  }
  const problem = ProblemSchema.safeParse(body);
  if (problem.success) {
    const p = problem.data;
    return new ApiError({
      status: p.status,
      code: p.code,
      title: p.title,
      detail: p.detail,
      errors: p.errors,
      requestId: p.requestId,
    });
  }
  return new ApiError({
    status: response.status,
    code: codeForStatus(response.status),
    title: response.statusText || `HTTP ${response.status}`,
  });
}

/**
 * Calls one API operation through its domain contract: the path, method and types come from the
 * contract, never restated here. Resolves with the response body; rejects with `ApiError`. It never
 * shows anything to the user — callers decide how to tell them.
 */
export async function callApi<C extends Contract>(
  contract: C,
  options: CallOptions<C> = {},
): Promise<ContractResponse<C>> {
  const path = buildPath(contract.path, (options.params ?? {}) as Record<string, string | number>);
  // A download (a CSV) is read as text; failures are problem+json either way.
  const download = contract.produces !== undefined;
  const headers: Record<string, string> = {
    Accept: download ? `${contract.produces!.join(', ')}, application/problem+json` : 'application/json',
  };
  const acting = getActingCustomer();
  if (acting) headers[CUSTOMER_CONTEXT_HEADER] = acting;
  const init: RequestInit = {
    method: contract.method.toUpperCase(),
    credentials: 'same-origin',
    headers,
  };
  if (options.signal) init.signal = options.signal;
  if (options.raw) {
    headers['Content-Type'] = options.raw.contentType;
    init.body = options.raw.body;
  } else if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(options.body);
  }

  let response: Response;
  try {
    response = await fetch(`${path}${queryString(options.query)}`, init);
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError({ status: 0, code: 'network.unreachable', title: 'The server could not be reached' });
  }
  if (!response.ok) throw await toApiError(response);
  if (response.status === 204) return null as ContractResponse<C>;
  if (download) return (await response.text()) as ContractResponse<C>;
  return (await response.json()) as ContractResponse<C>;
}

/** The opaque cursor inside a page link such as `/api/projects?limit=50&cursor=…`. */
export function cursorFromLink(link: string | null | undefined): string | undefined {
  if (!link) return undefined;
  return new URL(link, 'http://link.invalid').searchParams.get('cursor') ?? undefined;
}
