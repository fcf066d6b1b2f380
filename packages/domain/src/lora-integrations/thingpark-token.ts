import { isoToSeconds } from '../decoders/lns-fields.ts';
import { constantTimeEqual } from '../destinations/signing.ts';
import { bytesToHex } from '../shared/bytes.ts';

/**
 * ThingPark's tunnel-interface authentication. The LRC appends `LrnDevEui, LrnFPort, LrnInfos, AS_ID,
 * Time, Token` to the application server URL, where
 * `Token = sha256_hex(<body elements> + "LrnDevEui=…&LrnFPort=…&LrnInfos=…&AS_ID=…&Time=…" + <AS key>)`
 * over the URL-decoded query values in that order, and the body elements depend on the message:
 * `DevEUI_uplink`: CustomerID + DevEUI + FPort + FCntUp + payload_hex; `DevEUI_downlink_Sent`:
 * CustomerID + DevEUI + FPort + FCntDn; `DevEUI_location`: CustomerID + lower-case DevEUI.
 * (Actility's AS example and KPN's lora-reference token verifier; checked on vectors/lns-uplinks.json.)
 * The token binds only these elements, so `Time` must be recent to keep a captured request from being
 * replayed for long.
 */

export const THINGPARK_TOKEN_PARAMS = ['LrnDevEui', 'LrnFPort', 'LrnInfos', 'AS_ID', 'Time'] as const;
/** How far the query `Time` may be from our clock, either way (clock drift plus network delay). */
export const THINGPARK_TOKEN_MAX_SKEW_SECONDS = 600;

export type TokenCheck = { ok: true } | { ok: false; reason: string };

function decodePart(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}

/**
 * The query string's parameters, first occurrence wins. Unlike form decoding, `+` stays `+`: the LRC
 * sends times such as `…551+00:00`, sometimes without escaping the `+`, and the token hashes the `+`.
 */
export function parseTunnelQuery(search: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of search.replace(/^\?/, '').split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const name = decodePart(eq === -1 ? part : part.slice(0, eq));
    const value = decodePart(eq === -1 ? '' : part.slice(eq + 1));
    if (name === undefined || value === undefined || name in out) continue;
    out[name] = value;
  }
  return out;
}

/** A JSON value as PHP or Python would concatenate it: strings as they are, numbers in their usual form. */
function element(value: unknown, fallback?: string): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return value === undefined || value === null ? fallback : undefined;
}

function join(
  fields: [string, unknown, string?][],
): { ok: true; value: string } | { ok: false; reason: string } {
  let value = '';
  for (const [name, raw, fallback] of fields) {
    const text = element(raw, fallback);
    if (text === undefined)
      return { ok: false, reason: `${name} is missing, so the token cannot be checked` };
    value += text;
  }
  return { ok: true, value };
}

function bodyElements(body: unknown): { ok: true; value: string } | { ok: false; reason: string } {
  const root = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const [type] = Object.keys(root).filter((k) => k.startsWith('DevEUI_'));
  const message = type ? root[type] : undefined;
  if (!type || typeof message !== 'object' || message === null)
    return { ok: false, reason: 'The body is not a ThingPark message (DevEUI_uplink, …)' };
  const m = message as Record<string, unknown>;
  switch (type) {
    case 'DevEUI_uplink':
      // Frames without application data carry no FPort (ThingPark hashes 0 then); join requests also
      // lack FCntUp and payload_hex.
      return join([
        ['CustomerID', m.CustomerID],
        ['DevEUI', m.DevEUI],
        ['FPort', m.FPort, '0'],
        ['FCntUp', m.FCntUp, ''],
        ['payload_hex', m.payload_hex, ''],
      ]);
    case 'DevEUI_downlink_Sent':
      return join([
        ['CustomerID', m.CustomerID],
        ['DevEUI', m.DevEUI],
        ['FPort', m.FPort],
        ['FCntDn', m.FCntDn],
      ]);
    case 'DevEUI_location': {
      const devEui = element(m.DevEUI);
      return join([
        ['CustomerID', m.CustomerID],
        ['DevEUI', devEui?.toLowerCase()],
      ]);
    }
    default:
      return {
        ok: false,
        reason: `ThingPark tokens of ${type} messages are not supported; use the bearer secret`,
      };
  }
}

/** The string whose SHA-256 is the token, or why there is none. */
export function thingParkTokenFeed(
  query: Record<string, string>,
  body: unknown,
  asKey: string,
): { ok: true; feed: string } | { ok: false; reason: string } {
  const missing = THINGPARK_TOKEN_PARAMS.filter((p) => query[p] === undefined);
  if (missing.length > 0) return { ok: false, reason: `Query parameters missing: ${missing.join(', ')}` };
  const elements = bodyElements(body);
  if (!elements.ok) return elements;
  const params = THINGPARK_TOKEN_PARAMS.map((p) => `${p}=${query[p]}`).join('&');
  // ThingPark shows the AS key in upper or lower case; the LRC hashes it in lower case.
  return { ok: true, feed: elements.value + params + asKey.toLowerCase() };
}

export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return bytesToHex(new Uint8Array(digest));
}

/**
 * Checks the tunnel token of a request: present, fresh (`Time` within ±10 minutes of `now`, Unix
 * seconds) and equal to the hash over the query, the body elements and the AS key.
 */
export async function verifyThingParkToken(
  query: Record<string, string>,
  body: unknown,
  asKey: string,
  now: number,
): Promise<TokenCheck> {
  const token = query.Token;
  if (!token)
    return { ok: false, reason: 'Neither a Token query parameter nor an Authorization header was sent' };
  const feed = thingParkTokenFeed(query, body, asKey);
  if (!feed.ok) return feed;
  const time = isoToSeconds(query.Time!);
  if (time === undefined) return { ok: false, reason: 'The Time query parameter is not an ISO 8601 time' };
  if (Math.abs(now - time) > THINGPARK_TOKEN_MAX_SKEW_SECONDS)
    return { ok: false, reason: 'The Time query parameter is more than 10 minutes away from now' };
  const expected = await sha256Hex(feed.feed);
  return constantTimeEqual(expected, token.trim().toLowerCase())
    ? { ok: true }
    : { ok: false, reason: 'The Token does not match the request and the AS key' };
}
