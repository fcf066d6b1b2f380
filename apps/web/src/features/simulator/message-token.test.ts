import { bytesToHex, thingsMessageToken } from '@openthings/domain';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { messageToken } from './message-token.ts';
import { sha256 } from './sha256.ts';

const encoder = new TextEncoder();

// From KPN's ThingsML C library tests (packages/domain/test/vectors/kpn-things-token.json).
const KPN_CASES = [
  {
    secret: 'MYKEY',
    body: '[{"bn":"device-name","i_":-23,"vd":"aG9paG9pAA"},{"i_":-19,"vb":true},{"i_":-18,"v":1.500000},{"i_":-24,"v":10},{"i_":-15,"vs":"haihai"}]',
    token: 'ca385fee74e177be286d3b2bc5825fb1189ecb188fb47edb8ad5bbdd5e7836f0',
  },
  {
    secret: 'MYKEY2',
    body: '[{"bn":"device-name","n":"humidity","vd":"aG9paG9pAA"}]',
    token: '4d53c667486bb4679922b901dd733a936a07983f73275941abfb3068a0ba8748',
  },
];

afterEach(() => vi.unstubAllGlobals());

describe('sha256', () => {
  it('gives the FIPS 180-4 digests, across block boundaries', () => {
    expect(bytesToHex(sha256(encoder.encode('')))).toBe(
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
    expect(bytesToHex(sha256(encoder.encode('abc')))).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
    expect(
      bytesToHex(sha256(encoder.encode('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq'))),
    ).toBe('248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1');
  });

  it('agrees with Web Crypto on every length around a block', async () => {
    for (let length = 50; length < 140; length++) {
      const bytes = crypto.getRandomValues(new Uint8Array(length));
      const expected = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
      expect(bytesToHex(sha256(bytes))).toBe(bytesToHex(expected));
    }
  });
});

describe('messageToken', () => {
  it('signs as KPN devices do: SHA-256 of the body followed by the secret', async () => {
    for (const c of KPN_CASES) expect(await messageToken(c.body, c.secret)).toBe(c.token);
  });

  it('gives the same token without Web Crypto (a phone on an http:// address)', async () => {
    const body =
      '[{"bn":"urn:dev:DVNUUID:5e1f0000-0000-4000-8000-00000000f001:","n":"temperature","u":"Cel","v":21.5}]';
    const secret = 'Pa55-word.with-Special~chars_and-ünïcode';
    const withSubtle = await messageToken(body, secret);
    vi.stubGlobal('crypto', { getRandomValues: crypto.getRandomValues.bind(crypto) });
    expect(await messageToken(body, secret)).toBe(withSubtle);
    vi.unstubAllGlobals();
    expect(withSubtle).toBe(await thingsMessageToken(body, secret));
    for (const c of KPN_CASES) {
      vi.stubGlobal('crypto', {});
      expect(await messageToken(c.body, c.secret)).toBe(c.token);
    }
  });
});
