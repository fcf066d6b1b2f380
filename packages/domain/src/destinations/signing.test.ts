import { describe, expect, it } from 'vitest';
import kpnJson from '../../test/vectors/kpn-things-token.json';
import swJson from '../../test/vectors/standard-webhooks.json';
import { base64ToBytes } from '../shared/bytes.ts';
import {
  constantTimeEqual,
  receiverKeyBytes,
  signingKeyBytes,
  standardWebhookSignature,
  thingsMessageToken,
  verifyStandardWebhook,
  verifyThingsMessageToken,
  whsecKey,
} from './signing.ts';

// The vectors' shapes, written out because JSON imports type every case as the union of all cases.
interface KpnCase {
  id: string;
  input: { shared_secret: string; body: string };
  expected: { 'Things-Message-Token': string; content_length: number; full_request_text?: string };
}
interface SignCase {
  id: string;
  kind: 'sign';
  input: { secret: string; msg_id: string; timestamp: number; payload: string };
  expected: { signed_content?: string; 'webhook-signature': string };
}
interface VerifyCase {
  id: string;
  kind: 'verify';
  input: {
    secret: string;
    payload: string;
    now: number;
    headers?: Record<string, string>;
    headers_variants?: Record<string, string>[];
  };
  expected: { valid: boolean; reason?: string };
}
const kpn = kpnJson as { cases: KpnCase[] };
const sw = swJson as unknown as { cases: (SignCase | VerifyCase)[] };

const utf8 = (text: string) => new TextEncoder().encode(text);

describe('thingsMessageToken (vectors/kpn-things-token.json)', () => {
  it.each(kpn.cases.map((c) => [c.id, c] as const))('matches vector %s', async (_, c) => {
    expect(utf8(c.input.body).length).toBe(c.expected.content_length);
    expect(await thingsMessageToken(c.input.body, c.input.shared_secret)).toBe(
      c.expected['Things-Message-Token'],
    );
    expect(await thingsMessageToken(utf8(c.input.body), c.input.shared_secret)).toBe(
      c.expected['Things-Message-Token'],
    );
  });

  it('puts the token the vectors expect in the request text the device library builds', () => {
    for (const c of kpn.cases) {
      if (c.expected.full_request_text === undefined) continue;
      expect(c.expected.full_request_text).toContain(
        `Things-Message-Token: ${c.expected['Things-Message-Token']}`,
      );
      expect(c.expected.full_request_text.endsWith(c.input.body)).toBe(true);
    }
  });

  it('hashes the body first and the secret second, with no separator', async () => {
    const [c] = kpn.cases;
    expect(await thingsMessageToken(c!.input.body + c!.input.shared_secret, '')).toBe(
      c!.expected['Things-Message-Token'],
    );
    expect(await thingsMessageToken(c!.input.shared_secret + c!.input.body, '')).not.toBe(
      c!.expected['Things-Message-Token'],
    );
  });

  it('hashes the exact bytes: a reformatted body gives another token', async () => {
    const [c] = kpn.cases;
    const reformatted = JSON.stringify(JSON.parse(c!.input.body));
    expect(reformatted).not.toBe(c!.input.body);
    expect(await thingsMessageToken(reformatted, c!.input.shared_secret)).not.toBe(
      c!.expected['Things-Message-Token'],
    );
  });

  it('signs bodies that are not UTF-8 text', async () => {
    const token = await thingsMessageToken(new Uint8Array([0xff, 0x00, 0xfe]), 'k');
    expect(token).toMatch(/^[0-9a-f]{64}$/);
    expect(token).not.toBe(await thingsMessageToken(new Uint8Array([0xff, 0x00, 0xfd]), 'k'));
  });

  it('verifies a token in either hex case and refuses a wrong secret', async () => {
    const [c] = kpn.cases;
    const token = c!.expected['Things-Message-Token'];
    expect(await verifyThingsMessageToken(c!.input.body, c!.input.shared_secret, token)).toBe(true);
    expect(await verifyThingsMessageToken(c!.input.body, c!.input.shared_secret, token.toUpperCase())).toBe(
      true,
    );
    expect(await verifyThingsMessageToken(c!.input.body, 'MYKEY3', token)).toBe(false);
    expect(await verifyThingsMessageToken(c!.input.body, c!.input.shared_secret, '')).toBe(false);
  });
});

describe('constantTimeEqual', () => {
  it('is true only for equal strings', () => {
    expect(constantTimeEqual('abc', 'abc')).toBe(true);
    expect(constantTimeEqual('abc', 'abd')).toBe(false);
    expect(constantTimeEqual('abc', 'ab')).toBe(false);
    expect(constantTimeEqual('', '')).toBe(true);
  });
});

const signCases = sw.cases.filter((c): c is SignCase => c.kind === 'sign');
const [prefixed, unprefixed] = signCases as [SignCase, SignCase];

describe('standardWebhookSignature (vectors/standard-webhooks.json)', () => {
  it('covers both sign cases of the vector file', () => {
    expect(signCases.map((c) => c.id)).toEqual(['sign-js-py-go-ruby-php-csharp', 'secret-without-prefix']);
  });

  it('matches vector sign-js-py-go-ruby-php-csharp with the key a receiver reads from the whsec_ secret', async () => {
    const { secret, msg_id, timestamp, payload } = prefixed.input;
    expect(`${msg_id}.${timestamp}.${payload}`).toBe(prefixed.expected.signed_content);
    const key = receiverKeyBytes(secret);
    expect(await standardWebhookSignature({ id: msg_id, timestamp, body: payload, key })).toBe(
      prefixed.expected['webhook-signature'],
    );
    expect(await standardWebhookSignature({ id: msg_id, timestamp, body: utf8(payload), key })).toBe(
      prefixed.expected['webhook-signature'],
    );
  });

  it('matches vector secret-without-prefix: receivers base64-decode an unprefixed secret too', async () => {
    const { secret, msg_id, timestamp, payload } = unprefixed.input;
    const key = receiverKeyBytes(secret);
    expect(await standardWebhookSignature({ id: msg_id, timestamp, body: payload, key })).toBe(
      unprefixed.expected['webhook-signature'],
    );
  });

  it('keys a shared secret with its UTF-8 bytes — even one that begins with whsec_ — as its whsec_ form says', async () => {
    const input = { id: 'msg_1', timestamp: 1700000000, body: '[{"n":"t","v":1}]' };
    for (const sharedSecret of [
      'Sup3r-secret+with/ünïcode_and=32+chars!',
      'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
    ]) {
      expect(signingKeyBytes(sharedSecret)).toEqual(utf8(sharedSecret));
      expect(receiverKeyBytes(whsecKey(sharedSecret))).toEqual(utf8(sharedSecret));
      expect(await standardWebhookSignature({ ...input, key: sharedSecret })).toBe(
        await standardWebhookSignature({ ...input, key: receiverKeyBytes(whsecKey(sharedSecret)) }),
      );
    }
  });

  it('shows the whsec_ form as base64 of the UTF-8 bytes', () => {
    expect(whsecKey('foobar')).toBe('whsec_Zm9vYmFy');
    expect(receiverKeyBytes(prefixed.input.secret)).toEqual(
      base64ToBytes('MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'),
    );
    expect(receiverKeyBytes(prefixed.input.secret)).toHaveLength(24);
  });

  it('refuses a receiver secret that is not base64 and a timestamp that is not whole seconds', async () => {
    expect(() => receiverKeyBytes('whsec_not base64!')).toThrow(RangeError);
    await expect(standardWebhookSignature({ id: 'm', timestamp: 1.5, body: '', key: 's' })).rejects.toThrow(
      /whole Unix seconds/,
    );
  });
});

const verifyCases = sw.cases.filter((c): c is VerifyCase => c.kind === 'verify');
const variantsOf = (c: VerifyCase): Record<string, string>[] =>
  c.input.headers_variants ?? (c.input.headers ? [c.input.headers] : []);

describe('verifyStandardWebhook (vectors/standard-webhooks.json)', () => {
  it.each(verifyCases.map((c) => [c.id, c] as const))('matches vector %s', async (_, c) => {
    const input = c.input;
    const variants = variantsOf(c);
    expect(variants.length).toBeGreaterThan(0);
    for (const headers of variants) {
      const result = await verifyStandardWebhook({
        headers,
        body: input.payload,
        secrets: [input.secret],
        now: new Date(input.now * 1000),
      });
      expect(result.ok).toBe(c.expected.valid);
      if (c.expected.reason !== undefined) expect(result).toEqual({ ok: false, reason: c.expected.reason });
    }
  });

  const { secret, msg_id, timestamp, payload } = prefixed.input;
  const headers = {
    'webhook-id': msg_id,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': prefixed.expected['webhook-signature'],
  };
  const at = (seconds: number) => new Date(seconds * 1000);

  it('accepts the signed vector message at its own time', async () => {
    expect(
      await verifyStandardWebhook({ headers, body: payload, secrets: [secret], now: at(timestamp) }),
    ).toEqual({ ok: true });
  });

  it('accepts timestamps exactly 5 minutes either side and refuses one second more', async () => {
    const verify = (now: number) =>
      verifyStandardWebhook({ headers, body: payload, secrets: [secret], now: at(now) });
    expect((await verify(timestamp + 300)).ok).toBe(true);
    expect((await verify(timestamp - 300)).ok).toBe(true);
    expect(await verify(timestamp + 301)).toEqual({ ok: false, reason: 'timestamp too old' });
    expect(await verify(timestamp - 301)).toEqual({ ok: false, reason: 'timestamp too new' });
  });

  it('takes another tolerance when asked', async () => {
    const result = await verifyStandardWebhook({
      headers,
      body: payload,
      secrets: [secret],
      now: at(timestamp + 30),
      toleranceSeconds: 10,
    });
    expect(result).toEqual({ ok: false, reason: 'timestamp too old' });
  });

  it('finds the matching signature among several during secret rotation', async () => {
    const newShared = 'N3w-shared-secret-for-rotation-0123456789';
    const newSecret = whsecKey(newShared);
    const newSignature = await standardWebhookSignature({
      id: msg_id,
      timestamp,
      body: payload,
      key: newShared,
    });
    const rotating = {
      ...headers,
      'webhook-signature': `v1a,c29tZQ== ${newSignature} ${headers['webhook-signature']}`,
    };
    const verify = (secrets: string[]) =>
      verifyStandardWebhook({ headers: rotating, body: payload, secrets, now: at(timestamp) });
    expect(await verify([secret])).toEqual({ ok: true });
    expect(await verify([newSecret])).toEqual({ ok: true });
    expect(await verify(['whsec_AAAA', newSecret])).toEqual({ ok: true });
    expect(await verify([whsecKey('Another-secret-entirely-0123456789!')])).toEqual({
      ok: false,
      reason: 'no matching signature',
    });
  });

  it('reads header names in any case', async () => {
    const upper = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toUpperCase(), v]));
    expect(
      await verifyStandardWebhook({ headers: upper, body: payload, secrets: [secret], now: at(timestamp) }),
    ).toEqual({ ok: true });
  });

  it('refuses a body changed by one byte and a signature of another version', async () => {
    const verify = (h: Record<string, string>, body: string) =>
      verifyStandardWebhook({ headers: h, body, secrets: [secret], now: at(timestamp) });
    expect((await verify(headers, payload.replace('2432232314', '2432232315'))).ok).toBe(false);
    const v2 = { ...headers, 'webhook-signature': headers['webhook-signature'].replace('v1,', 'v2,') };
    expect(await verify(v2, payload)).toEqual({ ok: false, reason: 'no matching signature' });
  });

  it('names the missing header or the invalid timestamp', async () => {
    const verify = (h: Record<string, string>) =>
      verifyStandardWebhook({ headers: h, body: payload, secrets: [secret], now: at(timestamp) });
    const { 'webhook-id': _id, ...noId } = headers;
    const { 'webhook-timestamp': _ts, ...noTimestamp } = headers;
    const { 'webhook-signature': _sig, ...noSignature } = headers;
    expect(await verify(noId)).toEqual({ ok: false, reason: 'missing webhook-id header' });
    expect(await verify(noTimestamp)).toEqual({ ok: false, reason: 'missing webhook-timestamp header' });
    expect(await verify(noSignature)).toEqual({ ok: false, reason: 'missing webhook-signature header' });
    expect(await verify({ ...headers, 'webhook-timestamp': '-5' })).toEqual({
      ok: false,
      reason: 'invalid timestamp',
    });
    expect(await verify({ ...headers, 'webhook-timestamp': '1.5e9' })).toEqual({
      ok: false,
      reason: 'invalid timestamp',
    });
  });
});
