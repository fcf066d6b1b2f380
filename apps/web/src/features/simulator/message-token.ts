import { bytesToHex } from '@openthings/domain';
import { sha256 } from './sha256.ts';

const encoder = new TextEncoder();

/**
 * `Things-Message-Token`: lowercase hex SHA-256 of the exact body bytes followed by the device's shared
 * secret (no separator, no HMAC). Web Crypto where the page may use it; the plain implementation on
 * insecure origins, where `crypto.subtle` is undefined.
 */
export async function messageToken(body: string, sharedSecret: string): Promise<string> {
  const bodyBytes = encoder.encode(body);
  const secretBytes = encoder.encode(sharedSecret);
  const input = new Uint8Array(bodyBytes.length + secretBytes.length);
  input.set(bodyBytes);
  input.set(secretBytes, bodyBytes.length);
  const subtle = globalThis.crypto?.subtle;
  if (subtle) return bytesToHex(new Uint8Array(await subtle.digest('SHA-256', input)));
  return bytesToHex(sha256(input));
}
