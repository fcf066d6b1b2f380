import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { provisionDemoSims } from './connectivity.service.ts';

let t: TestApp;
let acme: Awaited<ReturnType<TestApp['customer']>>;
let activated: string[];

beforeAll(async () => {
  t = await createTestApp();
  acme = await t.customer('Acme');
  const sims = await t.deps.db.transaction((tx) =>
    provisionDemoSims(tx, acme.customerId, acme.projectId, 12, new Date()),
  );
  activated = sims
    .filter((s) => s.status === 'ACTIVATED')
    .map((s) => s.iccid)
    .sort();
});
afterAll(() => t.close());

const download = (query: string, cookie = acme.cookie) =>
  t.app.request(`http://localhost/api/sims/export?${query}`, { headers: { cookie } });

describe('GET /api/sims/export', () => {
  it('streams every matching SIM as CSV in the chosen columns', async () => {
    const res = await download('format=csv&status=ACTIVATED&columns=iccid,status,apn,project');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="sims-\d{12}\.csv"$/);
    const lines = (await res.text())
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines[0]).toBe('ICCID,Status,APN,Project');
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(activated);
    expect(lines[1]).toMatch(/,Activated,[a-z0-9.]+,My first project$/);
  });

  it('writes Excel with usage in bytes', async () => {
    const res = await download('format=xlsx&columns=iccid,usage');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await res.arrayBuffer());
    const rows = workbook
      .getWorksheet('SIMs')!
      .getSheetValues()
      .slice(1)
      .map((r) => (r as unknown[]).slice(1));
    expect(rows[0]).toEqual(['ICCID', 'Usage (bytes)']);
    expect(rows).toHaveLength(13);
    expect(typeof rows[1]![1]).toBe('number');
  });

  it('needs connectivity:read and never shows other customers’ SIMs', async () => {
    const other = await t.customer('Other', ['admin']);
    expect((await download('format=csv', other.cookie)).status).toBe(403);
    const reader = await t.customer('Reader', ['manager:read']);
    const lines = (await (await download('format=csv', reader.cookie)).text()).trimEnd().split('\r\n');
    expect(lines).toHaveLength(1);
    expect((await download('format=pdf')).status).toBe(400);
  });
});
