import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { jsonRows } from './json-rows.ts';
import { twinReported, uplinks } from './schema/index.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('jsonRows', () => {
  it('round-trips bytes, JSON, dates, nulls and text through one JSON parameter', async () => {
    const acme = await t.customer('Acme');
    const device = await t.request('POST', '/api/devices', {
      cookie: acme.cookie,
      body: { projectId: acme.projectId, deviceTypeId: 'generic-internet', name: 'Row test' },
    });
    const deviceId = device.json.id as string;
    const receivedAt = new Date('2026-11-27T10:00:00.123Z');
    const payload = new Uint8Array([0, 1, 0xfe, 0xff, 0x22, 0x5c]);
    const row = {
      id: crypto.randomUUID(),
      customerId: acme.customerId,
      deviceId,
      connector: 'http-senml',
      receivedAt,
      contentType: null,
      payload,
      metadata: { quote: 'a "b" \\ c', nested: { n: [1, 2.5, true, null] }, unicode: 'Ω ✓' },
      state: 'accepted' as const,
    };
    await t.deps.db.execute(sql`insert into ${uplinks} ${jsonRows(uplinks, [row])}`);
    const [stored] = await t.deps.db.select().from(uplinks).where(eq(uplinks.id, row.id));
    expect(stored).toMatchObject({ ...row, payload: expect.anything() });
    expect([...stored!.payload]).toEqual([...payload]);
    expect(stored!.receivedAt.toISOString()).toBe(receivedAt.toISOString());

    // JSON values of any shape, and a value column that is a JSON string.
    const twin = [
      { deviceId, name: 'n', value: 21.5, unit: 'Cel', time: receivedAt },
      { deviceId, name: 's', value: 'on', unit: null, time: receivedAt },
      { deviceId, name: 'b', value: false, unit: null, time: receivedAt },
    ];
    await t.deps.db.execute(sql`insert into ${twinReported} ${jsonRows(twinReported, twin)}`);
    const values = await t.deps.db.select().from(twinReported).where(eq(twinReported.deviceId, deviceId));
    expect(Object.fromEntries(values.map((v) => [v.name, v.value]))).toEqual({ n: 21.5, s: 'on', b: false });
  });
});
