import { join } from 'node:path';
import { expect, test } from '../fixtures.ts';
import { repoRoot } from '../server.ts';
import { DEMO } from '../support/api.ts';
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
