import { readFile } from 'node:fs/promises';
import { expect, test } from '../fixtures.ts';
import { apiGet, DEMO, signIn } from '../support/api.ts';
import { signInThroughForm } from '../support/sign-in.ts';

test('the devices table exports its filtered rows as CSV and Excel', async ({ page, request }) => {
  await signIn(request, DEMO.email, DEMO.password);
  const expected = await apiGet<{ data: { name: string }[] }>(request, '/api/devices', {
    q: 'tracker 00',
    status: 'ACTIVE',
    limit: 500,
  });
  expect(expected.data.length).toBeGreaterThan(0);

  await signInThroughForm(page, DEMO.email, DEMO.password);
  await page.goto('/devices?status=ACTIVE');
  await page.getByRole('textbox', { name: 'Search devices' }).fill('tracker 00');
  await expect(page).toHaveURL(/q=tracker/);
  const table = page.getByRole('table', { name: 'Devices' });
  await expect(table.getByRole('row')).toHaveCount(expected.data.length + 1);

  await page.getByRole('button', { name: 'Export' }).click();
  const [csv] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('menuitem', { name: 'Export as CSV' }).click(),
  ]);
  expect(csv.suggestedFilename()).toMatch(/^devices-\d{12}\.csv$/);
  const text = (await readFile(await csv.path(), 'utf8')).replace(/^\uFEFF/, '');
  const [header, ...lines] = text.trim().split(/\r?\n/);
  expect(header?.split(',').slice(0, 3)).toEqual(['Name', 'Type', 'Identifier']);
  expect(lines.map((line) => line.split(',')[0]).sort()).toEqual(expected.data.map((d) => d.name).sort());

  await page.getByRole('button', { name: 'Export' }).click();
  const [xlsx] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('menuitem', { name: 'Export as Excel' }).click(),
  ]);
  expect(xlsx.suggestedFilename()).toMatch(/^devices-\d{12}\.xlsx$/);
  const workbook = await readFile(await xlsx.path());
  // An .xlsx file is a zip archive.
  expect(workbook.subarray(0, 2).toString('latin1')).toBe('PK');
});
