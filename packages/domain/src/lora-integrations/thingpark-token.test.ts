import { describe, expect, it } from 'vitest';
import vectors from '../../test/vectors/lns-uplinks.json';
import { isoToSeconds } from '../decoders/lns-fields.ts';
import { loraWebhookPath } from './lora-integrations.schemas.ts';
import { parseTunnelQuery, sha256Hex, thingParkTokenFeed, verifyThingParkToken } from './thingpark-token.ts';

const tokenCase = vectors.cases.find((c) => c.id === 'thingpark-deveui-uplink-with-tunnel-token')!;
const input = tokenCase.input as unknown as {
  query_params: Record<string, string | number>;
  body: { DevEUI_uplink: Record<string, unknown> };
  as_key: string;
};
const check = (tokenCase as unknown as { expected_token_check: Record<string, string> }).expected_token_check;
const query = Object.fromEntries(Object.entries(input.query_params).map(([k, v]) => [k, String(v)]));
const sent = isoToSeconds(query.Time!)!;

const withUplink = (patch: Record<string, unknown>) => ({
  DevEUI_uplink: { ...input.body.DevEUI_uplink, ...patch },
});

describe('ThingPark tunnel token', () => {
  it('hashes the body elements, the ordered query and the AS key as the vector says', async () => {
    const feed = thingParkTokenFeed(query, input.body, input.as_key);
    expect(feed).toEqual({
      ok: true,
      feed: check.body_elements! + check.query_string_elements! + input.as_key,
    });
    expect(await sha256Hex(feed.ok ? feed.feed : '')).toBe(check.expected_token);
  });

  it('accepts the vector request at its own time and within ten minutes of it', async () => {
    expect(await verifyThingParkToken(query, input.body, input.as_key, sent)).toEqual({ ok: true });
    expect(await verifyThingParkToken(query, input.body, input.as_key, sent + 599)).toEqual({ ok: true });
    expect(await verifyThingParkToken(query, input.body, input.as_key, sent - 599)).toEqual({ ok: true });
  });

  it('accepts the AS key in upper case as ThingPark may display it', async () => {
    const upper = input.as_key.toUpperCase();
    expect(await verifyThingParkToken(query, input.body, upper, sent)).toEqual({ ok: true });
  });

  it('refuses a stale or future Time even with a matching token', async () => {
    const late = await verifyThingParkToken(query, input.body, input.as_key, sent + 601);
    expect(late).toMatchObject({ ok: false, reason: expect.stringContaining('10 minutes') });
    const early = await verifyThingParkToken(query, input.body, input.as_key, sent - 3600);
    expect(early.ok).toBe(false);
  });

  it.each([
    ['another AS key', () => verifyThingParkToken(query, input.body, 'f'.repeat(32), sent)],
    [
      'a changed payload',
      () => verifyThingParkToken(query, withUplink({ payload_hex: '00' }), input.as_key, sent),
    ],
    [
      'a changed frame counter',
      () => verifyThingParkToken(query, withUplink({ FCntUp: 19 }), input.as_key, sent),
    ],
    [
      'a changed query value',
      () => verifyThingParkToken({ ...query, LrnFPort: '18' }, input.body, input.as_key, sent),
    ],
    [
      'a forged token',
      () => verifyThingParkToken({ ...query, Token: 'a'.repeat(64) }, input.body, input.as_key, sent),
    ],
  ])('refuses %s', async (_, verify) => {
    expect(await verify()).toMatchObject({ ok: false, reason: expect.stringContaining('does not match') });
  });

  it('says what is missing instead of guessing', async () => {
    const { AS_ID: _, ...noAsId } = query;
    expect(await verifyThingParkToken(noAsId, input.body, input.as_key, sent)).toMatchObject({
      ok: false,
      reason: 'Query parameters missing: AS_ID',
    });
    const { Token: __, ...noToken } = query;
    expect((await verifyThingParkToken(noToken, input.body, input.as_key, sent)).ok).toBe(false);
    const noCustomer = withUplink({ CustomerID: undefined });
    expect(await verifyThingParkToken(query, noCustomer, input.as_key, sent)).toMatchObject({
      ok: false,
      reason: expect.stringContaining('CustomerID'),
    });
    expect((await verifyThingParkToken(query, { hello: 1 }, input.as_key, sent)).ok).toBe(false);
  });

  it('hashes numbers sent as strings exactly like the numbers', async () => {
    const strings = withUplink({ FPort: '17', FCntUp: '18' });
    expect(await verifyThingParkToken(query, strings, input.as_key, sent)).toEqual({ ok: true });
  });

  it('hashes 0 for an uplink without FPort and the lower-case DevEUI of a location message', () => {
    const noPort = thingParkTokenFeed(
      query,
      { DevEUI_uplink: { CustomerID: '1', DevEUI: 'AB', FCntUp: 2 } },
      'k',
    );
    expect(noPort).toMatchObject({ ok: true, feed: expect.stringMatching(/^1AB02LrnDevEui=/) });
    const location = thingParkTokenFeed(query, { DevEUI_location: { CustomerID: '1', DevEUI: 'AB' } }, 'K');
    expect(location).toMatchObject({ ok: true, feed: expect.stringMatching(/^1abLrnDevEui=.*k$/) });
    const sentReport = thingParkTokenFeed(
      query,
      { DevEUI_downlink_Sent: { CustomerID: '1', DevEUI: 'AB', FPort: '3', FCntDn: '4' } },
      'k',
    );
    expect(sentReport).toMatchObject({ ok: true, feed: expect.stringMatching(/^1AB34LrnDevEui=/) });
  });
});

describe('parseTunnelQuery', () => {
  it('decodes percent escapes but keeps a literal + of the time zone', () => {
    expect(parseTunnelQuery('?Time=2021-04-07T08:49:51.551+00:00&AS_ID=a%2Eb')).toEqual({
      Time: '2021-04-07T08:49:51.551+00:00',
      AS_ID: 'a.b',
    });
    expect(parseTunnelQuery('Time=2016-07-05T08%3A58%3A26.911%2B02%3A00').Time).toBe(
      '2016-07-05T08:58:26.911+02:00',
    );
  });

  it('keeps the first of repeated parameters and skips undecodable ones', () => {
    expect(parseTunnelQuery('a=1&a=2&b=%E0%A4%A&c')).toEqual({ a: '1', c: '' });
  });

  it('round-trips what URLSearchParams encodes', () => {
    const search = new URLSearchParams(query).toString();
    expect(parseTunnelQuery(search)).toEqual(query);
  });
});

describe('loraWebhookPath', () => {
  it('puts the kind and the integration id in the ingestion path', () => {
    expect(loraWebhookPath('chirpstack', 'abc')).toBe('/ingestion/lora/chirpstack/v1/abc');
  });
});
