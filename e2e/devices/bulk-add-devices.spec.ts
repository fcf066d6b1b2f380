import { readFile, writeFile } from 'node:fs/promises';
import { expect, test } from '../fixtures.ts';
import { apiGet, DEMO, signIn } from '../support/api.ts';
import { uniqueImei } from '../support/identifiers.ts';
import { signInThroughForm } from '../support/sign-in.ts';

test('a CSV with a bad IMEI is refused row by row, then the fixed file creates every device', async ({
  page,
  request,
}, testInfo) => {
  await signIn(request, DEMO.email, DEMO.password);
  const free = await apiGet<{ data: { iccid: string; status: string }[] }>(request, '/api/sims', {
    linked: 'false',
    status: 'ACTIVATED,ACTIVATION_READY,DEACTIVATED',
    limit: 500,
  });
  // Other specs take free SIMs too: use the last ones.
  const [simA, simB] = free.data.slice(-2).map((s) => s.iccid);
  if (!simA || !simB) throw new Error('The demo account needs two free SIMs');
  const [imeiA, imeiB] = [uniqueImei(), uniqueImei()];
  const tag = Date.now().toString(36);

  const bad = testInfo.outputPath('pumps-bad.csv');
  await writeFile(bad, `name,imei,iccid\nPump ${tag} A,${imeiA},${simA}\nPump ${tag} B,12345,${simB}\n`);
  const fixed = testInfo.outputPath('pumps.csv');
  await writeFile(fixed, `name,imei,iccid\nPump ${tag} A,${imeiA},${simA}\nPump ${tag} B,${imeiB},${simB}\n`);

  await signInThroughForm(page, DEMO.email, DEMO.password);
  await page.goto('/devices');
  await page.getByRole('link', { name: 'Bulk by CSV' }).click();
  await expect(page.getByRole('heading', { name: 'Bulk by CSV', level: 1 })).toBeVisible();
  const main = page.getByRole('main');
  await main.getByRole('combobox', { name: 'Device type' }).click();
  await page.getByRole('option', { name: 'Own M2M device' }).click();
  await main.getByRole('combobox', { name: 'Project' }).click();
  await page.getByRole('option', { name: 'Fleet demo' }).click();

  await page.getByLabel('CSV file').setInputFiles(bad);
  const rows = page.getByRole('table', { name: 'Rows of the file' });
  await expect(rows.getByRole('row', { name: /12345/ })).toContainText('IMEI must be 15 digits', {
    timeout: 10_000,
  });
  await expect(page.getByText('1 valid')).toBeVisible();
  await expect(page.getByText('1 invalid')).toBeVisible();

  await page.getByLabel('CSV file').setInputFiles(fixed);
  await expect(page.getByText('2 valid')).toBeVisible();
  await expect(page.getByText('0 invalid')).toBeVisible();
  await page.getByRole('button', { name: 'Add 2 devices' }).click();

  await expect(page.getByText('2 devices added, 0 failed')).toBeVisible({ timeout: 15_000 });
  // The file left the shared secrets empty: the generated ones are offered once, as a CSV file.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download generated secrets (shown once)' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('pumps-generated-secrets.csv');
  const secrets = (await readFile(await download.path(), 'utf8'))
    .replace(/^\uFEFF/, '')
    .trim()
    .split('\r\n');
  expect(secrets[0]).toBe('row,name,deviceId,imei,sharedSecret');
  expect(secrets.slice(1).map((line) => line.split(',').slice(1, 2)[0])).toEqual([
    `Pump ${tag} A`,
    `Pump ${tag} B`,
  ]);
  for (const line of secrets.slice(1)) expect(line.split(',')[4]).toHaveLength(40);
  await expect(page.getByText('Generated secrets downloaded')).toBeVisible();

  await page.getByRole('link', { name: 'Open bulk report' }).click();
  await expect(page.getByRole('heading', { name: 'pumps.csv', level: 1 })).toBeVisible();
  await expect(page.getByText(/The generated secrets of 2 devices were downloaded/)).toBeVisible();
  const report = page.getByRole('table', { name: 'Rows of the run' });
  await expect(report.getByRole('row', { name: new RegExp(`Pump ${tag} A`) })).toContainText('Created');
  await expect(report.getByRole('row', { name: new RegExp(`Pump ${tag} B`) })).toContainText('Created');

  // The report is listed, and its rows lead to the new devices.
  await page.getByRole('link', { name: 'Bulk reports' }).first().click();
  await expect(page.getByRole('row', { name: 'Open bulk report pumps.csv' }).first()).toBeVisible();
  await page.goBack();
  await report.getByRole('link', { name: `Pump ${tag} B` }).click();
  await expect(page.getByRole('heading', { name: `Pump ${tag} B`, level: 1 })).toBeVisible();
});

test('a file with semicolons is explained before anything is checked', async ({
  page,
  consoleGuard,
}, testInfo) => {
  consoleGuard.allowHttpError({ status: 400, url: /\/api\/devices\/bulk\/validate/ });
  const file = testInfo.outputPath('semicolons.csv');
  await writeFile(file, 'name;imei;iccid\nPump;359999000000018;8931087119000000788\n');
  await signInThroughForm(page, DEMO.email, DEMO.password);
  await page.goto('/devices/bulk');
  const main = page.getByRole('main');
  await main.getByRole('combobox', { name: 'Device type' }).click();
  await page.getByRole('option', { name: 'Own M2M device' }).click();
  await main.getByRole('combobox', { name: 'Project' }).click();
  await page.getByRole('option', { name: 'Fleet demo' }).click();
  await page.getByLabel('CSV file').setInputFiles(file);
  // The server reads the file: allow for a busy machine.
  await expect(page.getByText('Use a comma (,) as the separator; this file uses ";"')).toBeVisible({
    timeout: 10_000,
  });
  await expect(page.getByText('The file cannot be read as a device CSV')).toBeVisible();
});
