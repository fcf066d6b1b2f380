import { expect, test } from '../fixtures.ts';
import { DEMO, signIn } from '../support/api.ts';
import { deviceByName, FIRST_FLOW, flowByName, PHONE, unlinkDestination } from '../support/pipeline.ts';
import { signInThroughForm } from '../support/sign-in.ts';

// The worker polls every second; on a busy machine a pipeline round trip takes a few seconds.
test.setTimeout(90_000);

/**
 * PRODUCT §6: a test endpoint shows what a receiver would get, with no server of one's own; the phone
 * is the device. Deliveries are made by the worker inside the e2e server, which polls every second, so
 * the inbox is waited for with retrying assertions.
 */
test('a temperature sent from the device simulator arrives in a test endpoint’s inbox with its headers', async ({
  page,
  request,
}) => {
  await signIn(request, DEMO.email, DEMO.password);
  const flow = await flowByName(request, FIRST_FLOW);
  const phone = await deviceByName(request, PHONE);
  const name = `E2E inbox ${Date.now().toString(36)}`;
  let destinationId: string | undefined;

  try {
    await signInThroughForm(page, DEMO.email, DEMO.password);
    await page.goto('/destinations');
    await page.getByRole('link', { name: 'Add destination' }).click();
    await page.getByText('Test endpoint', { exact: true }).click();
    await expect(page.getByRole('radio', { name: 'Test endpoint' })).toBeChecked();
    await page.getByRole('textbox', { name: 'Name' }).fill(name);
    await page.getByRole('button', { name: 'Create destination' }).click();
    await expect(page.getByRole('heading', { name, level: 1 })).toBeVisible();
    destinationId = page.url().split('/destinations/')[1]?.split(/[?#]/)[0];

    const link = page.getByRole('form', { name: 'Link a flow' });
    await link.getByRole('combobox', { name: 'Link a flow' }).click();
    await page.getByRole('option', { name: new RegExp(`^${FIRST_FLOW}`) }).click();
    await link.getByRole('button', { name: 'Link' }).click();
    await expect(
      page.getByRole('table', { name: 'Linked flows' }).getByRole('link', { name: FIRST_FLOW }),
    ).toBeVisible();

    // The phone: a fresh secret kept in this tab, then a temperature.
    await page.goto(`/simulator/${phone.id}`);
    await expect(page.getByRole('heading', { name: PHONE, level: 1 })).toBeVisible();
    await page.getByRole('button', { name: 'Generate a new secret' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Generate new secret' }).click();
    await expect(page.getByTestId('simulator-secret')).toHaveText(/.{32,}/);
    await expect(page.getByRole('switch', { name: 'Temperature' })).toBeChecked();
    await page.getByRole('slider', { name: 'Temperature' }).focus();
    await page.keyboard.press('ArrowRight');
    await expect(page.getByRole('slider', { name: 'Temperature' })).toHaveAttribute('aria-valuenow', '22');
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await expect(page.getByTestId('simulator-result')).toContainText('Accepted (202)');
    await expect(page.getByTestId('simulator-result')).toContainText(/Uplink [0-9a-f-]{36}/);

    await page.goto(`/destinations/${destinationId}?tab=inbox`);
    const inbox = page.getByRole('table', { name: 'Inbox' });
    const row = inbox.getByRole('row').filter({ hasText: 'temperature 22 Cel' });
    await expect(row).toBeVisible({ timeout: 20_000 });
    await expect(row).toContainText(phone.urn ?? '');
    await row.getByRole('button', { name: /^Show details of request received at/ }).click();
    const headers = page.getByRole('table', { name: 'Headers' });
    await expect(headers.getByRole('row').filter({ hasText: 'things-plug-uuid' })).toContainText(
      destinationId ?? '',
    );
    await expect(headers.getByRole('row').filter({ hasText: 'things-message-token' })).toContainText(
      /[0-9a-f]{64}/,
    );
    await expect(headers.getByRole('row').filter({ hasText: 'webhook-signature' })).toContainText(
      /v1,\S{40,}/,
    );
    await expect(page.getByTestId('inbox-body')).toContainText('"bn": "urn:dev:DVNUUID:');
  } finally {
    // Freemium allows three destination links: leave the demo flow as it was.
    if (destinationId) await unlinkDestination(request, flow.id, destinationId);
  }
});
