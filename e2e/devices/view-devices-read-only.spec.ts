import { expect, test } from '../fixtures.ts';
import { createUser, DEMO, signIn, uniqueEmail } from '../support/api.ts';
import { signInThroughForm } from '../support/sign-in.ts';

test('a read-only user sees devices and SIMs but nothing that changes them', async ({ page, request }) => {
  await signIn(request, DEMO.email, DEMO.password);
  const reader = { email: uniqueEmail('device-reader'), name: 'Dirk Reader', password: 'Read-Only-2026!' };
  await createUser(request, { ...reader, roles: ['manager:read'] });

  await signInThroughForm(page, reader.email, reader.password);
  const menu = page.getByRole('navigation', { name: 'Main menu' });
  await expect(menu.getByRole('link', { name: 'All devices' })).toBeVisible();
  await expect(menu.getByRole('link', { name: 'Bulk reports' })).toBeVisible();
  await expect(menu.getByRole('link', { name: 'M2M SIMs' })).toBeVisible();

  await menu.getByRole('link', { name: 'All devices' }).click();
  const table = page.getByRole('table', { name: 'Devices' });
  await page.getByRole('textbox', { name: 'Search devices' }).fill('Truck 001');
  await expect(table.getByRole('row', { name: 'Open device Truck 001' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Add device' })).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Bulk by CSV' })).toHaveCount(0);
  await expect(page.getByRole('checkbox', { name: 'Select all on this page' })).toHaveCount(0);

  await table.getByRole('row', { name: 'Open device Truck 001' }).click();
  await expect(page.getByRole('heading', { name: 'Truck 001', level: 1 })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Deactivate' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Delete' })).toHaveCount(0);
  await page.getByRole('tab', { name: 'M2M' }).click();
  await expect(page.getByText('Communication plan')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Switch SIM' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Regenerate shared secret' })).toHaveCount(0);

  await page.getByRole('link', { name: /^\d{19,20}$/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^\d{19,20}$/);
  await expect(page.getByRole('button', { name: 'Change status' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Swap SIM' })).toHaveCount(0);
});
