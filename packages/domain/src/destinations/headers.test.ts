import { describe, expect, it } from 'vitest';
import { HEADER_VALUE_PATTERN, headerNameProblem, REDACTED, redactHeaders } from './headers.ts';

describe('headerNameProblem', () => {
  it('allows ordinary extra headers in any case', () => {
    for (const name of [
      'X-Api-Version',
      'x-tenant',
      'Accept',
      'Content-Type',
      'Authorization',
      'X_Odd.Name~1',
    ]) {
      expect(headerNameProblem(name), name).toBeNull();
    }
  });

  it.each([
    'Webhook-Signature',
    'webhook-id',
    'WEBHOOK-TIMESTAMP',
    'Things-Message-Token',
    'things-plug-uuid',
  ])('refuses the signing header %s', (name) => {
    expect(headerNameProblem(name)).toMatch(/set by the platform to sign/);
  });

  it.each([
    'Connection',
    'Keep-Alive',
    'Transfer-Encoding',
    'TE',
    'Trailer',
    'Upgrade',
    'Proxy-Authorization',
    'Proxy-Connection',
    'Host',
    'Content-Length',
  ])('refuses %s, which the HTTP connection owns', (name) => {
    expect(headerNameProblem(name)).toMatch(/managed by the HTTP connection/);
  });

  it.each(['', 'X Header', 'X-Header:', 'Ünïcode', 'a\r\nb', '(x)'])(
    'refuses the malformed name %j',
    (name) => {
      expect(headerNameProblem(name)).toMatch(/not a valid header name/);
    },
  );
});

describe('HEADER_VALUE_PATTERN', () => {
  it('accepts printable text and tabs but no line breaks or NUL', () => {
    expect(HEADER_VALUE_PATTERN.test('Bearer abc.def-123 ~!')).toBe(true);
    expect(HEADER_VALUE_PATTERN.test('a\tb')).toBe(true);
    expect(HEADER_VALUE_PATTERN.test('a\r\nX-Injected: 1')).toBe(false);
    expect(HEADER_VALUE_PATTERN.test('a\nb')).toBe(false);
    expect(HEADER_VALUE_PATTERN.test('a\u0000b')).toBe(false);
    expect(HEADER_VALUE_PATTERN.test('€')).toBe(false);
  });
});

describe('redactHeaders', () => {
  it('hides Authorization in any case and the named API-key header, and keeps the rest', () => {
    const sent = {
      authorization: 'Basic dTpw',
      'X-Api-Key': 'k-123',
      'Things-Message-Token': 'abc',
      'webhook-signature': 'v1,xyz',
      'content-type': 'application/json',
    };
    expect(redactHeaders(sent, ['x-api-key'])).toEqual({
      authorization: REDACTED,
      'X-Api-Key': REDACTED,
      'Things-Message-Token': 'abc',
      'webhook-signature': 'v1,xyz',
      'content-type': 'application/json',
    });
    expect(redactHeaders({ AUTHORIZATION: 'Bearer t' })).toEqual({ AUTHORIZATION: REDACTED });
  });

  it('does not change the headers it was given', () => {
    const sent = { Authorization: 'Bearer t' };
    redactHeaders(sent);
    expect(sent).toEqual({ Authorization: 'Bearer t' });
  });
});
