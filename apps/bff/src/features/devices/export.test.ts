import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { neutralise } from '../../http/file-export.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { createProjectWithFlow } from '../projects/projects.service.ts';

let t: TestApp;
let acme: Awaited<ReturnType<TestApp['customer']>>;
const names = ['=HYPERLINK("http://evil")', 'Alpha', '+31 sensor', 'Bravo, "quoted"', '@SUM(A1)', 'Charlie'];

beforeAll(async () => {
  t = await createTestApp();
  acme = await t.customer('Acme');
  const { projectId } = await createProjectWithFlow(t.deps.db, {
    customerId: acme.customerId,
    name: 'Fleet',
    subscription: 'Modular',
  });
  for (const name of names) {
    const d = await t.request('POST', '/api/devices', {
      cookie: acme.cookie,
      body: { projectId, deviceTypeId: 'generic-internet', name },
    });
    await t.request('POST', `/api/devices/${d.json.id}/network-adapters`, {
      cookie: acme.cookie,
      body: { type: 'INTERNET', dvnUuid: crypto.randomUUID() },
    });
  }
  // One more device in another state, to be filtered out.
  await t.request('POST', '/api/devices', {
    cookie: acme.cookie,
    body: { projectId, deviceTypeId: 'generic-lora-preset', name: 'Delta' },
  });
});
afterAll(() => t.close());

async function download(query: string) {
  const res = await t.app.request(`http://localhost/api/devices/export?${query}`, {
    headers: { cookie: acme.cookie },
  });
  return res;
}

describe('neutralise', () => {
  it.each([
    ['=1+1', "'=1+1"],
    ['+31 6', "'+31 6"],
    ['-2', "'-2"],
    ['@cmd', "'@cmd"],
    ['\tx', "'\tx"],
    ['Alpha', 'Alpha'],
  ])('%s → %s', (input, output) => expect(neutralise(input)).toBe(output));
});

describe('GET /api/devices/export', () => {
  it('streams every matching row as CSV in the chosen columns and order, formula-safe', async () => {
    const res = await download(
      'format=csv&status=NOT_LINKED&sort=name&columns=name,processingStatus,deviceType',
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="devices-\d{12}\.csv"$/);
    const text = await res.text();
    const lines = text
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines[0]).toBe('Name,Status,Type');
    expect(lines.slice(1)).toEqual([
      `'+31 sensor,Not yet linked,Generic device (Internet connected)`,
      `"'=HYPERLINK(""http://evil"")",Not yet linked,Generic device (Internet connected)`,
      `'@SUM(A1),Not yet linked,Generic device (Internet connected)`,
      'Alpha,Not yet linked,Generic device (Internet connected)',
      '"Bravo, ""quoted""",Not yet linked,Generic device (Internet connected)',
      'Charlie,Not yet linked,Generic device (Internet connected)',
    ]);
  });

  it('writes the same rows as an Excel workbook', async () => {
    const res = await download('format=xlsx&q=l&sort=-name&columns=name,primaryIdentifier');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(/\.xlsx"$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await res.arrayBuffer());
    const sheet = workbook.getWorksheet('Devices')!;
    const rows = sheet
      .getSheetValues()
      .slice(1)
      .map((r) => (r as unknown[]).slice(1));
    expect(rows[0]).toEqual(['Name', 'Identifier']);
    expect(rows.slice(1).map((r) => r[0])).toEqual([
      'Delta',
      'Charlie',
      'Alpha',
      `'=HYPERLINK("http://evil")`,
    ]);
    expect(rows[1]![1]).toBeUndefined();
    expect(rows[3]![1]).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('rejects an unknown format or column', async () => {
    expect((await download('format=pdf')).status).toBe(400);
    const res = await download('format=csv&columns=name,password');
    expect(res.status).toBe(400);
  });

  it("never exports another customer's devices", async () => {
    const other = await t.customer('Other');
    const res = await t.app.request('http://localhost/api/devices/export?format=csv', {
      headers: { cookie: other.cookie },
    });
    expect(
      (await res.text())
        .replace(/^\uFEFF/, '')
        .trimEnd()
        .split('\r\n'),
    ).toHaveLength(1);
  });
});
