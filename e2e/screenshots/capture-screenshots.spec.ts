import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from '../fixtures.ts';
import { repoRoot } from '../server.ts';
import { apiGet, DEMO, signIn } from '../support/api.ts';
import { signInThroughForm } from '../support/sign-in.ts';

// Pictures of the portal for docs/screenshots, taken on request (`pnpm --filter @openthings/e2e
// screenshots`) at the laptop size the portal is designed for.
const shot = (name: string) => join(repoRoot, 'docs/screenshots', `${name}.png`);

test.use({ viewport: { width: 1366, height: 768 } });

test('login, project list and project overview', async ({ page }) => {
  await page.goto('/login');
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
  await page.screenshot({ path: shot('login') });

  await signInThroughForm(page, DEMO.email, DEMO.password);
  await expect(page.getByRole('row', { name: 'Open project Fleet demo' })).toBeVisible();
  await page.screenshot({ path: shot('projects') });

  await page.getByRole('row', { name: 'Open project Fleet demo' }).click();
  await expect(page.getByRole('heading', { name: 'Fleet demo', level: 1 })).toBeVisible();
  await page.mouse.move(0, 0);
  await page.screenshot({ path: shot('project-overview') });
});

test('devices and connectivity', async ({ page, request }, testInfo) => {
  test.setTimeout(120_000);
  await signInThroughForm(page, DEMO.email, DEMO.password);
  const calm = async () => {
    await page.mouse.move(0, 0);
    await page.waitForTimeout(300);
  };

  await page.goto('/devices');
  await expect(page.getByRole('row', { name: /Open device Asset tracker 001/ })).toBeVisible();
  await calm();
  await page.screenshot({ path: shot('devices') });

  await page.goto('/devices?status=ACTIVE&network=LORA');
  await page.getByRole('button', { name: 'Filters' }).click();
  await expect(page.getByRole('dialog', { name: 'Filters' })).toBeVisible();
  await page.screenshot({ path: shot('devices-filters') });
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Columns' }).click();
  await page.screenshot({ path: shot('devices-columns') });
  await page.keyboard.press('Escape');

  await page.goto('/devices?q=Truck');
  await page.getByRole('checkbox', { name: 'Select Truck 001' }).check();
  await page.getByRole('checkbox', { name: 'Select Truck 002' }).check();
  await calm();
  await page.screenshot({ path: shot('devices-selection') });

  await page.goto('/devices/new');
  await expect(page.getByRole('radio', { name: /Own M2M device/ })).toBeVisible();
  await calm();
  await page.screenshot({ path: shot('add-device') });
  await page.getByRole('radio', { name: /Generic LoRa device \(programmable\)/ }).check();
  await page.getByRole('button', { name: 'Next' }).click();
  const details = page.getByRole('form', { name: 'Device details' });
  await details.getByRole('textbox', { name: 'Name' }).fill('Greenhouse sensor 1');
  await details.getByRole('combobox', { name: 'Project' }).click();
  await page.getByRole('option', { name: 'Fleet demo' }).click();
  await details.getByRole('button', { name: 'Add device' }).click();
  await page.getByRole('button', { name: 'Generate network info' }).click();
  await expect(page.getByText(/not retrievable after closing/)).toBeVisible();
  await page.waitForTimeout(4500); // the "Device added" notification fades
  await calm();
  await page.screenshot({ path: shot('add-device-lora-keys') });

  await page.goto('/devices?q=Truck 001');
  await page.getByRole('row', { name: 'Open device Truck 001' }).click();
  await expect(page.getByRole('heading', { name: 'Truck 001', level: 1 })).toBeVisible();
  await calm();
  await page.screenshot({ path: shot('device-overview') });
  await page.getByRole('tab', { name: 'M2M' }).click();
  await expect(page.getByText('Communication plan')).toBeVisible();
  await calm();
  await page.screenshot({ path: shot('device-m2m') });
  await page.getByRole('tab', { name: 'Flows' }).click();
  await expect(page.getByRole('table', { name: 'Linked flows' })).toBeVisible();
  await calm();
  await page.screenshot({ path: shot('device-flows') });

  await signIn(request, DEMO.email, DEMO.password);
  const free = await apiGet<{ data: { iccid: string }[] }>(request, '/api/sims', {
    linked: 'false',
    status: 'ACTIVATION_READY',
    limit: 3,
  });
  const [a, b, c] = free.data.map((s) => s.iccid);
  const csv = testInfo.outputPath('pumps.csv');
  await writeFile(
    csv,
    `name,imei,iccid\nPump 1,359999000000018,${a}\nPump 2,12345,${b}\nPump 3,359999000000026,${c}\nPump 4,359999000000034,${a}\n`,
  );
  await page.goto('/devices/bulk');
  const main = page.getByRole('main');
  await main.getByRole('combobox', { name: 'Device type' }).click();
  await page.getByRole('option', { name: 'Own M2M device' }).click();
  await main.getByRole('combobox', { name: 'Project' }).click();
  await page.getByRole('option', { name: 'Fleet demo' }).click();
  await page.getByLabel('CSV file').setInputFiles(csv);
  await page.locator('label', { hasText: 'All rows' }).click();
  await expect(page.getByRole('table', { name: 'Rows of the file' })).toBeVisible();
  await page.getByRole('button', { name: /^Add \d+ devices?$/ }).scrollIntoViewIfNeeded();
  await calm();
  await page.screenshot({ path: shot('bulk-csv') });

  await page.goto('/connectivity/sims');
  await expect(page.getByRole('table', { name: 'SIMs' }).getByRole('row').nth(1)).toBeVisible();
  await calm();
  await page.screenshot({ path: shot('sims') });
  await page.getByRole('table', { name: 'SIMs' }).getByRole('row').nth(1).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^\d{19,20}$/);
  await expect(page.getByText('Truck 001')).toBeVisible();
  await calm();
  await page.screenshot({ path: shot('sim-detail') });

  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/devices');
  await expect(page.getByRole('row', { name: /Open device Asset tracker 001/ })).toBeVisible();
  await calm();
  await page.screenshot({ path: shot('devices-phone') });
  await page.goto('/connectivity/sims');
  await expect(page.getByRole('table', { name: 'SIMs' }).getByRole('row').nth(1)).toBeVisible();
  await calm();
  await page.screenshot({ path: shot('sims-phone') });
});
