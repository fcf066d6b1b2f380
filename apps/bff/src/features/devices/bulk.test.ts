import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fleetWithSims } from '../../testing/fleet.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { processBulkRows } from './bulk-import.service.ts';

let t: TestApp;
let acme: Awaited<ReturnType<TestApp['customer']>>;
let fleet: { projectId: string; flowId: string };
let iccids: string[];

beforeAll(async () => {
  t = await createTestApp();
  acme = await t.customer('Acme');
  ({ iccids, ...fleet } = await fleetWithSims(t, acme.customerId, 12));
});
afterAll(() => t.close());

const csv = (rows: string[]) => ['name,description,barcode,imei,iccid', ...rows].join('\r\n');
const post = (path: string, body: string, contentType = 'text/csv') =>
  t.request('POST', path, { cookie: acme.cookie, rawBody: body, contentType });
const target = () =>
  `deviceTypeId=own-m2m&projectId=${fleet.projectId}&flowId=${fleet.flowId}&fileName=trackers.csv`;

describe('bulk by CSV', () => {
  it('serves the comma-separated template', async () => {
    const res = await t.request('GET', '/api/devices/bulk/template', { cookie: acme.cookie });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    expect(res.text.split('\r\n')[0]).toBe(
      'name,description,barcode,imei,iccid,devEui,appEui,appKey,dvnUuid,sharedSecret',
    );
  });

  it('reports every invalid row with its reason and writes nothing', async () => {
    const file = `\uFEFF${csv([
      `Tracker A,,,357292748642776,${iccids[0]}`,
      `Tracker B,,,357292748642777,${iccids[1]}`, // bad Luhn
      `Tracker C,,,357292748642776,${iccids[2]}`, // same IMEI as row 2
      `,,,490154203237518,${iccids[3]}`, // no name
      'Tracker E,,,356938035643809,89310410106543789305', // SIM not in the account
    ])}`;
    const res = await post(`/api/devices/bulk/validate?${target()}`, file);
    expect(res.status, res.text).toBe(200);
    expect(res.json.validRows).toBe(1);
    expect(res.json.invalidRows).toBe(4);
    const errors = Object.fromEntries(
      res.json.rows.map((r: { rowNumber: number; errors: string[] }) => [r.rowNumber, r.errors]),
    );
    expect(errors[2]).toEqual([]);
    expect(errors[3]).toEqual(['This IMEI is not valid: its check digit does not match (Luhn)']);
    expect(errors[4]).toEqual(['Duplicate imei 357292748642776: also in row 2']);
    expect(errors[5]).toEqual(['Enter a name']);
    expect(errors[6]).toEqual(['No SIM with ICCID 89310410106543789305 in your account']);
    const devices = await t.request('GET', '/api/devices?includeTotal=true', { cookie: acme.cookie });
    expect(devices.json.meta.total).toBe(0);
  });

  it.each([
    [
      'semicolons',
      'name;imei;iccid\r\nA;357292748642776;1',
      'Use a comma (,) as the separator; this file uses ";"',
    ],
    ['unknown columns', 'name,imei,colour\r\nA,1,red', 'Unknown column: colour.'],
    ['missing columns', 'name,description\r\nA,x', 'Missing columns for Own M2M device: imei, iccid'],
    ['no rows', 'name,imei,iccid\r\n', 'The file has a header but no rows'],
    ['an empty file', '', 'The file is empty; start from the template'],
  ])('explains a file with %s', async (_, body, message) => {
    const res = await post(`/api/devices/bulk/validate?${target()}`, body);
    expect(res.status).toBe(400);
    expect(res.json.code).toBe('bulk.invalid_file');
    expect(res.json.detail).toContain(message);
  });

  it('refuses bytes that are not UTF-8 and files over 10 MB', async () => {
    const garbage = await t.app.request(`http://localhost/api/devices/bulk/validate?${target()}`, {
      method: 'POST',
      headers: { cookie: acme.cookie, origin: 'http://localhost', 'content-type': 'text/csv' },
      body: new Uint8Array([0x6e, 0x61, 0x6d, 0x65, 0x0a, 0xff, 0xfe, 0xc3, 0x28]),
    });
    expect(garbage.status).toBe(400);
    expect(((await garbage.json()) as { detail: string }).detail).toBe(
      'The file is not UTF-8 text; save it as CSV (UTF-8)',
    );
    const huge = await post(
      `/api/devices/bulk/validate?${target()}`,
      `name,imei,iccid\r\n${'x'.repeat(11 * 1024 * 1024)}`,
    );
    expect(huge.status).toBe(413);
    expect(huge.json.detail).toBe('The body is larger than 10 MB');
  });

  it('runs the valid rows as a background job and keeps a report of every row', async () => {
    const file = csv([
      `Tracker A,Dock 1,BC-1,357292748642776,${iccids[0]}`,
      `Tracker B,,,357292748642777,${iccids[1]}`,
      `Tracker C,,,490154203237518,${iccids[2]}`,
    ]);
    const run = await post(`/api/devices/bulk?${target()}`, file);
    expect(run.status, run.text).toBe(202);
    const before = await t.request('GET', `/api/devices/bulk-reports/${run.json.id}`, {
      cookie: acme.cookie,
    });
    expect(before.json).toMatchObject({
      status: 'queued',
      totalRows: 3,
      createdRows: 0,
      failedRows: 1,
      fileName: 'trackers.csv',
    });

    expect(await processBulkRows(t.deps, 100)).toBe(2);
    const report = await t.request('GET', `/api/devices/bulk-reports/${run.json.id}`, {
      cookie: acme.cookie,
    });
    expect(report.json).toMatchObject({
      status: 'done',
      createdRows: 2,
      failedRows: 1,
      flow: { name: 'Fleet flow' },
    });
    expect(report.json.rows.map((r: { status: string }) => r.status)).toEqual([
      'created',
      'failed',
      'created',
    ]);
    expect(report.json.rows[1].error).toContain('Luhn');

    const created = await t.request('GET', `/api/devices/${report.json.rows[0].deviceId}`, {
      cookie: acme.cookie,
    });
    expect(created.json).toMatchObject({
      name: 'Tracker A',
      barcode: 'BC-1',
      primaryIdentifier: '357292748642776',
      processingStatus: 'ACTIVE',
      flowNames: ['Fleet flow'],
    });
    const list = await t.request('GET', '/api/devices/bulk-reports', { cookie: acme.cookie });
    expect(list.json.data[0].id).toBe(run.json.id);
  });

  it('reports a row that became invalid after validation, without half-creating it', async () => {
    const file = csv([`Late,,,356938035643809,${iccids[3]}`]);
    const run = await post(`/api/devices/bulk?${target()}`, file);
    expect(run.status).toBe(202);
    // Someone registers the same IMEI before the worker gets to the row.
    const other = await t.request('POST', '/api/devices', {
      cookie: acme.cookie,
      body: { projectId: fleet.projectId, deviceTypeId: 'own-m2m', name: 'first' },
    });
    await t.request('POST', `/api/devices/${other.json.id}/network-adapters`, {
      cookie: acme.cookie,
      body: { type: 'M2M', imei: '356938035643809', iccid: iccids[4], earlyAccess: false },
    });
    await processBulkRows(t.deps, 10);
    const report = await t.request('GET', `/api/devices/bulk-reports/${run.json.id}`, {
      cookie: acme.cookie,
    });
    expect(report.json.rows[0]).toMatchObject({
      status: 'failed',
      error: 'The network identifier already exists for this network type',
      deviceId: null,
    });
    const named = await t.request('GET', '/api/devices?q=Late', { cookie: acme.cookie });
    expect(named.json.data).toEqual([]);
  });

  it('refuses a run without a single valid row', async () => {
    const res = await post(`/api/devices/bulk?${target()}`, csv(['Bad,,,1,2']));
    expect(res.status).toBe(400);
    expect(res.json.code).toBe('bulk.no_valid_rows');
  });
});
