import { randomInt } from 'node:crypto';
import { characterClasses } from '@openthings/domain';

const ALPHANUMERIC = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';
const ALPHABET = `${ALPHANUMERIC}!#%*+-=?@_`;

/**
 * A device shared secret that satisfies the rules (≥ 32 characters, all four classes): 40 characters
 * from an alphabet without look-alikes, about 240 bits, drawn again in the rare case a class is missing.
 * It starts with a letter or digit: a secret starting with = + - @ would be read as a formula by a
 * spreadsheet opening the bulk run's secrets file.
 */
export function generateSharedSecret(length = 40): string {
  for (;;) {
    let secret = ALPHANUMERIC[randomInt(ALPHANUMERIC.length)]!;
    for (let i = 1; i < length; i++) secret += ALPHABET[randomInt(ALPHABET.length)];
    if (characterClasses(secret) === 4) return secret;
  }
}
