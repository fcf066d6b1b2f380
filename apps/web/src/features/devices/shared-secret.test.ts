import { SharedSecretSchema } from '@openthings/domain';
import { describe, expect, it } from 'vitest';
import { generateSharedSecret } from './shared-secret.ts';

describe('generateSharedSecret', () => {
  it('makes secrets the API accepts, different every time', () => {
    const secrets = Array.from({ length: 50 }, () => generateSharedSecret());
    for (const secret of secrets) expect(SharedSecretSchema.safeParse(secret).success).toBe(true);
    expect(new Set(secrets).size).toBe(50);
  });
});
