import { randomInt } from 'node:crypto';
import { characterClasses } from '@openthings/domain';

const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789!#%*+-=?@_';

/**
 * A device shared secret that satisfies the rules (≥ 32 characters, all four classes): 40 characters
 * from an alphabet without look-alikes, about 240 bits, drawn again in the rare case a class is missing.
 */
export function generateSharedSecret(length = 40): string {
  for (;;) {
    let secret = '';
    for (let i = 0; i < length; i++) secret += ALPHABET[randomInt(ALPHABET.length)];
    if (characterClasses(secret) === 4) return secret;
  }
}
