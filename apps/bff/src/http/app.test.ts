import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app.ts';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('operations endpoints', () => {
  it('reports health, readiness with the database, and Prometheus metrics', async () => {
    expect((await t.request('GET', '/healthz')).json).toEqual({ status: 'ok' });
    const ready = await t.request('GET', '/readyz');
    expect(ready.status).toBe(200);
    expect(ready.json).toEqual({
      status: 'ready',
      database: process.env.TEST_DB === 'postgres' ? 'postgres' : 'pglite',
    });
    await t.request('GET', '/api/projects');
    const metrics = await t.request('GET', '/metrics');
    expect(metrics.text).toMatch(
      /openthings_http_requests_total\{method="GET",route="\/api\/projects",status="401"\} 1/,
    );
    expect(metrics.text).toContain('openthings_process_cpu_seconds_total');
  });

  it('answers 503 when the database is gone', async () => {
    const other = await createTestApp();
    await other.deps.database.close();
    const res = await other.request('GET', '/readyz');
    expect(res.status).toBe(503);
  });

  it('sets a request id and security headers', async () => {
    const res = await t.request('GET', '/healthz');
    expect(res.headers.get('x-request-id')).toMatch(/[0-9a-f-]{36}/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
  });
});

describe('errors', () => {
  it('answers problem+json for unknown API routes', async () => {
    const res = await t.request('GET', '/api/nothing-here');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(res.json).toMatchObject({ status: 404, code: 'route.not_found', instance: '/api/nothing-here' });
  });

  it('answers 401 problem+json without credentials', async () => {
    const res = await t.request('GET', '/api/projects');
    expect(res.status).toBe(401);
    expect(res.json).toMatchObject({
      type: 'https://openthings.dev/problems/auth.unauthenticated',
      status: 401,
    });
  });

  it('hides internals of unexpected errors', async () => {
    const other = await createTestApp();
    other.app.get('/test-explode', () => {
      throw new Error('secret connection string postgres://u:p@db');
    });
    const res = await other.request('GET', '/test-explode');
    await other.close();
    expect(res.status).toBe(500);
    expect(res.json.code).toBe('internal');
    expect(res.text).not.toContain('secret');
    expect(res.text).not.toContain('at ');
    expect(res.json.requestId).toBe(res.headers.get('x-request-id'));
  });
});

describe('OpenAPI', () => {
  it('documents every contract as OpenAPI 3.1 with resolvable references', async () => {
    const res = await t.request('GET', '/api/openapi.json');
    expect(res.status).toBe(200);
    const doc = res.json;
    expect(doc.openapi).toBe('3.1.0');
    for (const contract of t.router.contracts) {
      const op = doc.paths[contract.path]?.[contract.method];
      expect(op, `${contract.method} ${contract.path}`).toBeDefined();
      expect(op.operationId).toBe(contract.operationId);
    }
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map(
      (m) => m[1]!,
    );
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) expect(doc.components.schemas[ref], ref).toBeDefined();
    // The device side of ingestion is documented too, with what "bad SenML" means.
    for (const path of ['/ingestion/ip/senml/v1', '/ingestion/m2m/senml/v1']) {
      const ingest = doc.paths[path].post;
      expect(Object.keys(ingest.responses)).toEqual(['202', '400', '401', '404', '413', '415']);
      expect(ingest.responses['400'].description).toMatch(/"v":"hot".*0x99/);
    }
    const list = doc.paths['/api/projects'].get;
    const params = Object.fromEntries(list.parameters.map((p: { name: string }) => [p.name, p]));
    expect(params.limit).toMatchObject({ in: 'query', required: false, schema: { maximum: 500 } });
    expect(params.sort.description).toContain('createdAt');
    expect(doc.paths['/api/projects/{id}'].get.parameters[0]).toMatchObject({
      name: 'id',
      in: 'path',
      required: true,
    });
    expect(doc.paths['/api/auth/token'].post.requestBody.content).toHaveProperty(
      'application/x-www-form-urlencoded',
    );
  });
});
