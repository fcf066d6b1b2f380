import { DomainError, LORA_BODY_LIMIT, parseTunnelQuery } from '@openthings/domain';
import type { Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { problemResponse } from '../http/problem.ts';
import type { AppEnv } from '../http/types.ts';
import type { LoraIngestService } from '../pipeline/ingest/lora-ingest.service.ts';

// Anything larger than LORA_BODY_LIMIT is refused before it is read.
const JSON_TYPE = /^application\/([a-z0-9.+-]+\+)?json$/;

const limit = bodyLimit({
  maxSize: LORA_BODY_LIMIT,
  onError: (c) =>
    problemResponse(c as Context<AppEnv>, 'request.body_too_large', 413, {
      detail: `A network-server message may be at most ${LORA_BODY_LIMIT / 1024} KB`,
    }),
});

async function readJson(c: Context<AppEnv>): Promise<unknown> {
  const mediaType = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  // ChirpStack's HTTP integration can also send protobuf; only its JSON encoding is read here.
  if (mediaType !== '' && !JSON_TYPE.test(mediaType)) {
    throw new DomainError('request.unsupported_media_type', {
      detail: 'Send the message as application/json (ChirpStack: set the payload encoding to JSON)',
    });
  }
  const text = await c.req.text();
  try {
    return JSON.parse(text);
  } catch {
    throw new DomainError('request.malformed_json', { detail: 'The body could not be parsed as JSON' });
  }
}

/**
 * 202 with the stored uplink's id; 200 with the first one's id for a message stored before (a retry or
 * a replay); 204 for a message that is acknowledged but not stored.
 */
function answer(c: Context<AppEnv>, stored: { id: string; duplicate: boolean } | null): Response {
  if (!stored) return c.body(null, 204);
  c.header('x-uplink-id', stored.id);
  return c.body(null, stored.duplicate ? 200 : 202);
}

/**
 * LoRa network-server webhooks, one per integration (PRODUCT §6):
 * - ThingPark tunnel interface: `POST /ingestion/lora/thingpark/v1/{integrationId}` with
 *   `{ "DevEUI_uplink": … }`, authenticated by the tunnel Token query parameters or, when the sender
 *   sets it, `Authorization: Bearer <AS key>` (a header that is sent decides; a wrong one is not
 *   rescued by a token);
 * - ChirpStack v4 HTTP integration: `POST /ingestion/lora/chirpstack/v1/{integrationId}?event=up`
 *   with protobuf-JSON, authenticated by `Authorization: Bearer <secret>`; every other event is
 *   acknowledged with 204 and not stored.
 */
export function loraConnector(app: Hono<AppEnv>, lora: LoraIngestService): void {
  /** Counts what a webhook refuses, then answers it as any problem. */
  const counted =
    (kind: 'thingpark' | 'chirpstack', handler: (c: Context<AppEnv>) => Promise<Response>) =>
    async (c: Context<AppEnv>) => {
      try {
        return await handler(c);
      } catch (error) {
        lora.refused(kind, error);
        throw error;
      }
    };

  app.post(
    '/ingestion/lora/thingpark/v1/:integrationId',
    limit,
    counted('thingpark', async (c) => {
      const integration = await lora.findIntegration('thingpark', c.req.param('integrationId')!);
      const authorization = c.req.header('authorization');
      if (authorization !== undefined) lora.checkBearer(integration, authorization);
      const body = await readJson(c);
      if (authorization === undefined) {
        // Hono's query reader turns `+` into a space; the token hashes the `+` of the time zone.
        const query = parseTunnelQuery(new URL(c.req.url).search);
        await lora.checkThingParkToken(integration, query, body);
      }
      return answer(c, await lora.receive(integration, body));
    }),
  );

  app.post(
    '/ingestion/lora/chirpstack/v1/:integrationId',
    limit,
    counted('chirpstack', async (c) => {
      const integration = await lora.findIntegration('chirpstack', c.req.param('integrationId')!);
      lora.checkBearer(integration, c.req.header('authorization'));
      const event = c.req.query('event');
      if (!event) {
        throw new DomainError('lora.bad_uplink', {
          detail: 'The event query parameter is missing: ChirpStack posts to …?event=up',
        });
      }
      if (event !== 'up') return c.body(null, 204);
      return answer(c, await lora.receive(integration, await readJson(c)));
    }),
  );
}
