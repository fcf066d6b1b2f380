import { MAX_BULK_BYTES } from '@openthings/domain';
import { isApiError } from '../../../lib/api.ts';
import { errorMessage } from '../../../lib/error-messages.ts';
import { formatBytes } from '../../../lib/format.ts';

export interface BulkProblem {
  title: string;
  message: string;
}

const tooLarge = (size?: number): BulkProblem => ({
  title: 'The file is too large',
  message: `A file may hold at most ${formatBytes(MAX_BULK_BYTES)}${size === undefined ? '' : `; this one is ${formatBytes(size)}`}. Split it into smaller files and upload them one by one.`,
});

/** Refused before anything is sent: a file the API would refuse anyway. */
export function fileProblem(file: File): BulkProblem | null {
  if (file.size > MAX_BULK_BYTES) return tooLarge(file.size);
  if (file.size === 0)
    return { title: 'The file is empty', message: 'Start from the template and add a row per device.' };
  return null;
}

/**
 * What the API said about a file, in its own words: the detail of its problem+json names the actual
 * trouble (the separator used, the unknown columns, the encoding).
 */
export function bulkProblem(error: unknown): BulkProblem {
  // The browser could not read the file: it changed or moved after it was chosen.
  if (error instanceof DOMException)
    return {
      title: 'The file could not be read',
      message: 'It may have changed after you chose it: choose it again.',
    };
  if (isApiError(error, 413)) return tooLarge();
  if (isApiError(error) && error.code.startsWith('bulk.'))
    return { title: errorMessage(error), message: error.detail ?? '' };
  if (isApiError(error) && error.status === 400 && Object.keys(error.errors).length > 0) {
    const first = Object.values(error.errors)[0]?.[0];
    return { title: 'The upload was refused', message: first ?? errorMessage(error) };
  }
  return { title: 'The file could not be checked', message: errorMessage(error) };
}
