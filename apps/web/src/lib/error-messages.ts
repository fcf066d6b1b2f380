import { errorTitles } from '@openthings/domain';
import { ApiError } from './api-error.ts';

/**
 * The one code → sentence map of the portal. It starts from the domain's titles and says some of them
 * the way a user of a page needs to hear them; codes the web adds itself are at the end.
 */
const messages: Record<string, string> = {
  ...errorTitles,
  'auth.unauthenticated': 'Your session has ended. Sign in again.',
  'auth.forbidden': 'You are not allowed to do this. Ask an administrator for the right role.',
  'auth.csrf': 'The request was refused because it did not come from this portal. Reload the page.',
  'resource.not_found': 'This item does not exist, or you cannot see it.',
  'request.invalid': 'Some fields are not valid. Check them and try again.',
  internal: 'Something went wrong on our side. Try again in a moment.',
  'network.unreachable': 'The server could not be reached. Check your connection and try again.',
};

/** A sentence for any error a page may show. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) {
    const sentence = messages[error.code] ?? error.title;
    return error.code === 'internal' && error.requestId
      ? `${sentence} (reference ${error.requestId})`
      : sentence;
  }
  return 'Something went wrong. Try again in a moment.';
}
