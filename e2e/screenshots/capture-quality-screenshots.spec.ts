import { join } from 'node:path';
import { expect, test } from '../fixtures.ts';
import { repoRoot } from '../server.ts';
import { DEMO, signIn } from '../support/api.ts';
import { scrollSideways } from '../support/scroll.ts';

// Pictures of the portal on a laptop and on a phone for docs/screenshots (docs/accessibility.md), taken
// on request (`pnpm --filter @openthings/e2e screenshots`).
const shot = (name: string) => join(repoRoot, 'docs/screenshots', `${name}.png`);

test('the devices table and a device on a laptop (1280×800), with keyboard focus shown', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await signIn(page.request, DEMO.email, DEMO.password);
  await page.goto('/devices');
  const rows = page.getByRole('table', { name: 'Devices' }).locator('tbody tr[tabindex="0"]');
  await expect(rows.first()).toBeVisible();
  await page.locator('body').focus();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Skip to content' })).toBeFocused();
  await page.screenshot({ path: shot('laptop-skip-link') });
  await rows.nth(1).focus();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Shift+Tab');
  await page.screenshot({ path: shot('laptop-devices-focus') });
});

test('the devices table and a device page on a phone (390×844)', async ({ browser }) => {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
  });
  const page = await context.newPage();
  await signIn(page.request, DEMO.email, DEMO.password);
  await page.goto('/devices');
  const grid = page.getByRole('table', { name: 'Devices' });
  await expect(grid.locator('tbody tr').first()).toBeVisible();
  await page.screenshot({ path: shot('phone-devices') });
  // Scrolled sideways: the names stay.
  await scrollSideways(grid, 320);
  await page.screenshot({ path: shot('phone-devices-scrolled') });
  await grid.locator('tbody tr[tabindex="0"]').first().click();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await page.waitForLoadState('networkidle');
  await page.screenshot({ path: shot('phone-device') });
  await context.close();
});
