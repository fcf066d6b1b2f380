import { base64ToBytes, bytesToBase64, bytesToHex } from '../shared/bytes.ts';

/**
 * Message signing (PRODUCT §6). Two schemes ride on every HTTPS delivery: KPN's `Things-Message-Token`
 * (so receivers written for the reference platform keep working) and Standard Webhooks v1 (so receivers
 * can use the off-the-shelf libraries). Web Crypto is a platform global in Node 20 and browsers, which
 * keeps this file free of `node:*` imports.
 */

const encoder = new TextEncoder();

function bodyBytes(body: Uint8Array | string): Uint8Array {
  return typeof body === 'string' ? encoder.encode(body) : body;
}

function concat(...parts: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/**
 * `Things-Message-Token`: lowercase hex SHA-256 of the exact body bytes followed by the secret's UTF-8
 * bytes — no separator and no HMAC, because that is what KPN devices and receivers compute. Used both to
 * check device uplinks and to sign deliveries.
 */
export async function thingsMessageToken(body: Uint8Array | string, sharedSecret: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', concat(bodyBytes(body), encoder.encode(sharedSecret)));
  return bytesToHex(new Uint8Array(digest));
}

/**
 * Compares two strings in time that depends only on their lengths, so an attacker timing our answers
 * learns nothing about how much of a forged token matched.
 */
export function constantTimeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

/**
 * Checks a received `Things-Message-Token` (device uplink connectors). Hex case is not significant, so an
 * upper-case token from a hand-written client still matches.
 */
export async function verifyThingsMessageToken(
  body: Uint8Array | string,
  sharedSecret: string,
  token: string,
): Promise<boolean> {
  return constantTimeEqual(await thingsMessageToken(body, sharedSecret), token.trim().toLowerCase());
}

const WHSEC_PREFIX = 'whsec_';

/**
 * The HMAC key of a destination's shared secret: its UTF-8 bytes (PRODUCT §6), whatever the text looks
 * like — a secret that happens to begin with `whsec_` is still just text. The one derivation for signing
 * and for the `whsec_` form the portal shows, so a Standard Webhooks library given that form verifies.
 */
export function signingKeyBytes(sharedSecret: string): Uint8Array<ArrayBuffer> {
  return encoder.encode(sharedSecret);
}

/** The shared secret in the `whsec_<base64>` form that Standard Webhooks libraries accept (same key). */
export function whsecKey(sharedSecret: string): string {
  return WHSEC_PREFIX + bytesToBase64(signingKeyBytes(sharedSecret));
}

/**
 * The key bytes of a secret as a Standard Webhooks receiver is given it: base64, with or without the
 * `whsec_` prefix (what the reference libraries' `new Webhook(secret)` takes). Throws a RangeError on
 * text that is not base64.
 */
export function receiverKeyBytes(secret: string): Uint8Array<ArrayBuffer> {
  return base64ToBytes(secret.startsWith(WHSEC_PREFIX) ? secret.slice(WHSEC_PREFIX.length) : secret);
}

/** Imported HMAC keys by key bytes (base64): a destination signs every delivery with the same one. */
type HmacKey = Awaited<ReturnType<typeof crypto.subtle.importKey>>;
const hmacKeys = new Map<string, Promise<HmacKey>>();
const HMAC_KEY_CACHE = 1000;

function hmacKey(key: Uint8Array<ArrayBuffer>): Promise<HmacKey> {
  const id = bytesToBase64(key);
  let imported = hmacKeys.get(id);
  if (!imported) {
    if (hmacKeys.size >= HMAC_KEY_CACHE) hmacKeys.clear();
    imported = crypto.subtle.importKey('raw', key, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    hmacKeys.set(id, imported);
  }
  return imported;
}

/**
 * `webhook-signature` for one key: `v1,` + base64 HMAC-SHA256 over `<id>.<timestamp>.<body>`, the body
 * as the exact bytes sent (re-serialised JSON would not verify). `timestamp` is whole Unix seconds. A
 * string key is a destination's shared secret (keyed with its UTF-8 bytes); bytes are used as they are.
 */
export async function standardWebhookSignature(input: {
  id: string;
  timestamp: number;
  body: Uint8Array | string;
  key: string | Uint8Array<ArrayBuffer>;
}): Promise<string> {
  if (!Number.isSafeInteger(input.timestamp) || input.timestamp < 0) {
    throw new RangeError('The webhook timestamp must be whole Unix seconds');
  }
  const key = typeof input.key === 'string' ? signingKeyBytes(input.key) : input.key;
  const signed = concat(encoder.encode(`${input.id}.${input.timestamp}.`), bodyBytes(input.body));
  const signature = await crypto.subtle.sign('HMAC', await hmacKey(key), signed);
  return `v1,${bytesToBase64(new Uint8Array(signature))}`;
}

/** Reference libraries accept a timestamp up to 5 minutes either side of now (clock skew, retries). */
export const WEBHOOK_TOLERANCE_SECONDS = 300;

function header(headers: Record<string, string>, name: string): string | undefined {
  // HTTP header names are case-insensitive and frameworks differ in how they hand them over.
  for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === name) return value;
  return undefined;
}

/**
 * Verifies a Standard Webhooks request as a receiver would: headers present, timestamp within tolerance
 * of `now`, and any `v1` signature in the space-separated list matching any of `secrets` — each in the
 * form receivers are given (`whsec_<base64>`, see `receiverKeyBytes`); during rotation both the old and
 * the new. Other versions (`v1a` asymmetric) are skipped.
 */
export async function verifyStandardWebhook(input: {
  headers: Record<string, string>;
  body: Uint8Array | string;
  secrets: string[];
  now: Date;
  toleranceSeconds?: number;
}): Promise<{ ok: true } | { ok: false; reason: string }> {
  const id = header(input.headers, 'webhook-id');
  const timestampText = header(input.headers, 'webhook-timestamp');
  const signatures = header(input.headers, 'webhook-signature');
  if (!id) return { ok: false, reason: 'missing webhook-id header' };
  if (!timestampText) return { ok: false, reason: 'missing webhook-timestamp header' };
  if (!signatures) return { ok: false, reason: 'missing webhook-signature header' };
  if (!/^\d{1,15}$/.test(timestampText)) return { ok: false, reason: 'invalid timestamp' };

  const timestamp = Number(timestampText);
  const nowSeconds = Math.floor(input.now.getTime() / 1000);
  const tolerance = input.toleranceSeconds ?? WEBHOOK_TOLERANCE_SECONDS;
  if (nowSeconds - timestamp > tolerance) return { ok: false, reason: 'timestamp too old' };
  if (timestamp - nowSeconds > tolerance) return { ok: false, reason: 'timestamp too new' };

  const offered = signatures
    .split(' ')
    .filter((s) => s.startsWith('v1,'))
    .map((s) => s.slice(3));
  for (const secret of input.secrets) {
    const key = receiverKeyBytes(secret);
    const expected = (await standardWebhookSignature({ id, timestamp, body: input.body, key })).slice(3);
    // Every offered signature is compared, matched or not, so timing does not tell which one matched.
    let match = false;
    for (const signature of offered) match = constantTimeEqual(expected, signature) || match;
    if (match) return { ok: true };
  }
  return { ok: false, reason: 'no matching signature' };
}
