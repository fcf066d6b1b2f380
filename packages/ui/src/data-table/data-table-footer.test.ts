import { describe, expect, it } from 'vitest';
import { rangeText } from './data-table-footer.tsx';

describe('rangeText', () => {
  it('shows the position and the total', () => {
    expect(rangeText(50, 0, 312)).toBe('1–50 of 312');
    expect(rangeText(12, 300, 312)).toBe('301–312 of 312');
  });

  it('leaves out what is unknown', () => {
    expect(rangeText(50, 0, undefined)).toBe('1–50');
    expect(rangeText(50, undefined, 312)).toBe('50 of 312');
    expect(rangeText(50, undefined, undefined)).toBe('50 rows');
  });

  it('says when there are no rows', () => {
    expect(rangeText(0, 0, 0)).toBe('0 of 0');
    expect(rangeText(0, undefined, undefined)).toBe('No rows');
  });
});
