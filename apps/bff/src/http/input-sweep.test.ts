import {
  type Contract,
  encodeCursor,
  formatSort,
  INVALID_CURSOR,
  type SortKey,
  TIMESTAMP_RANGE_MESSAGE,
} from '@openthings/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { provisionDemoSims } from '../features/connectivity/connectivity.service.ts';
import { createProjectWithFlow } from '../features/projects/projects.service.ts';
import { pathName, samples, stringPaths, withString } from '../testing/samples.ts';
import { createTestApp, type TestApp } from '../testing/test-app.ts';

/**
 * A 500 on user input is a bug. Generated over every route the bff registers: text the database cannot
 * hold (NUL, a lone UTF-16 surrogate) in every string of every body, query and path; dates outside what
 * PostgreSQL and JavaScript both represent; cursors whose keys do not fit their sort columns.
 */
let t: TestApp;
let cookie: string;
/** Real objects, so that a request gets past "not found" to where it would store what it was sent. */
const ids: Record<string, string> = {};

const UNSTORABLE = { NUL: (s: string) => `${s}\u0000x`, 'lone surrogate': (s: string) => `${s}\uD800` };
/** The same in a URL: a percent-encoded NUL, and the bytes a lone surrogate would have in WTF-8. */
const UNSTORABLE_IN_URL = { NUL: 'a%00x', 'lone surrogate': 'a%ED%A0%80' };

beforeAll(async () => {
  t = await createTestApp();
  const owner = await t.customer('Sweep', ['admin', 'manager:admin', 'creator:admin']);
  cookie = owner.cookie;
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await t.request(method, path, { cookie, body });
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${res.text}`);
    return res.json;
  };
  const project = await createProjectWithFlow(t.deps.db, {
    customerId: owner.customerId,
    name: 'Sweep',
    subscription: 'Modular',
    flowName: 'Sweep flow',
  });
  ids.projectId = project.projectId;
  ids.flowId = project.flowId!;
  const device = async (name: string) =>
    (await call('POST', '/api/devices', { projectId: ids.projectId, deviceTypeId: 'generic-internet', name }))
      .id as string;
  ids.deviceId = await device('Sweep device');
  await device('Sweep device 2');
  ids.adapterId = (
    await call('POST', `/api/devices/${ids.deviceId}/network-adapters`, {
      type: 'INTERNET',
      dvnUuid: crypto.randomUUID(),
    })
  ).id;
  ids.bindingId = (
    await call('POST', '/api/mqtt/bindings', {
      deviceId: ids.deviceId,
      password: 'Mqtt-Password-For-Sweep-2026!',
    })
  ).id;
  ids.viewId = (await call('POST', '/api/views', { table: 'devices', name: 'Sweep view', state: {} })).id;
  ids.simId = (await provisionDemoSims(t.deps.db, owner.customerId, ids.projectId, 1, new Date()))[0]!.id;
  ids.destinationId = (
    await call('POST', '/api/destinations', { kind: 'TEST', name: 'Sweep inbox' })
  ).destination.id;
  ids.decoderId = (await call('GET', '/api/decoders')).data[0].id;
});
afterAll(() => t.close());

/**
 * Path parameters by the collection they follow (`/devices/{id}` is a device); `override` holds values
 * already encoded for a URL.
 */
function pathOf(contract: Contract, override: Record<string, string> = {}): string {
  return contract.path.replace(/([\w-]+)\/\{(\w+)\}/g, (_, collection: string, name: string) => {
    if (name in override) return `${collection}/${override[name]}`;
    const byCollection: Record<string, string | undefined> = {
      projects: ids.projectId,
      devices: ids.deviceId,
      'network-adapters': ids.adapterId,
      bindings: ids.bindingId,
      'device-groups': ids.flowId,
      views: ids.viewId,
      sims: ids.simId,
      destinations: ids.destinationId,
    };
    const value =
      name === 'id' ? byCollection[collection] : name === 'deviceTypeId' ? 'generic-internet' : ids[name];
    return `${collection}/${value ?? crypto.randomUUID()}`;
  });
}

const hints = () => ({
  projectId: ids.projectId,
  deviceTypeId: 'generic-internet',
  deviceId: ids.deviceId,
  deviceIds: ids.deviceId,
  flowId: ids.flowId,
  email: `sweep-${crypto.randomUUID()}@example.test`,
  name: `Sweep ${crypto.randomUUID().slice(0, 8)}`,
  dvnUuid: crypto.randomUUID(),
  password: 'Sweep-Password-0123456789!',
});

/** A response that breaks off while streaming (a file export) counts as a server error too. */
async function send(contract: Contract, path: string, body?: unknown, rawBody?: string) {
  try {
    return await t.request(contract.method.toUpperCase(), path, {
      cookie,
      ...(rawBody !== undefined ? { rawBody, contentType: 'text/csv' } : body !== undefined ? { body } : {}),
    });
  } catch (error) {
    return { status: 599, text: String(error), json: undefined };
  }
}

const queryShape = (contract: Contract) =>
  contract.query instanceof z.ZodObject ? (contract.query.shape as Record<string, z.ZodType>) : {};

/** The contract's path with its required query parameters (`format` of an export…), and `extra`. */
function urlOf(contract: Contract, extra: Record<string, string> = {}, params: Record<string, string> = {}) {
  const query = new URLSearchParams();
  for (const [name, schema] of Object.entries(queryShape(contract))) {
    if (schema.safeParse(undefined).success || name in extra) continue;
    query.set(name, String(samples(schema, hints(), name)[0]));
  }
  const encoded = [query.toString(), ...Object.entries(extra).map(([k, v]) => `${k}=${v}`)].filter(Boolean);
  return `${pathOf(contract, params)}${encoded.length ? `?${encoded.join('&')}` : ''}`;
}

describe('no 500 on user input', () => {
  it('refuses unstorable text in every string of every request body', async () => {
    const failures: string[] = [];
    let sent = 0;
    for (const contract of t.router.contracts.filter((c) => c.body)) {
      if (contract.bodyTypes?.includes('csv')) {
        for (const [what, spoil] of Object.entries(UNSTORABLE)) {
          const csv = `name,dvnUuid\r\n${spoil('Sweep CSV')},${crypto.randomUUID()}\r\n`;
          const res = await send(contract, urlOf(contract), undefined, csv);
          sent++;
          if (res.status >= 500) failures.push(`${contract.operationId} CSV cell ${what}: ${res.status}`);
        }
        continue;
      }
      const variants = samples(contract.body!, hints());
      if (variants.length === 0) failures.push(`${contract.operationId}: no valid sample body; add a hint`);
      for (const [index, variant] of variants.entries()) {
        for (const path of stringPaths(variant)) {
          for (const [what, spoil] of Object.entries(UNSTORABLE)) {
            // A fresh sample per request: names and e-mails must not collide with an earlier one.
            const body = withString(samples(contract.body!, hints())[index], path, spoil);
            const res = await send(contract, pathOf(contract), body);
            sent++;
            if (res.status >= 500) {
              failures.push(`${contract.operationId} body.${pathName(path)} ${what}: ${res.status}`);
            }
          }
        }
      }
    }
    expect(sent).toBeGreaterThan(100);
    expect(failures).toEqual([]);
  });

  it('refuses unstorable text in every query parameter and path parameter', async () => {
    const failures: string[] = [];
    for (const contract of t.router.contracts.filter((c) => c.auth === 'required')) {
      for (const [what, spoilt] of Object.entries(UNSTORABLE_IN_URL)) {
        for (const name of Object.keys(queryShape(contract))) {
          const res = await send(contract, urlOf(contract, { [name]: spoilt }));
          if (res.status >= 500)
            failures.push(`${contract.operationId} query.${name} ${what}: ${res.status}`);
        }
        for (const [, name] of contract.path.matchAll(/\{(\w+)\}/g)) {
          const res = await send(contract, urlOf(contract, {}, { [name!]: spoilt }));
          if (res.status >= 500)
            failures.push(`${contract.operationId} params.${name} ${what}: ${res.status}`);
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it('refuses dates outside the years PostgreSQL and JavaScript share in every date query parameter', async () => {
    const failures: string[] = [];
    let dateParams = 0;
    for (const contract of t.router.contracts) {
      for (const [name, schema] of Object.entries(queryShape(contract))) {
        if (!schema.safeParse('2026-01-31T12:00:00Z').success || schema.safeParse('not a date').success)
          continue;
        dateParams++;
        for (const value of ['0001-01-01T00:00:00Z', '9999-12-31T23:59:59.999Z']) {
          const ok = await send(contract, urlOf(contract, { [name]: encodeURIComponent(value) }));
          if (ok.status !== 200)
            failures.push(`${contract.operationId} ${name}=${value}: ${ok.status} ${ok.text}`);
        }
        // Year 0 does not exist in PostgreSQL; year 10000 has no ISO 8601 form a driver could send.
        for (const value of [
          '0000-01-01T00:00:00Z',
          '0000-12-31T22:59:59-01:00',
          '9999-12-31T23:59:59-01:00',
        ]) {
          const res = await send(contract, urlOf(contract, { [name]: encodeURIComponent(value) }));
          if (res.status !== 400 || !res.json?.errors?.[`query.${name}`]) {
            failures.push(`${contract.operationId} ${name}=${value}: ${res.status} ${res.text}`);
          }
        }
      }
    }
    expect(dateParams).toBeGreaterThanOrEqual(15);
    expect(failures).toEqual([]);
  });

  it('answers 400 "invalid cursor" to a cursor whose keys do not fit the sort columns', async () => {
    const failures: string[] = [];
    const lists = t.router.contracts.filter((c) => 'cursor' in queryShape(c));
    expect(lists.length).toBeGreaterThanOrEqual(10);
    for (const contract of lists) {
      const sort = formatSort((contract.query!.parse({}) as { sort: SortKey[] }).sort);
      const width = sort.split(',').length + 1;
      // Cursors only ever carry the text form of each key; the last key is the id (a uuid).
      const spoilt: unknown[][] = [
        1,
        true,
        null,
        'not a value',
        '0000-01-01 00:00:00+00',
        '99999999999999999999',
        'x\u0000',
        '\uD800',
      ].map((value) => Array(width).fill(value));
      for (const values of spoilt) {
        const cursor = encodeCursor({ sort, dir: 'next', values: values as string[] });
        const res = await send(contract, `${pathOf(contract)}?cursor=${cursor}`);
        if (res.status !== 400 || !res.json?.errors?.['query.cursor']) {
          failures.push(
            `${contract.operationId} ${JSON.stringify(values)}: ${res.status} ${res.text.slice(0, 200)}`,
          );
        }
      }
      // A cursor the API made itself still works.
      const first = await send(contract, `${pathOf(contract)}?limit=1`);
      if (first.status !== 200) failures.push(`${contract.operationId} first page: ${first.status}`);
      else if (first.json.links?.next) {
        const next = await send(contract, first.json.links.next);
        if (next.status !== 200)
          failures.push(`${contract.operationId} next page: ${next.status} ${next.text}`);
      }
    }
    expect(failures).toEqual([]);
  });
});

describe('the reported cases', () => {
  it('answers a NUL in a device name with 400 naming the field', async () => {
    const res = await t.request('POST', '/api/devices', {
      cookie,
      body: { projectId: ids.projectId, deviceTypeId: 'generic-internet', name: 'Tracker\u0000A' },
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(res.json.errors).toEqual({
      'body.name': ['The name may not hold control characters (U+0000); remove it'],
    });
  });

  it('answers lastMessageSince=0000-01-01T00:00:00Z with 400', async () => {
    const res = await t.request('GET', '/api/devices?lastMessageSince=0000-01-01T00:00:00Z', { cookie });
    expect(res.status).toBe(400);
    expect(res.json.errors).toEqual({ 'query.lastMessageSince': [TIMESTAMP_RANGE_MESSAGE] });
  });

  it('answers a cursor whose date key is no date with 400 "invalid cursor", and follows real ones', async () => {
    for (const values of [
      [123, ids.deviceId],
      ['yesterday', ids.deviceId],
    ]) {
      const cursor = encodeCursor({ sort: '-lastMessageAt', dir: 'next', values: values as string[] });
      const res = await t.request('GET', `/api/devices?sort=-lastMessageAt&cursor=${cursor}`, { cookie });
      expect(res.status, JSON.stringify(values)).toBe(400);
      expect(res.json.errors).toEqual({ 'query.cursor': [INVALID_CURSOR] });
    }
    const first = await t.request('GET', '/api/devices?sort=-lastMessageAt&limit=1', { cookie });
    expect(first.json.links.next).not.toBeNull();
    const next = await t.request('GET', first.json.links.next, { cookie });
    expect(next.status).toBe(200);
    expect(next.json.data[0].id).not.toBe(first.json.data[0].id);
  });
});
