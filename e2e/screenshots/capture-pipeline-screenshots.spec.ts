import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { expect, test } from '../fixtures.ts';
import { repoRoot } from '../server.ts';
import { apiPost, DEMO, signIn } from '../support/api.ts';
import {
  deviceByName,
  FIRST_FLOW,
  flowByName,
  linkDestination,
  newDeviceSecret,
  PHONE,
  sendUplink,
  unlinkDestination,
} from '../support/pipeline.ts';
import { signInThroughForm } from '../support/sign-in.ts';

// Pictures of the data pipeline pages for docs/screenshots, taken on request (`pnpm --filter
// @openthings/e2e screenshots`): destinations, a delivery log, a test endpoint's inbox, and the device
// simulator on a phone.
const shot = (name: string) => join(repoRoot, 'docs/screenshots', `${name}.png`);

test.setTimeout(120_000);

/** A receiver that answers each path with its status: /ok 200 (after a 503 the first time), /gone 410. */
async function startReceiver(): Promise<{ base: string; server: Server }> {
  let first = true;
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const status = req.url === '/gone' ? 410 : first ? 503 : 200;
      first = false;
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(status === 200 ? '{"received":true}' : `{"error":"status ${status}"}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

interface Created {
  destination: { id: string };
}

test('destinations, delivery log, inbox and the device simulator', async ({ page, request, browser }) => {
  await signIn(request, DEMO.email, DEMO.password);
  const flow = await flowByName(request, FIRST_FLOW);
  const phone = await deviceByName(request, PHONE);
  const receiver = await startReceiver();
  const linked: string[] = [];
  try {
    const warehouse = await apiPost<Created>(request, '/api/destinations', {
      kind: 'HTTPS',
      name: 'Warehouse API',
      description: 'Stock levels and cold-chain alarms for the warehouse system.',
      config: {
        url: `${receiver.base}/ok`,
        method: 'POST',
        headers: { 'X-Tenant': 'north' },
        auth: { type: 'none' },
      },
    });
    const inbox = await apiPost<Created>(request, '/api/destinations', { kind: 'TEST', name: 'Test inbox' });
    const gone = await apiPost<Created>(request, '/api/destinations', {
      kind: 'HTTPS',
      name: 'Old dashboard',
      config: { url: `${receiver.base}/gone`, method: 'POST', headers: {}, auth: { type: 'none' } },
    });
    await apiPost(request, '/api/destinations', {
      kind: 'MQTT',
      name: 'Plant broker',
      config: { url: 'mqtts://broker.example.com:8883', topic: 'things/{deviceId}/up', qos: 1 },
    });
    for (const d of [warehouse, inbox, gone]) {
      await linkDestination(request, flow.id, d.destination.id);
      linked.push(d.destination.id);
    }
    const device = await newDeviceSecret(request, phone.id);
    const now = Math.floor(Date.now() / 1000);
    for (const [i, temperature] of [19.5, 20.25, 21].entries()) {
      await sendUplink(
        JSON.stringify([
          { bn: device.urn, bt: now - 120 + i * 60, n: 'temperature', u: 'Cel', v: temperature },
          { n: 'batteryLevel', u: '%EL', v: 91 - i },
        ]),
        device.secret,
      );
    }

    await signInThroughForm(page, DEMO.email, DEMO.password);
    await page.goto('/destinations');
    await expect(page.getByRole('row', { name: 'Open destination Old dashboard' })).toContainText(
      '410 Gone',
      {
        timeout: 30_000,
      },
    );
    await page.mouse.move(0, 0);
    await page.screenshot({ path: shot('destinations') });

    await page.goto(`/destinations/${warehouse.destination.id}?tab=log`);
    const log = page.getByRole('table', { name: 'Delivery log' });
    await expect(log.getByRole('row').filter({ hasText: '503' })).toBeVisible({ timeout: 30_000 });
    await expect(log.getByRole('row').filter({ hasText: '200' }).first()).toBeVisible({ timeout: 30_000 });
    await log
      .getByRole('button', { name: /^Show details of attempt at/ })
      .first()
      .click();
    await page.mouse.move(0, 0);
    await page.screenshot({ path: shot('destination-delivery-log') });

    await page.goto(`/destinations/${inbox.destination.id}?tab=inbox`);
    const requests = page.getByRole('table', { name: 'Inbox' });
    await expect(requests.getByRole('row')).toHaveCount(4, { timeout: 30_000 });
    await requests
      .getByRole('button', { name: /^Show details of request received at/ })
      .first()
      .click();
    await page.mouse.move(0, 0);
    await page.screenshot({ path: shot('destination-inbox') });

    const phoneContext = await browser.newContext({
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
      locale: 'en-GB',
      timezoneId: 'Europe/Amsterdam',
      geolocation: { latitude: 52.0907, longitude: 5.1214, accuracy: 12 },
      permissions: ['geolocation'],
    });
    const mobile = await phoneContext.newPage();
    await signInThroughForm(mobile, DEMO.email, DEMO.password);
    await mobile.goto(`/simulator/${phone.id}`);
    await mobile.getByLabel(`Shared secret of ${PHONE}`).fill(device.secret);
    await mobile.getByRole('button', { name: 'Use this secret' }).click();
    await mobile.getByRole('switch', { name: 'Location' }).check();
    await mobile.getByRole('switch', { name: 'Battery' }).check();
    await expect(mobile.getByTestId('simulator-location')).toContainText('52.0907');
    await mobile.getByRole('button', { name: 'Send', exact: true }).click();
    await expect(mobile.getByTestId('simulator-result')).toContainText('Accepted (202)');
    await mobile.screenshot({ path: shot('device-simulator') });
    await phoneContext.close();
  } finally {
    for (const id of linked) await unlinkDestination(request, flow.id, id);
    await new Promise((resolve) => receiver.server.close(resolve));
  }
});
