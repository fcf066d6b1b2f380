import { expect, test } from '../fixtures.ts';
import { DEMO } from '../support/api.ts';
import { signInThroughForm } from '../support/sign-in.ts';

test('an unknown address says so inside the app and leads back home', async ({ page }) => {
  await signInThroughForm(page, DEMO.email, DEMO.password);
  await page.goto('/no-such-page');
  await expect(page.getByText('Page not found')).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Main menu' })).toBeVisible();

  await page.getByRole('link', { name: 'Go to the start page' }).click();
  await expect(page).toHaveURL(/\/projects$/);
  await expect(page.getByRole('heading', { name: 'Projects', level: 1 })).toBeVisible();
});

test('a project that does not exist is reported as not found', async ({ page, consoleGuard }) => {
  consoleGuard.allowHttpError({ status: 404, url: /\/api\/projects\/[0-9a-f-]+$/ });
  await signInThroughForm(page, DEMO.email, DEMO.password);
  await page.goto('/projects/00000000-0000-4000-8000-000000000000');
  await expect(page.getByRole('alert')).toContainText('Project not found');
  await page.getByRole('link', { name: 'All projects' }).click();
  await expect(page.getByRole('table', { name: 'Projects' })).toBeVisible();
});
