import { expect, test } from '../fixtures.ts';
import { DEMO } from '../support/api.ts';
import { signInThroughForm } from '../support/sign-in.ts';

test('the portal is a well-formed document: language, description, a private robots.txt', async ({
  page,
  request,
}) => {
  await page.goto('/login');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.locator('meta[name="description"]')).toHaveAttribute('content', /OpenThings/);

  const robots = await request.get('/robots.txt');
  expect(robots.status()).toBe(200);
  expect(robots.headers()['content-type']).toContain('text/plain');
  // A private portal: no crawler indexes it.
  expect(await robots.text()).toMatch(/User-agent: \*\s+Disallow: \//);
});

test('nothing breaks the Content-Security-Policy: forms validate without eval', async ({ page }) => {
  await page.addInitScript(() => {
    (window as unknown as { cspViolations: string[] }).cspViolations = [];
    document.addEventListener('securitypolicyviolation', (event) => {
      (window as unknown as { cspViolations: string[] }).cspViolations.push(
        `${event.violatedDirective}: ${event.blockedURI}`,
      );
    });
  });
  // Signing in validates the form with zod; the devices page parses every answer with it.
  await signInThroughForm(page, DEMO.email, DEMO.password);
  await page.goto('/devices');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await page.getByRole('link', { name: 'Add device' }).first().click();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  const violations = await page.evaluate(
    () => (window as unknown as { cspViolations: string[] }).cspViolations,
  );
  expect(violations).toEqual([]);
});
