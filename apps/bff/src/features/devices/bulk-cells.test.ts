import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fleetWithSims } from '../../testing/fleet.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { processBulkRows } from './bulk-import.service.ts';

let t: TestApp;
let acme: Awaited<ReturnType<TestApp['customer']>>;
let projectId: string;
let iccids: string[];

beforeAll(async () => {
  t = await createTestApp();
  acme = await t.customer('Acme');
  ({ projectId, iccids } = await fleetWithSims(t, acme.customerId, 12));
});
afterAll(() => t.close());

const post = (path: string, body: string) =>
  t.request('POST', path, { cookie: acme.cookie, rawBody: body, contentType: 'text/csv' });
const query = () => `deviceTypeId=own-m2m&projectId=${projectId}&fileName=cells.csv`;

describe('bulk by CSV: control characters in cells', () => {
  const file = () =>
    [
      'name,description,barcode,imei,iccid',
      `Tracker\u0000A,,,357292748642776,${iccids[0]}`,
      `Tracker B,"Dock 2\nsecond line",,490154203237518,${iccids[1]}`,
      `Tracker C,,BC\u001b1,356938035643809,${iccids[2]}`,
      `Tracker D,Nul\u0000here,,35729274864\u00002776,${iccids[3]}`,
    ].join('\r\n');

  it('gives each row with a control character its reason, and keeps line breaks in a description', async () => {
    const res = await post(`/api/devices/bulk/validate?${query()}`, file());
    expect(res.status, res.text).toBe(200);
    const byRow = Object.fromEntries(
      res.json.rows.map((r: { rowNumber: number; errors: string[] }) => [r.rowNumber, r.errors]),
    );
    expect(byRow[2]).toEqual([
      'The name cell holds a control character (U+0000); remove it and upload again',
    ]);
    expect(byRow[3]).toEqual([]);
    expect(byRow[4]).toEqual([
      'The barcode cell holds a control character (U+001B); remove it and upload again',
    ]);
    expect(byRow[5]).toEqual([
      'The description cell holds a control character (U+0000); remove it and upload again',
      'The imei cell holds a control character (U+0000); remove it and upload again',
    ]);
    expect(res.json.rows[0].values.name).toBe('Tracker\uFFFDA');
    expect(res.json.validRows).toBe(1);
  });

  it('runs the file: refused rows are reported with their reason, never a 500', async () => {
    const run = await post(`/api/devices/bulk?${query()}`, file());
    expect(run.status, run.text).toBe(202);
    await processBulkRows(t.deps, 10);
    const report = await t.request('GET', `/api/devices/bulk-reports/${run.json.id}`, {
      cookie: acme.cookie,
    });
    expect(report.json.rows.map((r: { status: string }) => r.status)).toEqual([
      'failed',
      'created',
      'failed',
      'failed',
    ]);
    expect(report.json.rows[0]).toMatchObject({
      values: { name: 'Tracker\uFFFDA' },
      error: 'The name cell holds a control character (U+0000); remove it and upload again',
    });
    const created = await t.request('GET', `/api/devices/${report.json.rows[1].deviceId}`, {
      cookie: acme.cookie,
    });
    expect(created.json.description).toBe('Dock 2\nsecond line');
  });

  it('answers a control character in the file name or device type with 400 problem+json', async () => {
    const named = await post(
      `/api/devices/bulk/validate?deviceTypeId=own-m2m&projectId=${projectId}&fileName=a%00b.csv`,
      `name,imei,iccid\r\nA,357292748642776,${iccids[4]}`,
    );
    expect(named.status).toBe(400);
    expect(named.headers.get('content-type')).toContain('application/problem+json');
    expect(named.json.errors['query.fileName']).toEqual(['The file name may not hold control characters']);
    const typed = await post(
      `/api/devices/bulk?deviceTypeId=own%00m2m&projectId=${projectId}`,
      `name,imei,iccid\r\nA,357292748642776,${iccids[4]}`,
    );
    expect(typed.status).toBe(400);
    expect(typed.json.errors['query.deviceTypeId']).toEqual(['Choose a device type']);
  });
});
