import { describe, expect, it } from 'vitest';
import { jsonProblem, STORABLE_TIME_MAX, STORABLE_TIME_MIN, textProblem, timeProblem } from './storable.ts';

const limits = { maxDepth: 8, maxNodes: 100 };

describe('storable', () => {
  it('tells texts PostgreSQL cannot store', () => {
    expect(textProblem('plain ✓ 😀')).toBeNull();
    expect(textProblem('a\u0000b')).toMatch(/NUL/);
    expect(textProblem('\ud800')).toMatch(/surrogate/);
    expect(textProblem('\udc00x')).toMatch(/surrogate/);
    expect(textProblem('\ud83d\ude00')).toBeNull();
  });

  it('keeps times within years 1 to 9999', () => {
    expect(new Date(STORABLE_TIME_MIN * 1000).toISOString()).toBe('0001-01-01T00:00:00.000Z');
    expect(new Date(STORABLE_TIME_MAX * 1000).toISOString()).toBe('9999-12-31T23:59:59.000Z');
    expect(timeProblem(1_700_000_000.25)).toBeNull();
    expect(timeProblem(9e12)).toMatch(/outside/);
    expect(timeProblem(Number.NaN)).toMatch(/finite/);
  });

  it('walks JSON with a path to the first problem', () => {
    expect(jsonProblem({ rxInfo: [{ gatewayId: 'a' }], n: 1, ok: true, none: null }, limits)).toBeNull();
    expect(jsonProblem({ rxInfo: [{ gatewayId: 'a\u0000' }] }, limits)).toBe(
      '$.rxInfo[0].gatewayId contains a NUL character (U+0000)',
    );
    expect(jsonProblem({ 'k\u0000': 1 }, limits)).toMatch(/key that contains a NUL/);
  });

  it('bounds depth without recursion, however deep the value', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = { a: deep };
    expect(jsonProblem(deep, limits)).toMatch(/nested deeper than 8 levels/);
  });

  it('bounds the number of values', () => {
    expect(jsonProblem(new Array(200).fill(0), limits)).toMatch(/more than 100 values/);
  });
});
