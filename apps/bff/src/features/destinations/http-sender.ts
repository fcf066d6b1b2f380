import type { LookupAddress } from 'node:dns';
import { lookup } from 'node:dns';
import { type AttemptOutcome, DELIVERY_TIMEOUT_MS, targetAllowed } from '@openthings/domain';
import { Agent, request } from 'undici';

const RESPONSE_EXCERPT = 2048;

export interface SendResult {
  outcome: AttemptOutcome;
  latencyMs: number;
  response: string | null;
}

/**
 * Outbound HTTP for deliveries: undici with keep-alive, a 15 s timeout, and an address check at
 * connection time (after DNS, so a name that resolves to a metadata or link-local address — or is
 * rebound to one — is refused; private ranges only when allowed).
 */
export function createHttpSender(options: { allowPrivate: boolean }) {
  const agent = new Agent({
    keepAliveTimeout: 30_000,
    connections: 64,
    connect: {
      timeout: DELIVERY_TIMEOUT_MS,
      lookup(hostname, opts, callback) {
        lookup(hostname, { ...opts, all: true }, (error, addresses) => {
          if (error) return callback(error, '', 0);
          const list = (Array.isArray(addresses) ? addresses : [addresses]) as LookupAddress[];
          const refused = list.find((a) => !targetAllowed(a.address, options));
          if (refused) {
            return callback(
              Object.assign(
                new Error(
                  `Refused to connect to ${refused.address} (${hostname}): address not allowed for destinations`,
                ),
                { code: 'EADDRNOTALLOWED' },
              ),
              '',
              0,
            );
          }
          if ((opts as { all?: boolean }).all)
            return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, list);
          return callback(null, list[0]!.address, list[0]!.family);
        });
      },
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
