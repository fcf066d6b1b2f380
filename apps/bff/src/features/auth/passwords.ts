import { createHash, hash, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { type KdfLane, kdfPool } from './kdf-pool.ts';

// scrypt is memory-hard: N=2^15, r=8 needs 32 MiB per hash, which makes GPU guessing expensive.
const N = 32768;
const r = 8;
const p = 1;
const KEY_LENGTH = 32;
const MAXMEM = 64 * 1024 * 1024;

/** Every derivation goes through the process's KDF pool (bounded concurrency, per-lane queues). */
function derive(
  password: string,
  salt: Buffer,
  n: number,
  rr: number,
  pp: number,
  lane: KdfLane = 'portal',
): Promise<Buffer> {
  return kdfPool.run(lane, () => scryptKey(password, salt, n, rr, pp));
}

function scryptKey(password: string, salt: Buffer, n: number, rr: number, pp: number): Promise<Buffer> {
  return new Promise((resolveKey, reject) => {
    scrypt(
      password.normalize('NFKC'),
      salt,
      KEY_LENGTH,
      { N: n, r: rr, p: pp, maxmem: MAXMEM },
      (err, key) => (err ? reject(err) : resolveKey(key)),
    );
  });
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, N, r, p);
  return `scrypt$${N}$${r}$${p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

/** Checks a password against its stored hash; `lane` says whose queue of the KDF pool it waits in. */
export async function verifyPassword(
  password: string,
  stored: string,
  lane: KdfLane = 'portal',
): Promise<boolean> {
  const [scheme, n, rr, pp, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !rr || !pp || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const key = await derive(password, Buffer.from(salt, 'base64'), Number(n), Number(rr), Number(pp), lane);
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** A hash to compare against when the user does not exist, so both cases take the same time. */
let dummyHash: Promise<string> | undefined;
export function getDummyHash(): Promise<string> {
  dummyHash ??= hashPassword(randomBytes(12).toString('base64'));
  return dummyHash;
}

/** Random, URL-safe secret with `bytes` bytes of entropy. */
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/**
 * A device password the server generates: 24 random bytes (192 bits) as 32 base64url characters. Like
 * tokens, it is stored as SHA-256 (`sha256$<hex>`): guessing it is hopeless with or without a KDF, so its
 * check costs microseconds, not scrypt's tens of milliseconds and 32 MiB (a fleet reconnecting at once).
 */
export function generateDeviceSecret(): { secret: string; stored: string } {
  const secret = randomBytes(24).toString('base64url');
  return { secret, stored: `sha256$${sha256(secret)}` };
}

/** Checks a device password: generated ones against their SHA-256, chosen ones with scrypt. */
export async function verifyDeviceSecret(password: string, stored: string): Promise<boolean> {
  if (stored.startsWith('sha256$')) {
    const expected = Buffer.from(stored.slice(7), 'hex');
    const actual = Buffer.from(sha256(password), 'hex');
    return expected.length === actual.length && timingSafeEqual(actual, expected);
  }
  return verifyPassword(password, stored, 'device');
}

/** High-entropy secrets (session ids, API secrets, tokens) are stored as SHA-256; no KDF needed. */
export function sha256(value: string): string {
  // One-shot: a fifth of createHash's time, and every bearer request hashes its token.
  return hash('sha256', value, 'hex');
}

/**
 * `Things-Message-Token`: lowercase hex SHA-256 of the exact body bytes followed by the shared
 * secret, as ASCII bytes ready for a constant-time comparison.
 */
export function sha256Bytes(body: Uint8Array, secret: string): Buffer {
  return Buffer.from(createHash('sha256').update(body).update(secret, 'utf8').digest('hex'), 'utf8');
}
