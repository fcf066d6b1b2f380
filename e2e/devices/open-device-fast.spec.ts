import { expect, test } from '../fixtures.ts';
import { DEMO } from '../support/api.ts';
import { signInThroughForm } from '../support/sign-in.ts';

/**
 * Opening a device from the table waits for nothing it could have had earlier: the page's code is
 * loaded while the table is idle, and the device, its network adapters and the device types are
 * requested together when the address changes — not one after another as each render asks.
 */
test('opening a device loads its page code in advance and its data in parallel', async ({ page }) => {
  const requested: string[] = [];
  page.on('request', (request) => requested.push(new URL(request.url()).pathname));

  await signInThroughForm(page, DEMO.email, DEMO.password);
  await page
    .getByRole('navigation', { name: 'Main menu' })
    .getByRole('link', { name: 'All devices' })
    .click();
  const table = page.getByRole('table', { name: 'Devices' });
  await page.getByRole('textbox', { name: 'Search devices' }).fill('Truck 001');
  const row = table.getByRole('row', { name: 'Open device Truck 001' });
  await expect(row).toBeVisible();

  // The device page's code arrives before anyone clicks.
  await expect
    .poll(() => requested.some((path) => /\/assets\/device-page-[\w-]+\.js$/.test(path)))
    .toBe(true);

  // The device's own answer is held back: its adapters must be asked for meanwhile, not after it.
  let releaseDevice = () => {};
  const deviceHeld = new Promise<void>((resolve) => {
    releaseDevice = resolve;
  });
  let adaptersAskedWhileDeviceHeld = false;
  let deviceAnswered = false;
  await page.route(/\/api\/devices\/[0-9a-f-]{36}$/, async (route) => {
    await deviceHeld;
    deviceAnswered = true;
    await route.continue();
  });
  await page.route(/\/api\/devices\/[0-9a-f-]{36}\/network-adapters$/, async (route) => {
    if (!deviceAnswered) adaptersAskedWhileDeviceHeld = true;
    await route.continue();
  });

  await row.click();
  await expect.poll(() => adaptersAskedWhileDeviceHeld).toBe(true);
  await expect(page.getByRole('heading', { name: 'Truck 001', level: 1 })).toHaveCount(0);
  releaseDevice();
  await expect(page.getByRole('heading', { name: 'Truck 001', level: 1 })).toBeVisible();
  await expect(page.getByRole('tab', { name: 'Overview', selected: true })).toBeVisible();
  await expect(page.getByRole('tab', { name: 'M2M' })).toBeVisible();
});
