import mqtt from 'mqtt';
import { expect, test } from '../fixtures.ts';
import { DEMO } from '../support/api.ts';
import { signInThroughForm } from '../support/sign-in.ts';

/**
 * A new user gives a device MQTT access in the portal and the device — MQTT.js, a client nobody here
 * wrote, over WebSocket at /mqtt on the portal's own address — logs in with the password the page
 * showed once, publishes SenML, and the measurement appears on the device's Data history tab.
 */
test('give a device MQTT access in the portal, then connect it over WebSocket and see its data', async ({
  page,
  baseURL,
}) => {
  await signInThroughForm(page, DEMO.email, DEMO.password);
  await page
    .getByRole('navigation', { name: 'Main menu' })
    .getByRole('link', { name: 'All devices' })
    .click();
  await page.getByRole('textbox', { name: 'Search devices' }).fill('Truck 003');
  await page
    .getByRole('table', { name: 'Devices' })
    .getByRole('row', { name: 'Open device Truck 003' })
    .click();
  await expect(page.getByRole('heading', { name: 'Truck 003', level: 1 })).toBeVisible();
  await page.getByRole('tab', { name: 'Configuration' }).click();

  const card = page.locator('section').filter({ has: page.getByRole('heading', { name: 'MQTT access' }) });
  await expect(card.getByText('No MQTT access yet')).toBeVisible();
  const origin = new URL(baseURL!);
  await expect(card.getByText(`ws://${origin.host}/mqtt`)).toBeVisible();
  await page.getByRole('button', { name: 'Give MQTT access' }).click();
  const username = (await page.getByTestId('revealed-MQTT user name').textContent())!.trim();
  const password = (await page.getByTestId('revealed-MQTT password').textContent())!.trim();
  expect(username).toMatch(/^urn:dev:IMEI:\d{15}:$/);
  expect(password).toMatch(/^[A-Za-z0-9_-]{32}$/);
  await page.getByRole('button', { name: 'I have copied it' }).click();
  await expect(card.getByText('Set (not shown)')).toBeVisible();

  const device = await mqtt.connectAsync(`ws://${origin.host}/mqtt`, {
    protocolVersion: 5,
    username,
    password,
    reconnectPeriod: 0,
    connectTimeout: 10_000,
  });
  try {
    await device.publishAsync(
      `devices/${username}/up`,
      JSON.stringify([{ n: 'mqttProbe', u: 'Cel', v: 42.5 }]),
      {
        qos: 1,
      },
    );
  } finally {
    await device.endAsync();
  }

  await page.getByRole('tab', { name: 'Data history' }).click();
  await expect(page.getByText('mqttProbe').first()).toBeVisible({ timeout: 20_000 });
});
