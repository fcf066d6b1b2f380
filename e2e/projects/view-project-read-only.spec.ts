import { expect, test } from '../fixtures.ts';
import { createUser, DEMO, signIn, uniqueEmail } from '../support/api.ts';
import { signInThroughForm } from '../support/sign-in.ts';

test('a read-only user sees the project overview without an Edit button', async ({ page, request }) => {
  await signIn(request, DEMO.email, DEMO.password);
  const reader = { email: uniqueEmail('reader'), name: 'Rita Reader', password: 'Read-Only-2026!' };
  await createUser(request, { ...reader, roles: ['manager:read'] });

  await signInThroughForm(page, reader.email, reader.password);
  await expect(page.getByRole('banner').getByText(reader.name)).toBeVisible();
  // Users is an administrator's page: not in this user's menu.
  const menu = page.getByRole('navigation', { name: 'Main menu' });
  await expect(menu.getByRole('link', { name: 'Projects' })).toBeVisible();
  await expect(menu.getByRole('link', { name: 'Users' })).toHaveCount(0);

  await page.getByRole('row', { name: 'Open project Fleet demo' }).click();
  await expect(page.getByRole('heading', { name: 'Fleet demo', level: 1 })).toBeVisible();
  await expect(page.getByText('A demo fleet of sensors and trackers')).toBeVisible();
  await expect(page.getByText('Modular').first()).toBeVisible();
  await expect(page.getByRole('button', { name: 'Edit' })).toHaveCount(0);
});
