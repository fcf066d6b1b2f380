import { describe, expect, it } from 'vitest';
import { PasswordSchema, SharedSecretSchema } from './password.ts';

describe('password rules', () => {
  it.each([
    ['Demo-Things-2026', true],
    ['abcdefgH1!', true],
    ['abcdefgh12', false], // two classes
    ['Abcdefgh1', false], // nine characters
    ['ABCDEFGH12!', true],
    [`Aa1!${'x'.repeat(96)}`, true],
    [`Aa1!${'x'.repeat(97)}`, false], // 101 characters
  ])('%s → %s', (password, ok) => {
    expect(PasswordSchema.safeParse(password).success).toBe(ok);
  });
});

describe('shared secret rules', () => {
  it('needs 32 characters with all four classes', () => {
    expect(SharedSecretSchema.safeParse('Aa1!'.repeat(8)).success).toBe(true);
    expect(SharedSecretSchema.safeParse('Aa1!'.repeat(7)).success).toBe(false);
    expect(SharedSecretSchema.safeParse('Aa11'.repeat(8)).success).toBe(false);
  });
});
