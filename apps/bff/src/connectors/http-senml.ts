import { DomainError, type NetworkType, parseDeviceUrn } from '@openthings/domain';
import type { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { problemResponse } from '../http/problem.ts';
import type { AppEnv } from '../http/types.ts';
import type { IngestService } from '../pipeline/ingest/ingest.service.ts';

/** A SenML pack from a device is small; anything larger is refused before it is read. */
export const SENML_BODY_LIMIT = 64 * 1024;
const SENML_TYPES = new Set(['application/json', 'application/senml+json']);

const badSenml = (detail: string) => new DomainError('ingest.bad_senml', { detail });

/** The device URN from the pack's base name (first record's `bn`); ThingsML index records may omit `n`. */
export function baseNameOf(body: Uint8Array): string {
  let pack: unknown;
  try {
    pack = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body));
  } catch {
    throw badSenml('The body is not valid JSON');
  }
  if (!Array.isArray(pack) || pack.length === 0)
    throw badSenml('A SenML pack is a non-empty JSON array of records');
  if (!pack.every((r) => r !== null && typeof r === 'object' && !Array.isArray(r)))
    throw badSenml('Every SenML record must be a JSON object');
  const bn = (pack[0] as { bn?: unknown }).bn;
  if (typeof bn !== 'string' || bn === '')
    throw badSenml('The first record needs the base name "bn": the device URN');
  return bn;
}

/**
 * HTTP SenML connector, the same paths and rules as the reference platform so firmware written for it
 * works unchanged: internet devices post to `/ingestion/ip/senml/v1`, M2M devices to
 * `/ingestion/m2m/senml/v1`; `Things-Message-Token` = hex SHA-256 of (exact body + shared secret).
 */
export function httpSenmlConnector(app: Hono<AppEnv>, ingest: IngestService): void {
  const routes: [string, NetworkType, string][] = [
    ['/ingestion/ip/senml/v1', 'INTERNET', 'http-senml-ip'],
    ['/ingestion/m2m/senml/v1', 'M2M', 'http-senml-m2m'],
  ];
  for (const [path, networkType, connector] of routes) {
    app.post(
      path,
      bodyLimit({
        maxSize: SENML_BODY_LIMIT,
        onError: (c) =>
          problemResponse(c as never, 'request.body_too_large', 413, {
            detail: `A SenML pack may be at most ${SENML_BODY_LIMIT / 1024} KB`,
          }),
      }),
      async (c) => {
        const contentType = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
        if (!SENML_TYPES.has(contentType)) {
          throw new DomainError('request.unsupported_media_type', {
            detail: 'Send SenML as application/json or application/senml+json',
          });
        }
        const body = new Uint8Array(await c.req.arrayBuffer());
        const urn = parseDeviceUrn(baseNameOf(body));
        const expected = networkType === 'M2M' ? 'urn:dev:IMEI:<imei>:' : 'urn:dev:DVNUUID:<uuid>:';
        if (!urn || urn.networkType !== networkType)
          throw badSenml(`The base name must be the device URN ${expected}`);
        const token = c.req.header('things-message-token');
        if (!token)
          throw new DomainError('ingest.bad_token', { detail: 'The Things-Message-Token header is missing' });
        const { id } = await ingest.accept({
          connector,
          format: 'senml',
          networkType,
          identifier: urn.identifier,
          payload: body,
          contentType,
          token,
        });
        c.header('x-uplink-id', id);
        return c.body(null, 202);
      },
    );
  }
}
