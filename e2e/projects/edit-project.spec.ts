import { expect, test } from '../fixtures.ts';
import { DEMO, signIn, updateProject } from '../support/api.ts';
import { signInThroughForm } from '../support/sign-in.ts';

const ORIGINAL = 'My first project';

test.describe('editing a project', () => {
  // The demo project is shared by the run: put it back however the test ended.
  test.afterEach(async ({ playwright }) => {
    const api = await playwright.request.newContext();
    await signIn(api, DEMO.email, DEMO.password);
    const page = await api.get('/api/projects', { params: { limit: 500 } });
    const { data } = (await page.json()) as { data: { id: string; name: string }[] };
    const edited = data.find((p) => p.name.startsWith('Greenhouse sensors'));
    if (edited) await updateProject(api, edited.id, { name: ORIGINAL, description: '' });
    await api.dispose();
  });

  test('the admin renames "My first project" and sees the change after a reload', async ({ page }) => {
    await signInThroughForm(page, DEMO.email, DEMO.password);
    await expect(page.getByRole('table', { name: 'Projects' })).toBeVisible();
    await expect(page.getByRole('row', { name: 'Open project Fleet demo' })).toBeVisible();

    await page.getByRole('row', { name: `Open project ${ORIGINAL}` }).click();
    await expect(page.getByRole('heading', { name: ORIGINAL, level: 1 })).toBeVisible();
    await expect(page.getByText('Freemium').first()).toBeVisible();

    await page.getByRole('button', { name: 'Edit' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit project' });
    await dialog.getByLabel('Name').fill('');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(dialog.getByText('Enter a name')).toBeVisible();

    await dialog.getByLabel('Name').fill('Greenhouse sensors');
    await dialog.getByLabel('Description').fill('Soil moisture and temperature in the north greenhouse.');
    await dialog.getByRole('button', { name: 'Save' }).click();

    await expect(dialog).toBeHidden();
    await expect(page.getByText('Project saved')).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Greenhouse sensors', level: 1 })).toBeVisible();

    await page.reload();
    await expect(page.getByRole('heading', { name: 'Greenhouse sensors', level: 1 })).toBeVisible();
    await expect(page.getByText('Soil moisture and temperature in the north greenhouse.')).toBeVisible();

    await page.getByRole('link', { name: 'Projects' }).first().click();
    await expect(page.getByRole('row', { name: 'Open project Greenhouse sensors' })).toBeVisible();
  });

  test('the project list sorts through the URL', async ({ page }) => {
    await signInThroughForm(page, DEMO.email, DEMO.password);
    const table = page.getByRole('table', { name: 'Projects' });
    await expect(table.getByRole('row').nth(1)).toContainText('Fleet demo');

    await table.getByRole('button', { name: 'Name' }).click();
    await expect(page).toHaveURL(/sort=-name/);
    await expect(table.getByRole('row').nth(1)).toContainText(ORIGINAL);
    await expect(page.getByText(/^1–\d+ of \d+$/)).toBeVisible();

    await page.reload();
    await expect(table.getByRole('row').nth(1)).toContainText(ORIGINAL);
    await expect(table.getByRole('columnheader', { name: 'Name' })).toHaveAttribute(
      'aria-sort',
      'descending',
    );
  });

  test('a project opens from the keyboard', async ({ page }) => {
    await signInThroughForm(page, DEMO.email, DEMO.password);
    const row = page.getByRole('row', { name: 'Open project Fleet demo' });
    await row.focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { name: 'Fleet demo', level: 1 })).toBeVisible();
    // Opening a project leaves the project picker alone; the page offers to choose the project there.
    const picker = page.getByRole('banner').getByRole('combobox', { name: 'Project' });
    await expect(picker).toHaveValue('');
    await page.getByRole('button', { name: 'Work in this project' }).click();
    await expect(picker).toHaveValue('Fleet demo');
  });

  test('choosing a project in the picker opens it and narrows the menu', async ({ page }) => {
    await signInThroughForm(page, DEMO.email, DEMO.password);
    const menu = page.getByRole('navigation', { name: 'Main menu' });
    await expect(menu.getByRole('link', { name: 'Project overview' })).toHaveCount(0);

    await page.getByRole('banner').getByRole('combobox', { name: 'Project' }).click();
    await page.getByRole('option', { name: 'Fleet demo' }).click();
    await expect(page.getByRole('heading', { name: 'Fleet demo', level: 1 })).toBeVisible();
    await expect(menu.getByRole('link', { name: 'Project overview' })).toHaveAttribute(
      'aria-current',
      'page',
    );
  });
});
