import { characterClasses } from '@openthings/domain';

const UPPER = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const LOWER = 'abcdefghijkmnopqrstuvwxyz';
const DIGITS = '23456789';
// Characters that survive copying into shells, JSON, .env files and URLs without quoting.
const SPECIAL = '-_.~!*+=@%';
const ALPHABET = UPPER + LOWER + DIGITS + SPECIAL;

/**
 * A shared secret as the domain wants it (≥ 32 characters with upper, lower, digit and special), from
 * the browser's cryptographic random source. Look-alike characters (0/O, 1/l/I) are left out.
 */
export function randomSharedSecret(length = 40): string {
  for (;;) {
    const bytes = crypto.getRandomValues(new Uint32Array(length));
    const secret = Array.from(bytes, (b) => ALPHABET[b % ALPHABET.length]).join('');
    if (characterClasses(secret) === 4) return secret;
  }
}
