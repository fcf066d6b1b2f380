import type { z } from 'zod';
import { isApiError } from './api.ts';
import { errorMessage } from './error-messages.ts';

/** The first message per top-level field of a failed parse, for showing under each field. */
export function fieldErrorsOf(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const field = issue.path[0];
    if (typeof field === 'string' && out[field] === undefined) out[field] = issue.message;
  }
  return out;
}

/**
 * A failed request split for a form: messages that belong to one of `fields` go under it; when none
 * does, one sentence for the top of the form (a limit reached, a conflict, the network).
 */
export function formErrorsOf(
  error: unknown,
  fields: readonly string[],
): { fields: Record<string, string>; form: string | null } {
  if (!isApiError(error)) return { fields: {}, form: errorMessage(error) };
  const placed = Object.fromEntries(
    Object.entries(error.fieldErrors('body')).filter(([key]) => fields.includes(key)),
  );
  return { fields: placed, form: Object.keys(placed).length > 0 ? null : errorMessage(error) };
}
