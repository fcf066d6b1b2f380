import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { isFileRequest } from './spa.ts';

let t: TestApp;
let dist: string;
const INDEX = '<!doctype html><title>OpenThings</title><script src="/assets/index-abc123.js"></script>';

beforeAll(async () => {
  dist = mkdtempSync(join(tmpdir(), 'ot-web-'));
  mkdirSync(join(dist, 'assets'));
  writeFileSync(join(dist, 'index.html'), INDEX);
  writeFileSync(join(dist, 'assets', 'index-abc123.js'), 'console.log("portal");');
  writeFileSync(join(dist, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  // The build's compressed copies, as apps/web/scripts/precompress.mjs writes them.
  writeFileSync(join(dist, 'assets', 'index-abc123.js.br'), brotliCompressSync('console.log("portal");'));
  writeFileSync(join(dist, 'assets', 'index-abc123.js.gz'), gzipSync('console.log("portal");'));
  t = await createTestApp({ webDist: dist });
});
afterAll(async () => {
  await t.close();
  rmSync(dist, { recursive: true, force: true });
});

describe('the built portal', () => {
  it('serves a hashed asset with a one-year immutable cache', async () => {
    const res = await t.request('GET', '/assets/index-abc123.js');
    expect(res.status).toBe(200);
    expect(res.text).toBe('console.log("portal");');
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  });

  it('hands out the build’s brotli or gzip copy to a browser that accepts it', async () => {
    const get = (encoding: string) =>
      t.app.request('http://localhost/assets/index-abc123.js', { headers: { 'accept-encoding': encoding } });
    const br = await get('gzip, deflate, br, zstd');
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(br.headers.get('vary')).toContain('Accept-Encoding');
    expect(br.headers.get('content-type')).toMatch(/javascript/);
    expect(br.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(brotliDecompressSync(Buffer.from(await br.arrayBuffer())).toString()).toBe(
      'console.log("portal");',
    );
    const gz = await get('gzip, deflate');
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    expect(gunzipSync(Buffer.from(await gz.arrayBuffer())).toString()).toBe('console.log("portal");');
    const plain = await get('identity');
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(await plain.text()).toBe('console.log("portal");');
  });

  it('answers 404 for a missing asset or file, never index.html and never cached for a year', async () => {
    for (const path of [
      '/assets/index-old999.js',
      '/assets/logo.png',
      '/assets/nested/thing',
      '/robots.txt',
    ]) {
      const res = await t.request('GET', path);
      expect(res.status, path).toBe(404);
      expect(res.text, path).not.toContain('<!doctype html>');
      expect(res.headers.get('cache-control') ?? '', path).not.toContain('immutable');
    }
  });

  it('answers portal routes with index.html, revalidated on every load', async () => {
    for (const path of ['/', '/devices', '/devices/7c0f5b9e-3f6a-4b7e-9a51-0d3c8f2e1a77', '/flows']) {
      const res = await t.request('GET', path);
      expect(res.status, path).toBe(200);
      expect(res.text, path).toBe(INDEX);
      expect(res.headers.get('cache-control'), path).toBe('no-cache');
    }
    expect((await t.request('GET', '/favicon.svg')).status).toBe(200);
  });

  it('keeps API and connector paths out of the fallback', async () => {
    const res = await t.request('GET', '/api/nothing-here');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect((await t.request('GET', '/ingestion/nothing')).status).toBe(404);
  });

  it('tells file requests from portal routes', () => {
    expect(isFileRequest('/assets/index-abc123.js')).toBe(true);
    expect(isFileRequest('/assets/fonts')).toBe(true);
    expect(isFileRequest('/favicon.ico')).toBe(true);
    expect(isFileRequest('/devices/bulk-reports')).toBe(false);
    expect(isFileRequest('/')).toBe(false);
  });
});
