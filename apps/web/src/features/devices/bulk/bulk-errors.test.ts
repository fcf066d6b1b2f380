import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../lib/api.ts';
import { bulkProblem, fileProblem } from './bulk-errors.ts';

const file = (size: number) => new File([new Uint8Array(size)], 'devices.csv', { type: 'text/csv' });

describe('bulk file problems', () => {
  it('refuses a file over 10 MB before sending it, saying how large it is', () => {
    const problem = fileProblem(file(10 * 1024 * 1024 + 1));
    expect(problem?.title).toBe('The file is too large');
    expect(problem?.message).toContain('this one is 10.5 MB');
    expect(fileProblem(file(200))).toBeNull();
  });

  it('says the same when the server answers 413', () => {
    const error = new ApiError({
      status: 413,
      code: 'request.body_too_large',
      title: 'The request body is too large',
    });
    expect(bulkProblem(error).title).toBe('The file is too large');
  });

  it('passes on what the API found in the file', () => {
    const error = new ApiError({
      status: 400,
      code: 'bulk.invalid_file',
      title: 'The file cannot be read as a device CSV',
      detail: 'The file is not UTF-8 text; save it as CSV (UTF-8)',
    });
    expect(bulkProblem(error)).toEqual({
      title: 'The file cannot be read as a device CSV',
      message: 'The file is not UTF-8 text; save it as CSV (UTF-8)',
    });
  });

  it('asks to choose a file again when the browser cannot read it any more', () => {
    expect(bulkProblem(new DOMException('changed', 'NotReadableError')).title).toBe(
      'The file could not be read',
    );
  });
});
