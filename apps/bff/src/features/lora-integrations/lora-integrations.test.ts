import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, bodyOf, lnsVectors, loraFixtures } from '../../testing/lora.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';

type Customer = Awaited<ReturnType<TestApp['customer']>>;
let t: TestApp;
let f: ReturnType<typeof loraFixtures>;
let acme: Customer;
let other: Customer;

beforeAll(async () => {
  t = await createTestApp();
  f = loraFixtures(t);
  acme = await t.customer('Acme');
  other = await t.customer('Other');
});
afterAll(() => t.close());

describe('LoRa integrations API', () => {
  it('creates a ThingPark integration with its webhook path and a 128-bit hex AS key shown once', async () => {
    const res = await t.request('POST', '/api/lora/integrations', {
      cookie: acme.cookie,
      body: { kind: 'thingpark', name: '  KPN ThingPark  ' },
    });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({
      kind: 'thingpark',
      name: 'KPN ThingPark',
      webhookPath: `/ingestion/lora/thingpark/v1/${res.json.id}`,
      secret: expect.stringMatching(/^[0-9a-f]{32}$/),
    });
    const got = await t.request('GET', `/api/lora/integrations/${res.json.id}`, { cookie: acme.cookie });
    expect(got.status).toBe(200);
    expect(got.json).not.toHaveProperty('secret');
    const { secret: _, ...shown } = res.json;
    expect(got.json).toEqual(shown);
    const list = await t.request('GET', '/api/lora/integrations', { cookie: acme.cookie });
    expect(list.json.data).toContainEqual(shown);
    expect(list.text).not.toContain(res.json.secret);
  });

  it('gives the full webhook URL when the server knows its public address', async () => {
    const created = await f.integration(acme, 'chirpstack');
    const get = () => t.request('GET', `/api/lora/integrations/${created.id}`, { cookie: acme.cookie });
    expect((await get()).json.webhookUrl).toBeNull();
    t.deps.env.PUBLIC_URL = 'https://things.example.com';
    try {
      expect((await get()).json.webhookUrl).toBe(`https://things.example.com${created.webhookPath}`);
    } finally {
      t.deps.env.PUBLIC_URL = undefined;
    }
  });

  it('creates a ChirpStack integration with a long bearer secret that fits a header', async () => {
    const created = await f.integration(acme, 'chirpstack');
    expect(created.webhookPath).toBe(`/ingestion/lora/chirpstack/v1/${created.id}`);
    expect(created.secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it.each([
    ['an unknown kind', { kind: 'tts', name: 'x' }, 'body.kind'],
    ['an empty name', { kind: 'thingpark', name: ' ' }, 'body.name'],
    ['a secret chosen by the caller', { kind: 'chirpstack', name: 'x', secret: 'mine' }, 'body'],
  ])('refuses %s', async (_, body, field) => {
    const res = await t.request('POST', '/api/lora/integrations', { cookie: acme.cookie, body });
    expect(res.status).toBe(400);
    expect(res.json.code).toBe('request.invalid');
    expect(Object.keys(res.json.errors)).toContain(field);
  });

  it('lets read-only managers see integrations but not create or delete them', async () => {
    const reader = await t.bearer(acme.cookie, ['manager:read']);
    const created = await f.integration(acme, 'thingpark');
    const list = await t.request('GET', '/api/lora/integrations', { token: reader.token });
    expect(list.status).toBe(200);
    expect(list.json.data.map((i: { id: string }) => i.id)).toContain(created.id);
    const create = await t.request('POST', '/api/lora/integrations', {
      token: reader.token,
      body: { kind: 'thingpark', name: 'x' },
    });
    expect(create.status).toBe(403);
    const remove = await t.request('DELETE', `/api/lora/integrations/${created.id}`, { token: reader.token });
    expect(remove.status).toBe(403);
  });

  it('lets editors add integrations but not delete them: editors never delete', async () => {
    const editor = await t.bearer(acme.cookie, ['manager:editor']);
    const create = await t.request('POST', '/api/lora/integrations', {
      token: editor.token,
      body: { kind: 'chirpstack', name: 'Editor made' },
    });
    expect(create.status, create.text).toBe(201);
    const remove = await t.request('DELETE', `/api/lora/integrations/${create.json.id}`, {
      token: editor.token,
    });
    expect(remove.status).toBe(403);
  });

  it("neither shows nor deletes another customer's integration", async () => {
    const theirs = await f.integration(other, 'chirpstack');
    const get = await t.request('GET', `/api/lora/integrations/${theirs.id}`, { cookie: acme.cookie });
    expect(get.status).toBe(404);
    expect(get.json.code).toBe('resource.not_found');
    const remove = await t.request('DELETE', `/api/lora/integrations/${theirs.id}`, { cookie: acme.cookie });
    expect(remove.status).toBe(404);
    const list = await t.request('GET', '/api/lora/integrations', { cookie: acme.cookie });
    expect(list.text).not.toContain(theirs.id);
    const still = await t.request('GET', `/api/lora/integrations/${theirs.id}`, { cookie: other.cookie });
    expect(still.status).toBe(200);
  });

  it('deletes an integration, after which its webhook refuses uplinks at once', async () => {
    const up = lnsVectors.cases.find((c) => c.id.startsWith('chirpstack-'))!;
    await f.loraDevice(acme, up.expected_extracted.devEui);
    const created = await f.integration(acme, 'chirpstack');
    const path = `${created.webhookPath}?event=up`;
    expect((await f.post(path, bodyOf(up), bearer(created.secret))).status).toBe(202);

    const res = await t.request('DELETE', `/api/lora/integrations/${created.id}`, { cookie: acme.cookie });
    expect(res.status).toBe(204);
    const gone = await t.request('GET', `/api/lora/integrations/${created.id}`, { cookie: acme.cookie });
    expect(gone.status).toBe(404);
    const refused = await f.post(path, bodyOf(up), bearer(created.secret));
    expect(refused.status).toBe(404);
    expect(((await refused.json()) as { code: string }).code).toBe('lora.unknown_integration');
  });
});
