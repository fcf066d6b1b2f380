import type { FieldErrors } from '@openthings/domain';

/**
 * A failed API call, carrying the server's problem+json. `code` is the stable `<feature>.<reason>`
 * code; the web turns it into a sentence in one place (`error-messages.ts`). Failures that never
 * reached the API get web codes: `network.unreachable`, `http.<status>`.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly title: string;
  readonly detail: string | undefined;
  /** Per-field messages, keyed by dotted path such as `body.name`. */
  readonly errors: FieldErrors;
  readonly requestId: string | undefined;

  constructor(init: {
    status: number;
    code: string;
    title: string;
    detail?: string | undefined;
    errors?: FieldErrors | undefined;
    requestId?: string | undefined;
  }) {
    super(init.detail ?? init.title);
    this.name = 'ApiError';
    this.status = init.status;
    this.code = init.code;
    this.title = init.title;
    this.detail = init.detail;
    this.errors = init.errors ?? {};
    this.requestId = init.requestId;
  }

  /** Field messages of one request part with the part prefix removed: `body.name` → `name`. */
  fieldErrors(part: 'body' | 'query' | 'params' = 'body'): Record<string, string> {
    const out: Record<string, string> = {};
    const prefix = `${part}.`;
    for (const [key, messages] of Object.entries(this.errors)) {
      if (key.startsWith(prefix) && messages[0] !== undefined) out[key.slice(prefix.length)] = messages[0];
    }
    return out;
  }
}

export function isApiError(error: unknown, status?: number): error is ApiError {
  return error instanceof ApiError && (status === undefined || error.status === status);
}
