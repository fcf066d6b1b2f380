import { type AttemptOutcome, DELIVERY_TIMEOUT_MS } from '@openthings/domain';
import { Agent, buildConnector, request } from 'undici';
import { allowedAddresses } from './targets.ts';

const RESPONSE_EXCERPT = 2048;

export interface SendResult {
  outcome: AttemptOutcome;
  latencyMs: number;
  response: string | null;
}

/**
 * Outbound HTTP for deliveries: undici with keep-alive, a 15 s timeout, and the address check at
 * connection time for every new connection — IP literals and resolved names alike (a name that resolves
 * to a metadata or link-local address, or is rebound to one, is refused; private ranges only when
 * allowed). The socket goes to the checked address; TLS still verifies the name of the URL.
 */
export function createHttpSender(options: { allowPrivate: boolean }) {
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

  return {
    async send(input: {
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
          if (response.length < RESPONSE_EXCERPT)
            response += Buffer.from(chunk as Uint8Array).toString('utf8');
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
    },
    close: () => agent.close(),
  };
}
