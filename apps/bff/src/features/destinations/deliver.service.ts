import {
  type AttemptOutcome,
  classifyAttempt,
  type HttpsConfig,
  nextAttemptAt,
  redactHeaders,
  shouldDeactivate,
  standardWebhookSignature,
  thingsMessageToken,
} from '@openthings/domain';
import type { Deps } from '../../http/types.ts';
import * as repo from './deliveries.repo.ts';
import { createHttpSender, type SendResult } from './http-sender.ts';
import { createMqttSender } from './mqtt-sender.ts';

/** A claimed delivery is leased a little longer than one attempt may take. */
const LEASE_MS = 60_000;

/** What an HTTPS destination adds to every request: its extra headers and its authentication. */
function extraHeaders(d: repo.ClaimedDelivery): Record<string, string> {
  if (d.kind !== 'HTTPS') return {};
  const config = d.config as unknown as HttpsConfig;
  return { ...(config.headers ?? {}), ...authHeaders(config.auth) };
}

/** The API-key header of an HTTPS destination is a credential too: the log hides it. */
function apiKeyHeader(d: repo.ClaimedDelivery): string[] {
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

/**
 * Signs a delivery both ways: `Things-Plug-UUID` + `Things-Message-Token` (receivers written for the
 * reference platform) and Standard Webhooks (`webhook-id` is the delivery id: stable across retries
 * and replays, the receiver's idempotency key).
 */
export async function signedHeaders(
  d: { id: string; body: string; destinationId: string; sharedSecret: string },
  now: Date,
) {
  const timestamp = Math.floor(now.getTime() / 1000);
  return {
    'content-type': 'application/json',
    'user-agent': 'OpenThings/0.1',
    'things-plug-uuid': d.destinationId,
    'things-message-token': await thingsMessageToken(d.body, d.sharedSecret),
    'webhook-id': d.id,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': await standardWebhookSignature({
      id: d.id,
      timestamp,
      body: d.body,
      secret: d.sharedSecret,
    }),
  };
}

/**
 * The forward stage: claims due deliveries, sends them concurrently, logs every attempt and moves each
 * delivery on (succeeded, retry on the schedule, dead letter), deactivating a destination that answers
 * 410 or has failed every delivery for 5 days.
 */
export function createDeliverer(
  { db, now, env, logger }: Pick<Deps, 'db' | 'now' | 'env' | 'logger'>,
  random: () => number = Math.random,
) {
  const http = createHttpSender({ allowPrivate: env.ALLOW_PRIVATE_DESTINATIONS });
  const mqtt = createMqttSender({ allowPrivate: env.ALLOW_PRIVATE_DESTINATIONS });

  async function attempt(
    d: repo.ClaimedDelivery,
    headers: Record<string, string>,
    at: Date,
  ): Promise<SendResult> {
    if (d.kind === 'TEST') {
      await repo.addToInbox(db, { destinationId: d.destinationId, receivedAt: at, headers, body: d.body });
      return { outcome: { kind: 'response', status: 204 }, latencyMs: 0, response: null };
    }
    if (d.kind === 'HTTPS') {
      const config = d.config as unknown as HttpsConfig;
      return http.send({ url: config.url, method: config.method, headers, body: d.body });
    }
    if (d.kind === 'MQTT') {
      return mqtt.send({
        destinationId: d.destinationId,
        deviceId: d.deviceId,
        config: d.config,
        body: d.body,
      });
    }
    return {
      outcome: {
        kind: 'network',
        error: `Destinations of kind ${d.kind} cannot be delivered by this worker`,
      },
      latencyMs: 0,
      response: null,
    };
  }

  async function settle(
    d: repo.ClaimedDelivery,
    headers: Record<string, string>,
    result: SendResult,
    at: Date,
  ) {
    const verdict = classifyAttempt(result.outcome);
    const attempts = d.attempts + 1;
    const error = describe(result.outcome);
    await db.transaction(async (tx) => {
      await repo.insertAttempt(tx, {
        deliveryId: d.id,
        destinationId: d.destinationId,
        at,
        requestHeaders: redactHeaders(headers, apiKeyHeader(d)),
        status: result.outcome.kind === 'response' ? result.outcome.status : null,
        latencyMs: result.latencyMs,
        response: result.response,
        // The attempt's status says what the receiver answered; `error` is for attempts without an answer.
        error: result.outcome.kind === 'response' ? null : error,
      });
      const status = result.outcome.kind === 'response' ? result.outcome.status : null;
      if (verdict === 'success') {
        await repo.updateDelivery(tx, d.id, {
          state: 'succeeded',
          attempts,
          lastStatus: status,
          lastError: null,
          finishedAt: at,
        });
        await repo.destinationHealthy(tx, d.destinationId);
        return;
      }
      const next =
        verdict === 'retry'
          ? nextAttemptAt({
              attemptsMade: attempts,
              now: at,
              random,
              ...(result.outcome.kind === 'response' && result.outcome.retryAfter
                ? { retryAfter: result.outcome.retryAfter }
                : {}),
            })
          : null;
      await repo.updateDelivery(
        tx,
        d.id,
        next
          ? { attempts, nextAttemptAt: next, lastStatus: status, lastError: error }
          : { state: 'dead', attempts, lastStatus: status, lastError: error, finishedAt: at },
      );
      const failingSince = await repo.destinationFailing(tx, d.destinationId, at);
      if (verdict === 'gone')
        await repo.deactivateDestination(tx, d.destinationId, 'The endpoint answered 410 Gone', at);
      else if (shouldDeactivate(failingSince, at)) {
        await repo.deactivateDestination(tx, d.destinationId, 'Every delivery failed for 5 days', at);
      }
    });
  }

  return {
    /** Sends one batch of due deliveries; returns how many were attempted. */
    async deliverBatch(limit = 100): Promise<number> {
      const claimed = await db.transaction((tx) => repo.claimDeliveries(tx, now(), limit, LEASE_MS));
      await Promise.all(
        claimed.map(async (d) => {
          const at = now();
          try {
            const headers = { ...extraHeaders(d), ...(await signedHeaders(d, at)) };
            await settle(d, headers, await attempt(d, headers, at), at);
          } catch (error) {
            // The lease brings the delivery back; nothing is lost.
            logger.error({ err: error, deliveryId: d.id }, 'delivery attempt could not be recorded');
          }
        }),
      );
      return claimed.length;
    },
    close: async () => {
      await Promise.all([http.close(), mqtt.close()]);
    },
  };
}

function describe(outcome: AttemptOutcome): string | null {
  if (outcome.kind === 'timeout') return 'Timed out after 15 s';
  if (outcome.kind === 'network') return outcome.error;
  return outcome.status >= 200 && outcome.status < 300 ? null : `HTTP ${outcome.status}`;
}
