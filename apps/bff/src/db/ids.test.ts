import { describe, expect, it } from 'vitest';
import { uuidv7, uuidv7Time } from './ids.ts';

describe('uuidv7', () => {
  it('is a version 7, variant 1 uuid with the time in front', () => {
    const id = uuidv7(0x0190_1234_5678);
    expect(id).toMatch(/^01901234-5678-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('sorts in creation order, also within one millisecond and when the clock steps back', () => {
    const ids = [
      uuidv7(1_000),
      ...Array.from({ length: 5000 }, () => uuidv7(2_000)),
      uuidv7(1_500),
      uuidv7(3_000),
    ];
    expect([...ids].sort()).toEqual(ids);
  });
});

describe('uuidv7Time', () => {
  it('reads back the milliseconds of a UUIDv7 and nothing from other ids', () => {
    // Later than any id made so far in this process (ids never go back in time).
    const ms = Date.now() + 60_000;
    expect(uuidv7Time(uuidv7(ms))).toBe(ms);
    expect(uuidv7Time(crypto.randomUUID())).toBeUndefined();
    expect(uuidv7Time('test_1')).toBeUndefined();
  });
});
