import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page as ApiPage, Device, HistoryUplink } from '@openthings/domain';
import type { APIRequestContext } from '@playwright/test';
import { expect, test } from '../fixtures.ts';
import { baseURL, repoRoot } from '../server.ts';
import { apiDelete, apiGet, apiPost, DEMO, projectByName, signIn } from '../support/api.ts';
import { flowByName } from '../support/pipeline.ts';
import { signInThroughForm } from '../support/sign-in.ts';

// The uplink is stored before the webhook answers; the history shows it on its next refresh.
test.setTimeout(90_000);

interface LnsCase {
  id: string;
  input: {
    query: { event: string };
    body: Record<string, unknown> & { deviceInfo: Record<string, unknown> };
  };
  expected_extracted: { payloadHex: string; rssi: number; snr: number };
}

// The real ChirpStack v4 `up` event of the test vectors (packages/domain/test/vectors).
const vectors = JSON.parse(
  readFileSync(join(repoRoot, 'packages/domain/test/vectors/lns-uplinks.json'), 'utf8'),
) as {
  cases: LnsCase[];
};
const chirpStackUp = vectors.cases.find((c) => c.id === 'chirpstack-v4-up-event')!;

/** The vector's event as ChirpStack would send it now, for a device of this account. */
function upEvent(devEui: string): string {
  const body = structuredClone(chirpStackUp.input.body);
  body.deviceInfo.devEui = devEui.toLowerCase();
  body.time = new Date().toISOString();
  return JSON.stringify(body);
}

/** A LoRa device with a DevEUI no run has used, in a flow of the demo fleet so its uplinks are decoded. */
async function newLoraDevice(request: APIRequestContext): Promise<{ device: Device; devEui: string }> {
  const project = await projectByName(request, 'Fleet demo');
  const flow = await flowByName(request, 'Fleet telemetry');
  const devEui = `70B3D5${randomBytes(5).toString('hex').toUpperCase()}`;
  const device = await apiPost<Device>(request, '/api/devices', {
    projectId: project.id,
    deviceTypeId: 'generic-lora-preset',
    name: `E2E LoRa ${devEui}`,
    description: 'Sends through a ChirpStack integration made by the e2e suite.',
  });
  await apiPost(request, `/api/devices/${device.id}/network-adapters`, {
    type: 'LORA',
    devEui,
    appEui: '70B3D57ED0000000',
    appKey: randomBytes(16).toString('hex').toUpperCase(),
  });
  const link = await request.post(`/api/device-groups/${flow.id}/devices/${device.id}`, {
    headers: { Origin: baseURL },
  });
  expect(link.status()).toBe(204);
  return { device, devEui };
}

/** Posts as ChirpStack's HTTP integration does: `?event=up`, JSON, the bearer header it was given. */
function postUp(request: APIRequestContext, url: string, secret: string, body: string) {
  return request.post(`${url}?event=up`, {
    headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
    data: body,
  });
}

test('a ChirpStack integration made on the page receives a real up event until it is deleted', async ({
  page,
  request,
  context,
}) => {
  await signIn(request, DEMO.email, DEMO.password);
  const { device, devEui } = await newLoraDevice(request);
  const name = `E2E ChirpStack ${Date.now().toString(36)}`;
  let integrationId: string | undefined;

  try {
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseURL });
    await signInThroughForm(page, DEMO.email, DEMO.password);
    await page
      .getByRole('navigation', { name: 'Main menu' })
      .getByRole('link', { name: 'LoRa integrations' })
      .click();
    await expect(page.getByRole('heading', { name: 'LoRa integrations', level: 1 })).toBeVisible();

    // Create: kind and name, then the secret and the setup, once.
    await page.getByRole('button', { name: 'Add integration' }).first().click();
    const form = page.getByRole('dialog', { name: 'Add LoRa integration' });
    await form.getByRole('radio', { name: /ChirpStack v4/ }).click();
    await form.getByRole('textbox', { name: 'Name' }).fill(name);
    await form.getByRole('button', { name: 'Add integration' }).click();

    const created = page.getByRole('dialog', { name: `Integration "${name}" added` });
    await expect(created.getByText('Copy the secret now: it will not be shown again')).toBeVisible();
    const url = (await created.getByTestId('value-Webhook URL').textContent()) ?? '';
    expect(url).toMatch(new RegExp(`^${baseURL}/ingestion/lora/chirpstack/v1/[0-9a-f-]{36}$`));
    integrationId = url.split('/').at(-1);
    const secret = (await created.getByTestId('value-Secret').textContent()) ?? '';
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    await created.getByRole('button', { name: 'Copy Secret' }).click();
    await expect(created.getByRole('button', { name: 'Secret copied' })).toBeVisible();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
    // What ChirpStack needs: the URL as it is, JSON, and the bearer header.
    await expect(created.getByTestId('value-Event endpoint URL')).toHaveText(url);
    await expect(created.getByTestId('value-Payload encoding')).toHaveText('JSON');
    await expect(created.getByTestId('value-Header value')).toHaveText(`Bearer ${secret}`);
    await created.getByRole('button', { name: 'I have copied the secret' }).click();
    await expect(created).toBeHidden();
    const row = page.getByRole('row', { name: `Open LoRa integration ${name}` });
    await expect(row).toContainText(url);
    await expect(row).toContainText('ChirpStack v4');
    await expect(page.getByText(secret)).toHaveCount(0);

    // ChirpStack posts: a wrong secret is refused, the right one stores the uplink.
    const wrong = await postUp(request, url, `${secret}x`, upEvent(devEui));
    expect(wrong.status()).toBe(401);
    const accepted = await postUp(request, url, secret, upEvent(devEui));
    expect(accepted.status(), await accepted.text()).toBe(202);
    const uplinkId = accepted.headers()['x-uplink-id'];
    expect(uplinkId).toMatch(/^[0-9a-f-]{36}$/);

    const uplinks = await apiGet<ApiPage<HistoryUplink>>(request, `/api/devices/${device.id}/uplinks`);
    const stored = uplinks.data.find((u) => u.id === uplinkId);
    expect(stored).toMatchObject({
      connector: 'lora-chirpstack',
      payloadHex: chirpStackUp.expected_extracted.payloadHex,
    });
    expect(JSON.stringify(stored?.metadata)).toContain(`"rssi":${chirpStackUp.expected_extracted.rssi}`);

    // The device's data history shows it.
    await page.goto(`/devices/${device.id}?tab=history`);
    const history = page.getByRole('table', { name: 'Uplinks' });
    await expect(history.getByRole('row').filter({ hasText: 'lora-chirpstack' })).toHaveCount(1, {
      timeout: 20_000,
    });

    // Detail: the same setup without the secret, then delete with a confirmation.
    await page.goto('/lora/integrations');
    await page.getByRole('row', { name: `Open LoRa integration ${name}` }).click();
    await expect(page.getByRole('heading', { name, level: 1 })).toBeVisible();
    await expect(page.getByTestId('webhook-url')).toHaveText(url);
    await expect(page.getByTestId('value-Header value')).toHaveText('Bearer <secret>');
    await expect(page.getByText(secret)).toHaveCount(0);
    await page.getByRole('button', { name: 'Delete', exact: true }).click();
    const confirm = page.getByRole('dialog', { name: 'Delete LoRa integration' });
    await expect(confirm).toContainText('its webhook refuses uplinks from then on');
    await confirm.getByRole('button', { name: 'Delete integration' }).click();
    await expect(page).toHaveURL(/\/lora\/integrations$/);
    await expect(page.getByRole('row', { name: `Open LoRa integration ${name}` })).toHaveCount(0);
    integrationId = undefined;

    const refused = await postUp(request, url, secret, upEvent(devEui));
    expect(refused.status()).toBeGreaterThanOrEqual(400);
    expect(refused.status()).toBeLessThan(500);
    expect(((await refused.json()) as { code: string }).code).toBe('lora.unknown_integration');
  } finally {
    if (integrationId) await apiDelete(request, `/api/lora/integrations/${integrationId}`);
    await apiDelete(request, `/api/devices/${device.id}`);
  }
});
