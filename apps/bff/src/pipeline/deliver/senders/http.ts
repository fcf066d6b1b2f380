import { randomUUID } from 'node:crypto';
import { DELIVERY_TIMEOUT_MS, type HttpsConfig } from '@openthings/domain';
import { Agent, buildConnector, request } from 'undici';
import type { ClaimedDelivery } from '../deliver.repo.ts';
import { apiKeyHeader, extraHeaders, signedHeaders } from '../headers.ts';
import {
  httpVerdict,
  type Outgoing,
  type Sender,
  type SendResult,
  type Target,
  testFromResult,
} from './sender.ts';
import { allowedAddresses } from './targets.ts';

const RESPONSE_EXCERPT = 2048;

/** The headers of a delivery request: the destination's own, its authentication and the signatures. */
export function serialiseSigned(d: ClaimedDelivery, at: Date) {
  return { headers: { ...extraHeaders(d), ...signedHeaders(d, at) }, secretHeaders: apiKeyHeader(d) };
}

/**
 * The message a connection test sends: a SenML pack with one string record, signed like a delivery;
 * its `webhook-id` starts with `test_` so receivers can tell it from device data.
 */
export function connectionTestDelivery(target: Target, at: Date): ClaimedDelivery {
  const body = JSON.stringify([
    {
      bn: 'urn:dev:openthings:connection-test:',
      bt: Math.floor(at.getTime() / 1000),
      n: 'connection-test',
      vs: 'OpenThings connection test: no device data',
    },
  ]);
  return { ...target, id: `test_${randomUUID()}`, body, attempts: 0, deviceId: '' };
}

/**
 * Outbound HTTP for deliveries: undici with keep-alive, a 15 s timeout, and the address check at
 * connection time for every new connection — IP literals and resolved names alike (a name that resolves
 * to a metadata or link-local address, or is rebound to one, is refused; private ranges only when
 * allowed). The socket goes to the checked address; TLS still verifies the name of the URL.
 */
export function createHttpSender(options: { allowPrivate: boolean }): Sender {
  const connector = buildConnector({ timeout: DELIVERY_TIMEOUT_MS });
  const agent = new Agent({
    keepAliveTimeout: 30_000,
    connections: 64,
    connect(opts, callback) {
      allowedAddresses(opts.hostname, options).then(
        ([target]) => connector({ ...opts, hostname: target!.address }, callback),
        (error: Error) => callback(error, null),
      );
    },
  });

  async function send(input: {
    url: string;
    method: string;
    headers: Record<string, string>;
    body: string;
  }): Promise<SendResult> {
    const started = performance.now();
    try {
      const res = await request(input.url, {
        method: input.method as 'POST',
        headers: input.headers,
        body: input.body,
        dispatcher: agent,
        headersTimeout: DELIVERY_TIMEOUT_MS,
        bodyTimeout: DELIVERY_TIMEOUT_MS,
      });
      let response = '';
      for await (const chunk of res.body) {
        if (response.length < RESPONSE_EXCERPT) response += Buffer.from(chunk as Uint8Array).toString('utf8');
      }
      const retryAfter = res.headers['retry-after'];
      return {
        outcome: {
          kind: 'response',
          status: res.statusCode,
          ...(typeof retryAfter === 'string' ? { retryAfter } : {}),
        },
        latencyMs: Math.round(performance.now() - started),
        response: response.slice(0, RESPONSE_EXCERPT),
      };
    } catch (error) {
      const code = (error as { code?: string }).code ?? '';
      const timedOut = code.includes('TIMEOUT');
      return {
        outcome: timedOut ? { kind: 'timeout' } : { kind: 'network', error: (error as Error).message },
        latencyMs: Math.round(performance.now() - started),
        response: null,
      };
    }
  }
  const sendOne = ({ d, headers }: Outgoing) => {
    const config = d.config as unknown as HttpsConfig;
    return send({ url: config.url, method: config.method, headers, body: d.body });
  };

  return {
    kind: 'HTTPS',
    serialise: serialiseSigned,
    // One request per delivery, concurrently: the agent keeps the connections alive.
    sendBatch: (batch) => Promise.all(batch.map(sendOne)),
    verdict: httpVerdict,
    async testConnection(target, at) {
      const d = connectionTestDelivery(target, at);
      const result = await sendOne({ d, headers: serialiseSigned(d, at).headers, at });
      return testFromResult(result, 'The endpoint');
    },
    close: () => agent.close(),
  };
}
