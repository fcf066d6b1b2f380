import type { Page } from '@playwright/test';
import { expect, test } from '../fixtures.ts';
import { apiGet, DEMO, signIn } from '../support/api.ts';
import { uniqueImei, withWrongCheckDigit } from '../support/identifiers.ts';
import { signInThroughForm } from '../support/sign-in.ts';

/** Steps 1 and 2 of the wizard: the type, then name and project. */
async function startDevice(page: Page, type: string, name: string) {
  await page.goto('/devices');
  await page.getByRole('link', { name: 'Add device' }).click();
  await expect(page.getByRole('heading', { name: 'Add device', level: 1 })).toBeVisible();
  await page.getByRole('radio', { name: new RegExp(type.replace(/[()]/g, '\\$&')) }).check();
  await page.getByRole('button', { name: 'Next' }).click();
  const details = page.getByRole('form', { name: 'Device details' });
  await details.getByRole('textbox', { name: 'Name' }).fill(name);
  await details.getByRole('combobox', { name: 'Project' }).click();
  await page.getByRole('option', { name: 'Fleet demo' }).click();
  await details.getByRole('button', { name: 'Add device' }).click();
  await expect(page.getByRole('form', { name: 'Network information' })).toBeVisible();
}

const unique = (prefix: string) => `${prefix} ${Date.now().toString(36)}`;

test.describe('adding a device through the wizard', () => {
  test.beforeEach(async ({ page }) => {
    await signInThroughForm(page, DEMO.email, DEMO.password);
  });

  test('a programmable LoRa device gets generated keys, shown once', async ({ page }) => {
    const name = unique('E2E LoRa');
    await startDevice(page, 'Generic LoRa device (programmable)', name);
    await page.getByRole('button', { name: 'Generate network info' }).click();

    await expect(page.getByText(/not retrievable after closing/)).toBeVisible();
    await expect(page.getByTestId('revealed-DevEUI')).toHaveText(/^[0-9A-F]{16}$/);
    await expect(page.getByTestId('revealed-AppEUI')).toHaveText(/^[0-9A-F]{16}$/);
    const appKey = (await page.getByTestId('revealed-AppKey').textContent()) ?? '';
    expect(appKey).toMatch(/^[0-9A-F]{32}$/);
    await expect(page.getByRole('button', { name: 'Copy AppKey' })).toBeVisible();

    await page.getByRole('button', { name: 'Finish' }).click();
    await expect(page.getByRole('heading', { name, level: 1 })).toBeVisible();
    await page.getByRole('tab', { name: 'LoRa' }).click();
    await expect(page.getByText('AppKey')).toBeVisible();
    await expect(page.getByText('Set (not shown)')).toBeVisible();
    // The secret is gone for good once the wizard is closed.
    await expect(page.getByText(appKey)).toHaveCount(0);
  });

  test('an M2M device takes a SIM of the account; wrong and taken IMEIs are refused on the field', async ({
    page,
    request,
    consoleGuard,
  }) => {
    await signIn(request, DEMO.email, DEMO.password);
    const free = await apiGet<{ data: { iccid: string; status: string }[] }>(request, '/api/sims', {
      linked: 'false',
      limit: 500,
    });
    const sim = free.data.find((s) => s.status !== 'RETIRED');
    if (!sim) throw new Error('The demo account has no free SIM');
    const taken = await apiGet<{ data: { primaryIdentifier: string }[] }>(request, '/api/devices', {
      networkType: 'M2M',
      limit: 1,
    });

    const name = unique('E2E M2M');
    await startDevice(page, 'Own M2M device', name);
    const form = page.getByRole('form', { name: 'Network information' });
    const imei = uniqueImei();
    await form.getByRole('textbox', { name: 'IMEI' }).fill(withWrongCheckDigit(imei));
    await form.getByRole('combobox', { name: 'SIM (ICCID)' }).click();
    await form.getByRole('combobox', { name: 'SIM (ICCID)' }).fill(sim.iccid.slice(-6));
    await page.getByRole('option', { name: sim.iccid }).click();
    await form.getByRole('button', { name: 'Add network info' }).click();
    await expect(
      form.getByText('This IMEI is not valid: its check digit does not match (Luhn)'),
    ).toBeVisible();

    // Already registered on the platform: the server says so on the field.
    consoleGuard.allowHttpError({ status: 409, url: /\/network-adapters$/ });
    await form.getByRole('textbox', { name: 'IMEI' }).fill(taken.data[0]?.primaryIdentifier ?? '');
    await form.getByRole('button', { name: 'Add network info' }).click();
    await expect(form.getByText('The network identifier already exists for this network type')).toBeVisible();

    await form.getByRole('textbox', { name: 'IMEI' }).fill(imei);
    await form.getByRole('button', { name: 'Add network info' }).click();
    await expect(page.getByText(/not retrievable after closing/)).toBeVisible();
    await expect(page.getByTestId('revealed-IMEI')).toHaveText(imei);
    await expect(page.getByTestId('revealed-ICCID')).toHaveText(sim.iccid);
    expect((await page.getByTestId('revealed-Shared secret').textContent())?.length).toBeGreaterThanOrEqual(
      32,
    );

    await page.getByRole('button', { name: 'Finish' }).click();
    await expect(page.getByRole('heading', { name, level: 1 })).toBeVisible();
    await page.getByRole('tab', { name: 'M2M' }).click();
    await expect(page.getByRole('link', { name: sim.iccid })).toBeVisible();
    await expect(page.getByText(imei, { exact: true })).toBeVisible();
  });

  test('an Internet device keeps its prefilled DvnUUID and a generated secret', async ({ page }) => {
    const name = unique('E2E Internet');
    await startDevice(page, 'Generic device (Internet connected)', name);
    const form = page.getByRole('form', { name: 'Network information' });
    const dvnUuid = await form.getByRole('textbox', { name: 'DvnUUID' }).inputValue();
    expect(dvnUuid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    await form.getByRole('button', { name: 'Generate' }).click();
    expect(
      (await form.getByRole('textbox', { name: 'Shared secret' }).inputValue()).length,
    ).toBeGreaterThanOrEqual(32);
    await form.getByRole('button', { name: 'Add network info' }).click();

    // The secret was chosen here, so nothing is left to reveal: straight to the device.
    await expect(page.getByRole('heading', { name, level: 1 })).toBeVisible();
    await page.getByRole('tab', { name: 'Configuration' }).click();
    await expect(page.getByText(dvnUuid).first()).toBeVisible();
    await page.getByRole('tab', { name: 'Overview' }).click();
    await expect(page.getByText('Not yet linked').first()).toBeVisible();
  });
});
