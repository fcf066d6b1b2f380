import { describe, expect, it } from 'vitest';
import {
  DestinationCreateSchema,
  DestinationListQuerySchema,
  DestinationSchema,
  DestinationUpdateSchema,
  HttpsConfigInputSchema,
  HttpsConfigPatchSchema,
  MqttConfigInputSchema,
  MqttConfigPatchSchema,
  urlProblem,
} from './destinations.schemas.ts';

const secret = 'Very-Strong-Shared-Secret-0123456789!';
const messages = (result: { success: boolean; error?: { issues: { message: string }[] } }) =>
  result.error?.issues.map((i) => i.message) ?? [];
const https = (config: Record<string, unknown>) =>
  DestinationCreateSchema.safeParse({ kind: 'HTTPS', name: 'Receiver', config });
const mqtt = (config: Record<string, unknown>) =>
  DestinationCreateSchema.safeParse({ kind: 'MQTT', name: 'Broker', config });

describe('creating an HTTPS destination', () => {
  it('needs only a URL: POST, no extra headers, no authentication, a generated secret', () => {
    const parsed = DestinationCreateSchema.parse({
      kind: 'HTTPS',
      name: ' Receiver ',
      config: { url: 'https://example.com/in' },
    });
    expect(parsed).toEqual({
      kind: 'HTTPS',
      name: 'Receiver',
      description: '',
      config: { url: 'https://example.com/in', method: 'POST', headers: {}, auth: { type: 'none' } },
    });
  });

  it('takes every option', () => {
    const parsed = DestinationCreateSchema.parse({
      kind: 'HTTPS',
      name: 'Receiver',
      description: 'ERP',
      sharedSecret: secret,
      config: {
        url: 'http://receiver.internal:8080/things?tenant=4',
        method: 'PUT',
        headers: { 'X-Tenant': '4', Accept: 'application/json' },
        auth: { type: 'basic', username: 'things', password: 'p@ss word' },
      },
    });
    expect(parsed.sharedSecret).toBe(secret);
  });

  it.each([
    ['ftp://example.com/x', /http:\/\/ or https:\/\//],
    ['mqtt://example.com', /http:\/\/ or https:\/\//],
    ['example.com/in', /http:\/\/ or https:\/\//],
    ['https://user:pw@example.com/in', /not in the URL/],
    ['http://169.254.169.254/latest/meta-data', /metadata addresses/],
    ['http://[fd00:ec2::254]/', /metadata addresses/],
    ['http://[::ffff:169.254.169.254]/', /metadata addresses/],
    ['http://169.254.1.1/', /link-local addresses/],
    ['http://0.0.0.0:8080/', /unspecified addresses/],
    ['http://224.0.0.1/', /multicast addresses/],
    [`https://example.com/${'a'.repeat(2000)}`, /at most 2000/],
  ])('refuses the URL %s', (url, message) => {
    const result = https({ url });
    expect(result.success).toBe(false);
    expect(messages(result).join(' ')).toMatch(message);
  });

  it('leaves private and loopback URLs to the operator setting, checked by the service', () => {
    for (const url of [
      'http://localhost:3000/',
      'http://127.0.0.1:3000/',
      'http://10.0.0.4/',
      'http://[::1]:9000/',
    ]) {
      expect(https({ url }).success, url).toBe(true);
    }
  });

  it('refuses signing, hop-by-hop and framing headers', () => {
    for (const name of [
      'webhook-signature',
      'Things-Message-Token',
      'Connection',
      'Transfer-Encoding',
      'Host',
    ]) {
      expect(https({ url: 'https://e.com', headers: { [name]: 'x' } }).success, name).toBe(false);
    }
  });

  it('allows 20 extra headers, not 21', () => {
    const headers = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`X-H${i}`, 'v']));
    expect(https({ url: 'https://e.com', headers: headers(20) }).success).toBe(true);
    expect(messages(https({ url: 'https://e.com', headers: headers(21) }))).toContain(
      'At most 20 extra headers',
    );
  });

  it('refuses a header given twice in different case and a value with a line break', () => {
    expect(messages(https({ url: 'https://e.com', headers: { 'X-Key': 'a', 'x-key': 'b' } }))).toContain(
      'The header x-key is given twice',
    );
    expect(https({ url: 'https://e.com', headers: { 'X-Key': 'a\r\nX-Evil: 1' } }).success).toBe(false);
  });

  it('checks each kind of authentication', () => {
    const auth = (a: Record<string, unknown>) => https({ url: 'https://e.com', auth: a }).success;
    expect(auth({ type: 'bearer', token: 'eyJhbGciOi.x.y' })).toBe(true);
    expect(auth({ type: 'bearer', token: 'two words' })).toBe(false);
    expect(auth({ type: 'bearer' })).toBe(false);
    expect(auth({ type: 'basic', username: 'u' })).toBe(false);
    expect(auth({ type: 'basic', username: 'a:b', password: 'p' })).toBe(false);
    expect(auth({ type: 'apiKey', header: 'X-Api-Key', value: 'k' })).toBe(true);
    expect(auth({ type: 'apiKey', header: 'Webhook-Id', value: 'k' })).toBe(false);
    expect(auth({ type: 'apiKey', header: 'X-Api-Key', value: '' })).toBe(false);
    expect(auth({ type: 'oauth' })).toBe(false);
    expect(auth({ type: 'none', token: 'x' })).toBe(false);
  });

  it('refuses an extra header that the authentication already sets', () => {
    const both = (auth: Record<string, unknown>, headers: Record<string, string>) =>
      messages(https({ url: 'https://e.com', auth, headers })).join(' ');
    expect(both({ type: 'bearer', token: 't' }, { Authorization: 'x' })).toMatch(
      /already set by the authentication/,
    );
    expect(both({ type: 'apiKey', header: 'X-Key', value: 'k' }, { 'x-key': 'x' })).toMatch(/already set/);
    expect(
      https({ url: 'https://e.com', auth: { type: 'none' }, headers: { Authorization: 'Token x' } }).success,
    ).toBe(true);
  });

  it('refuses a weak shared secret and unknown fields', () => {
    const create = (extra: Record<string, unknown>) =>
      DestinationCreateSchema.safeParse({
        kind: 'HTTPS',
        name: 'R',
        config: { url: 'https://e.com' },
        ...extra,
      });
    expect(create({ sharedSecret: 'short' }).success).toBe(false);
    expect(create({ sharedSecret: 'a'.repeat(40) }).success).toBe(false);
    expect(create({ sharedSecret: secret }).success).toBe(true);
    expect(create({ status: 'INACTIVE' }).success).toBe(false);
    expect(https({ url: 'https://e.com', method: 'GET' }).success).toBe(false);
  });
});

describe('creating a test endpoint', () => {
  it('needs a name and nothing else', () => {
    expect(DestinationCreateSchema.parse({ kind: 'TEST', name: 'Inbox' })).toEqual({
      kind: 'TEST',
      name: 'Inbox',
      description: '',
    });
    expect(DestinationCreateSchema.safeParse({ kind: 'TEST', name: 'Inbox', config: {} }).success).toBe(
      false,
    );
    expect(DestinationCreateSchema.safeParse({ kind: 'TEST', name: ' ' }).success).toBe(false);
  });
});

describe('creating an MQTT destination', () => {
  it('publishes at QoS 1 unless told otherwise', () => {
    const parsed = MqttConfigInputSchema.parse({
      url: 'mqtts://broker.example.com:8883',
      topic: 'things/{urn}/up',
    });
    expect(parsed).toEqual({ url: 'mqtts://broker.example.com:8883', topic: 'things/{urn}/up', qos: 1 });
    expect(mqtt({ url: 'mqtt://b.example.com', topic: 't', qos: 0 }).success).toBe(true);
    expect(mqtt({ url: 'mqtt://b.example.com', topic: 't', qos: 2 }).success).toBe(false);
  });

  it('takes mqtt:// and mqtts:// URLs with a host only', () => {
    expect(mqtt({ url: 'https://b.example.com', topic: 't' }).success).toBe(false);
    expect(mqtt({ url: 'mqtt://', topic: 't' }).success).toBe(false);
    expect(mqtt({ url: 'mqtt://u:p@b.example.com', topic: 't' }).success).toBe(false);
    expect(mqtt({ url: 'mqtt://169.254.169.254', topic: 't' }).success).toBe(false);
  });

  it('needs a user name with a password', () => {
    const base = { url: 'mqtt://b.example.com', topic: 't' };
    expect(mqtt({ ...base, username: 'u', password: 'p' }).success).toBe(true);
    expect(mqtt({ ...base, username: 'u' }).success).toBe(true);
    expect(messages(mqtt({ ...base, password: 'p' }))).toContain('A password needs a user name');
  });
});

describe('updating a destination', () => {
  it('names the kind and changes at least one thing', () => {
    expect(DestinationUpdateSchema.safeParse({ name: 'New' }).success).toBe(false);
    expect(messages(DestinationUpdateSchema.safeParse({ kind: 'HTTPS' }))).toContain('Nothing to update');
    expect(DestinationUpdateSchema.parse({ kind: 'TEST', name: 'New' })).toEqual({
      kind: 'TEST',
      name: 'New',
    });
  });

  it('rotates the secret by sending a new one', () => {
    expect(DestinationUpdateSchema.parse({ kind: 'HTTPS', sharedSecret: secret })).toEqual({
      kind: 'HTTPS',
      sharedSecret: secret,
    });
    expect(DestinationUpdateSchema.safeParse({ kind: 'HTTPS', sharedSecret: 'weak' }).success).toBe(false);
  });

  it('patches an HTTPS config field by field; the merged result is validated as a whole', () => {
    const stored = HttpsConfigInputSchema.parse({
      url: 'https://e.com',
      auth: { type: 'bearer', token: 't' },
    });
    const patch = HttpsConfigPatchSchema.parse({ headers: { Authorization: 'x' } });
    expect(patch).toEqual({ headers: { Authorization: 'x' } });
    expect(HttpsConfigInputSchema.safeParse({ ...stored, ...patch }).success).toBe(false);
    const ok = HttpsConfigPatchSchema.parse({ url: 'https://other.example.com/in' });
    expect(HttpsConfigInputSchema.parse({ ...stored, ...ok }).url).toBe('https://other.example.com/in');
    expect(HttpsConfigPatchSchema.safeParse({ url: 'http://169.254.169.254/' }).success).toBe(false);
    expect(DestinationUpdateSchema.safeParse({ kind: 'HTTPS', config: { topic: 'x' } }).success).toBe(false);
  });

  it('removes MQTT credentials with null', () => {
    const stored = MqttConfigInputSchema.parse({
      url: 'mqtt://b.example.com',
      topic: 't',
      username: 'u',
      password: 'p',
    });
    const patch = MqttConfigPatchSchema.parse({ username: null, password: null });
    expect(MqttConfigInputSchema.parse({ ...stored, ...patch })).toEqual({
      url: 'mqtt://b.example.com',
      topic: 't',
      qos: 1,
    });
    expect(MqttConfigInputSchema.safeParse({ ...stored, username: null }).success).toBe(false);
  });
});

describe('urlProblem', () => {
  it('explains what is wrong with a URL', () => {
    expect(urlProblem('not a url')).toBe('Enter a full URL');
    expect(urlProblem('https://example.com')).toBeNull();
    expect(urlProblem('http://[fe80::1]/')).toMatch(/link-local/);
  });
});

describe('DestinationSchema (answers)', () => {
  const base = {
    id: '6f2c1a9e-3b7d-4c5e-8f90-123456789abc',
    name: 'Receiver',
    description: '',
    status: 'INACTIVE',
    inactiveReason: 'The endpoint answered 410 Gone',
    failingSince: '2026-03-01T12:00:00Z',
    flowCount: 2,
    signing: { plugUuid: '6f2c1a9e-3b7d-4c5e-8f90-123456789abc', previousSecretUntil: null, whsecKey: null },
    createdAt: '2026-03-01T10:00:00Z',
    modifiedAt: '2026-03-01T12:00:00Z',
  };

  it('shows the configuration of each kind without credentials', () => {
    const https = DestinationSchema.parse({
      ...base,
      kind: 'HTTPS',
      config: { url: 'https://e.com', method: 'POST', headers: {}, auth: { type: 'basic', username: 'u' } },
    });
    expect(https.kind === 'HTTPS' && https.config.auth).toEqual({ type: 'basic', username: 'u' });
    expect(DestinationSchema.parse({ ...base, kind: 'TEST', config: null }).config).toBeNull();
    expect(
      DestinationSchema.safeParse({
        ...base,
        kind: 'MQTT',
        config: { url: 'mqtt://b', topic: 't', qos: 1, hasCredentials: true },
      }).success,
    ).toBe(true);
    expect(DestinationSchema.safeParse({ ...base, kind: 'TEST', config: { url: 'x' } }).success).toBe(false);
  });
});

describe('DestinationListQuerySchema', () => {
  it('filters by kind, status, project and flow and sorts by name or creation', () => {
    const query = DestinationListQuerySchema.parse({
      kind: 'HTTPS,MQTT',
      status: 'INACTIVE',
      projectId: '6f2c1a9e-3b7d-4c5e-8f90-123456789abc',
      flowId: '6f2c1a9e-3b7d-4c5e-8f90-123456789abd',
      sort: '-createdAt',
      q: ' erp ',
    });
    expect(query).toMatchObject({ kind: ['HTTPS', 'MQTT'], status: ['INACTIVE'], q: 'erp', limit: 50 });
    expect(query.sort).toEqual([{ field: 'createdAt', desc: true }]);
    expect(DestinationListQuerySchema.parse({}).sort).toEqual([{ field: 'name', desc: false }]);
    expect(DestinationListQuerySchema.safeParse({ kind: 'FTP' }).success).toBe(false);
    expect(DestinationListQuerySchema.safeParse({ sort: 'status' }).success).toBe(false);
  });
});
