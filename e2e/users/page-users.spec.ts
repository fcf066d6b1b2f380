import { expect, test } from '../fixtures.ts';
import { createUser, DEMO, signIn, uniqueEmail } from '../support/api.ts';
import { signInThroughForm } from '../support/sign-in.ts';

test('the users table pages with cursors, keeps its place in the URL and changes page size', async ({
  page,
  request,
}) => {
  await signIn(request, DEMO.email, DEMO.password);
  for (let i = 0; i < 11; i++) {
    await createUser(request, {
      email: uniqueEmail(`pager-${i}`),
      name: `Pager ${String(i).padStart(2, '0')}`,
      password: 'Paging-Users-2026',
      roles: ['support:user'],
    });
  }

  await signInThroughForm(page, DEMO.email, DEMO.password);
  await page.goto('/users?limit=10');
  const table = page.getByRole('table', { name: 'Users' });
  const range = page.getByText(/^\d+–\d+ of \d+$/);
  const previous = page.getByRole('button', { name: 'Previous page' });
  const next = page.getByRole('button', { name: 'Next page' });

  await expect(range).toHaveText(/^1–10 of \d+$/);
  await expect(table.getByRole('row')).toHaveCount(11);
  await expect(previous).toBeDisabled();
  const firstPageTop = await table.getByRole('row').nth(1).textContent();

  await next.click();
  await expect(page).toHaveURL(/cursor=.+&page=2|page=2.*cursor=/);
  await expect(range).toHaveText(/^11–\d+ of \d+$/);
  await expect(previous).toBeEnabled();
  await expect(table.getByRole('row').nth(1)).not.toHaveText(firstPageTop ?? '');

  // The URL reproduces the page.
  await page.reload();
  await expect(range).toHaveText(/^11–\d+ of \d+$/);

  await previous.click();
  await expect(range).toHaveText(/^1–10 of \d+$/);
  await expect(table.getByRole('row').nth(1)).toHaveText(firstPageTop ?? '');
  await expect(page).not.toHaveURL(/cursor=/);

  await page.getByLabel('Rows per page').selectOption('25');
  await expect(page).toHaveURL(/limit=25/);
  await expect(next).toBeDisabled();
  const total = Number((await range.textContent())?.split(' of ')[1]);
  expect(total).toBeGreaterThanOrEqual(12);
  await expect(range).toHaveText(`1–${total} of ${total}`);
});
