import { SharedSecretSchema } from '@openthings/domain';
import { describe, expect, it } from 'vitest';
import { randomSharedSecret } from './random-secret.ts';

describe('randomSharedSecret', () => {
  it('is always a valid shared secret, and never the same twice', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const secret = randomSharedSecret();
      expect(SharedSecretSchema.safeParse(secret).success).toBe(true);
      seen.add(secret);
    }
    expect(seen.size).toBe(200);
  });
});
