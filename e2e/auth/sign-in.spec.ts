import { expect, test } from '../fixtures.ts';
import { DEMO } from '../support/api.ts';

test.describe('signing in', () => {
  test('the demo admin signs in and lands in the app', async ({ page }) => {
    await page.goto('/login');
    await page.getByLabel('Email').fill(DEMO.email);
    await page.getByLabel('Password', { exact: true }).fill(DEMO.password);
    await page.getByRole('button', { name: 'Sign in' }).click();

    await expect(page).toHaveURL(/\/projects$/);
    await expect(page.getByRole('heading', { name: 'Projects', level: 1 })).toBeVisible();
    await expect(page.getByRole('banner').getByText(DEMO.name)).toBeVisible();

    await page.getByRole('button', { name: `Account of ${DEMO.name}` }).click();
    await expect(page.getByRole('menu').getByText(DEMO.email)).toBeVisible();
  });

  test('a wrong password shows the error inline and stays on the login page', async ({
    page,
    consoleGuard,
  }) => {
    consoleGuard.allowHttpError({ status: 401, url: /\/api\/auth\/login$/ });
    await page.goto('/login');
    await page.getByLabel('Email').fill(DEMO.email);
    await page.getByLabel('Password', { exact: true }).fill('Not-the-password-1');
    await page.getByRole('button', { name: 'Sign in' }).click();

    await expect(page.getByRole('alert')).toHaveText('Incorrect email address or password');
    await expect(page).toHaveURL(/\/login$/);
    await expect(page.getByLabel('Password', { exact: true })).toHaveValue('Not-the-password-1');
  });

  test('fields are checked before anything is sent', async ({ page }) => {
    let sent = false;
    page.on('request', (request) => {
      if (request.url().endsWith('/api/auth/login')) sent = true;
    });
    await page.goto('/login');
    await page.getByLabel('Email').fill('not-an-email');
    await page.getByRole('button', { name: 'Sign in' }).click();

    await expect(page.getByText('Enter a valid email address')).toBeVisible();
    await expect(page.getByText('Enter your password')).toBeVisible();
    expect(sent).toBe(false);
  });

  test('a visit without a session goes to the login page and comes back after signing in', async ({
    page,
    consoleGuard,
  }) => {
    consoleGuard.allowHttpError({ status: 401, url: /\/api\/auth\/me$/ });
    await page.goto('/projects?sort=-createdAt');
    await expect(page).toHaveURL(/\/login\?next=/);

    await page.getByLabel('Email').fill(DEMO.email);
    await page.getByLabel('Password', { exact: true }).fill(DEMO.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(/\/projects\?sort=-createdAt$/);
  });

  test('logging out ends the session', async ({ page, consoleGuard }) => {
    consoleGuard.allowHttpError({ status: 401, url: /\/api\/auth\/me$/ });
    await page.goto('/login');
    await page.getByLabel('Email').fill(DEMO.email);
    await page.getByLabel('Password', { exact: true }).fill(DEMO.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('heading', { name: 'Projects', level: 1 })).toBeVisible();

    await page.getByRole('button', { name: `Account of ${DEMO.name}` }).click();
    await page.getByRole('menuitem', { name: 'Log out' }).click();
    await expect(page).toHaveURL(/\/login$/);

    await page.goto('/projects');
    await expect(page).toHaveURL(/\/login\?next=%2Fprojects$/);
  });
});
