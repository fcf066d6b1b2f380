import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { DomainError, type NetworkType, parseDeviceUrn } from '@openthings/domain';
import type { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { Logger } from 'pino';
import { problemBody } from '../http/problem.ts';
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

/** The connector's two paths: internet devices and M2M devices. */
export const SENML_ROUTES: Record<string, { networkType: NetworkType; connector: string }> = {
  '/ingestion/ip/senml/v1': { networkType: 'INTERNET', connector: 'http-senml-ip' },
  '/ingestion/m2m/senml/v1': { networkType: 'M2M', connector: 'http-senml-m2m' },
};

const tooLarge = () =>
  new DomainError('request.body_too_large', {
    detail: `A SenML pack may be at most ${SENML_BODY_LIMIT / 1024} KB`,
  });

/**
 * One device POST, whatever server read it: checks the content type, finds the device by the pack's
 * base name (the device URN), and accepts the uplink (token, pack and storage checks in ingest).
 * Resolves with the stored uplink's id; throws a DomainError for the problem+json answer.
 */
export async function receiveSenml(
  ingest: IngestService,
  path: string,
  request: { contentType: string | undefined; token: string | undefined; body: Uint8Array },
): Promise<string> {
  try {
    return await receive(ingest, path, request);
  } catch (error) {
    ingest.refused(SENML_ROUTES[path]!.connector, error);
    throw error;
  }
}

async function receive(
  ingest: IngestService,
  path: string,
  request: { contentType: string | undefined; token: string | undefined; body: Uint8Array },
): Promise<string> {
  const route = SENML_ROUTES[path]!;
  const contentType = (request.contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (!SENML_TYPES.has(contentType)) {
    throw new DomainError('request.unsupported_media_type', {
      detail: 'Send SenML as application/json or application/senml+json',
    });
  }
  if (request.body.length > SENML_BODY_LIMIT) throw tooLarge();
  const urn = parseDeviceUrn(baseNameOf(request.body));
  const expected = route.networkType === 'M2M' ? 'urn:dev:IMEI:<imei>:' : 'urn:dev:DVNUUID:<uuid>:';
  if (!urn || urn.networkType !== route.networkType)
    throw badSenml(`The base name must be the device URN ${expected}`);
  if (!request.token)
    throw new DomainError('ingest.bad_token', { detail: 'The Things-Message-Token header is missing' });
  const { id } = await ingest.accept({
    connector: route.connector,
    format: 'senml',
    networkType: route.networkType,
    identifier: urn.identifier,
    payload: request.body,
    contentType,
    token: request.token,
  });
  return id;
}

/**
 * HTTP SenML connector, the same paths and rules as the reference platform so firmware written for it
 * works unchanged: internet devices post to `/ingestion/ip/senml/v1`, M2M devices to
 * `/ingestion/m2m/senml/v1`; `Things-Message-Token` = hex SHA-256 of (exact body + shared secret).
 * These routes serve `app.request` (tests) and any server that hands every request to Hono; the
 * production server answers device POSTs before Hono (`senmlFastPath`).
 */
export function httpSenmlConnector(app: Hono<AppEnv>, ingest: IngestService): void {
  for (const path of Object.keys(SENML_ROUTES)) {
    app.post(
      path,
      bodyLimit({
        maxSize: SENML_BODY_LIMIT,
        onError: () => {
          const error = tooLarge();
          ingest.refused(SENML_ROUTES[path]!.connector, error);
          throw error;
        },
      }),
      async (c) => {
        const id = await receiveSenml(ingest, path, {
          contentType: c.req.header('content-type'),
          token: c.req.header('things-message-token'),
          body: new Uint8Array(await c.req.arrayBuffer()),
        });
        c.header('x-uplink-id', id);
        return c.body(null, 202);
      },
    );
  }
}

/**
 * Device POSTs answered straight from node:http, before Hono: a device needs neither the web-stream
 * Request/Response conversion nor the portal's security headers and request logging, which cost more
 * than the uplink itself (the Hono adapter and per-request middleware were 37 % of the server's CPU).
 * Same checks, same answers and the same problem+json as the Hono routes. Returns false for any other
 * request, for Hono to answer.
 */
export function senmlFastPath(ingest: IngestService, logger: Logger) {
  return (req: IncomingMessage, res: ServerResponse): boolean => {
    if (req.method !== 'POST') return false;
    const path = (req.url ?? '').split('?')[0]!;
    if (!SENML_ROUTES[path]) return false;
    const problem = (error: unknown) => {
      ingest.refused(SENML_ROUTES[path]!.connector, error);
      const requestId = randomUUID();
      if (!(error instanceof DomainError))
        logger.error({ err: error, reqId: requestId }, 'device POST failed');
      const code = error instanceof DomainError ? error.code : 'internal';
      const status = error instanceof DomainError ? error.status : 500;
      const detail =
        error instanceof DomainError
          ? typeof error.details.detail === 'string'
            ? error.details.detail
            : undefined
          : 'The error was logged; quote the request id when reporting it.';
      const body = problemBody(code, status, {
        ...(detail !== undefined ? { detail } : {}),
        ...(error instanceof DomainError && error.fieldErrors ? { errors: error.fieldErrors } : {}),
        requestId,
        instance: path,
      });
      res.writeHead(status, { 'content-type': 'application/problem+json', 'x-request-id': requestId });
      res.end(JSON.stringify(body));
    };
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > SENML_BODY_LIMIT) {
      problem(tooLarge());
      req.resume();
      return true;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= SENML_BODY_LIMIT) chunks.push(chunk);
    });
    req.on('error', () => res.destroy());
    req.on('end', () => {
      if (size > SENML_BODY_LIMIT) return problem(tooLarge());
      const token = req.headers['things-message-token'];
      receiveSenml(ingest, path, {
        contentType: req.headers['content-type'],
        token: Array.isArray(token) ? token[0] : token,
        body: new Uint8Array(Buffer.concat(chunks, size)),
      }).then((id) => {
        res.writeHead(202, { 'x-uplink-id': id });
        res.end();
      }, problem);
    });
    return true;
  };
}
