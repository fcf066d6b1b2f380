import { join } from 'node:path';
import { expect, test } from '../fixtures.ts';
import { repoRoot } from '../server.ts';
import { apiPost, DEMO, signIn } from '../support/api.ts';
import { signInThroughForm } from '../support/sign-in.ts';

// Pictures of the LoRa integrations page for docs/screenshots, taken on request (`pnpm --filter
// @openthings/e2e screenshots`): the list, and the secret and ChirpStack setup shown once after adding.
const shot = (name: string) => join(repoRoot, 'docs/screenshots', `${name}.png`);

test('LoRa integrations: the list and a new ChirpStack integration', async ({ page, request }) => {
  await signIn(request, DEMO.email, DEMO.password);
  await apiPost(request, '/api/lora/integrations', { kind: 'thingpark', name: 'KPN ThingPark – cold chain' });
  await apiPost(request, '/api/lora/integrations', {
    kind: 'chirpstack',
    name: 'ChirpStack – office sensors',
  });

  await signInThroughForm(page, DEMO.email, DEMO.password);
  await page.goto('/lora/integrations');
  await expect(page.getByRole('row', { name: /^Open LoRa integration/ })).toHaveCount(2);
  await page.mouse.move(0, 0);
  await page.screenshot({ path: shot('lora-integrations') });

  await page.getByRole('button', { name: 'Add integration' }).first().click();
  const form = page.getByRole('dialog', { name: 'Add LoRa integration' });
  await form.getByRole('radio', { name: /ChirpStack v4/ }).click();
  await form.getByRole('textbox', { name: 'Name' }).fill('ChirpStack – parking sensors');
  await form.getByRole('button', { name: 'Add integration' }).click();
  await expect(page.getByTestId('value-Secret')).toBeVisible();
  await page.setViewportSize({ width: 1366, height: 1100 });
  await page.mouse.move(0, 0);
  await page.screenshot({ path: shot('lora-integration-created') });
});
