import { createHash, createHmac, createSecretKey, type KeyObject } from 'node:crypto';
import { type HttpsConfig, signingKeyBytes } from '@openthings/domain';
import type { ClaimedDelivery } from './deliver.repo.ts';

/** The headers of a delivery request: the destination's own, its authentication and the signatures. */

/** What an HTTPS destination adds to every request: its extra headers and its authentication. */
export function extraHeaders(d: ClaimedDelivery): Record<string, string> {
  if (d.kind !== 'HTTPS') return {};
  const config = d.config as unknown as HttpsConfig;
  return { ...(config.headers ?? {}), ...authHeaders(config.auth) };
}

/** The API-key header of an HTTPS destination is a credential too: the log hides it. */
export function apiKeyHeader(d: ClaimedDelivery): string[] {
  const auth = (d.config as unknown as HttpsConfig).auth;
  return d.kind === 'HTTPS' && auth?.type === 'apiKey' ? [auth.header] : [];
}

function authHeaders(auth: HttpsConfig['auth'] | undefined): Record<string, string> {
  if (!auth || auth.type === 'none') return {};
  if (auth.type === 'basic')
    return { authorization: `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}` };
  if (auth.type === 'bearer') return { authorization: `Bearer ${auth.token}` };
  return { [auth.header.toLowerCase()]: auth.value };
}

/** HMAC keys of destinations' secrets, made once: every delivery of a destination uses the same. */
const hmacKeys = new Map<string, KeyObject>();
function hmacKey(secret: string): KeyObject {
  let key = hmacKeys.get(secret);
  if (!key) {
    if (hmacKeys.size >= 1000) hmacKeys.clear();
    // The one key derivation (PRODUCT §6: the secret's UTF-8 bytes), shared with the whsec_ form shown.
    key = createSecretKey(signingKeyBytes(secret));
    hmacKeys.set(secret, key);
  }
  return key;
}

/**
 * Signs a delivery both ways: `Things-Plug-UUID` + `Things-Message-Token` (receivers written for the
 * reference platform) and Standard Webhooks (`webhook-id` is the delivery id: stable across retries
 * and replays, the receiver's idempotency key). After a secret rotation the previous secret adds a
 * second `webhook-signature` until its overlap ends; the Things-Message-Token uses the current one.
 * Synchronous node:crypto with cached keys: WebCrypto's promise per signature cost the worker 8 %.
 * (The domain's `standardWebhookSignature` computes the same signature; the tests hold them equal.)
 */
export function signedHeaders(
  d: {
    id: string;
    body: string;
    destinationId: string;
    sharedSecret: string;
    previousSharedSecret?: string | null;
    previousSecretUntil?: Date | null;
  },
  now: Date,
) {
  const timestamp = Math.floor(now.getTime() / 1000);
  const secrets = [d.sharedSecret];
  if (d.previousSharedSecret && d.previousSecretUntil && d.previousSecretUntil > now)
    secrets.push(d.previousSharedSecret);
  const signatures = secrets.map(
    (secret) =>
      `v1,${createHmac('sha256', hmacKey(secret)).update(`${d.id}.${timestamp}.`).update(d.body).digest('base64')}`,
  );
  return {
    'content-type': 'application/json',
    'user-agent': 'OpenThings/0.1',
    'things-plug-uuid': d.destinationId,
    'things-message-token': createHash('sha256').update(d.body).update(d.sharedSecret, 'utf8').digest('hex'),
    'webhook-id': d.id,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': signatures.join(' '),
  };
}
