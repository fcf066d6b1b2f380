import { expect, test } from '../fixtures.ts';
import { DEMO, deleteSavedViews, signIn } from '../support/api.ts';
import { signInThroughForm } from '../support/sign-in.ts';

test.describe('saved views of the devices table', () => {
  test.afterEach(async ({ playwright }) => {
    const api = await playwright.request.newContext();
    await signIn(api, DEMO.email, DEMO.password);
    await deleteSavedViews(api, 'devices');
    await api.dispose();
  });

  test('a filtered view with fewer columns is saved, survives a reload, and comes back after the main view', async ({
    page,
  }) => {
    await signInThroughForm(page, DEMO.email, DEMO.password);
    await page.goto('/devices');
    const table = page.getByRole('table', { name: 'Devices' });
    await expect(table.getByRole('columnheader', { name: 'Project' })).toBeVisible();

    // Filter: M2M devices only.
    await page.getByRole('button', { name: 'Filters' }).click();
    const panel = page.getByRole('dialog', { name: 'Filters' });
    await panel.getByRole('group', { name: 'Network type' }).getByRole('checkbox', { name: 'M2M' }).check();
    await page.getByRole('button', { name: 'Apply' }).click();
    const chips = page.getByRole('group', { name: 'Filters in use' });
    await expect(chips.getByText('Network type: M2M')).toBeVisible();
    await expect(page).toHaveURL(/network=M2M/);

    // Columns: hide Project, move Status to the front.
    await page.getByRole('button', { name: 'Columns' }).click();
    const chooser = page.getByRole('dialog', { name: 'Columns' });
    // The column moves to the hidden ones: click, as a user does, rather than uncheck() the same box.
    await chooser.getByRole('checkbox', { name: 'Project' }).click();
    await expect(
      chooser.getByRole('list', { name: 'Hidden columns' }).getByRole('checkbox', { name: 'Project' }),
    ).not.toBeChecked();
    for (let i = 0; i < 5; i++) await chooser.getByRole('button', { name: 'Move Status up' }).click();
    await page.keyboard.press('Escape');
    await expect(table.getByRole('columnheader', { name: 'Project' })).toHaveCount(0);
    await expect(table.getByRole('columnheader').nth(1)).toHaveText(/Status/);

    // Save it as the default view.
    await page.getByRole('button', { name: /^Views: Main view/ }).click();
    await page.getByRole('menuitem', { name: 'Save view…' }).click();
    const save = page.getByRole('dialog', { name: 'Save view' });
    await save.getByLabel('Name').fill('M2M fleet');
    await save.getByLabel('Make default').check();
    await save.getByRole('button', { name: 'Save view' }).click();
    await expect(save).toBeHidden();
    await expect(page.getByRole('button', { name: 'Views: M2M fleet' })).toBeVisible();

    // A reload keeps the view.
    await page.reload();
    await expect(chips.getByText('Network type: M2M')).toBeVisible();
    await expect(table.getByRole('columnheader', { name: 'Project' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Views: M2M fleet' })).toBeVisible();

    // Back to the main view: no filters, every default column.
    await page.getByRole('button', { name: 'Views: M2M fleet' }).click();
    await page.getByRole('menuitem', { name: 'Back to main view' }).click();
    await expect(chips).toHaveCount(0);
    await expect(table.getByRole('columnheader', { name: 'Project' })).toBeVisible();
    await expect(table.getByRole('columnheader').nth(1)).toHaveText(/Name/);

    // Apply the saved view again.
    await page.getByRole('button', { name: 'Views: Main view' }).click();
    await page.getByRole('menuitem', { name: 'M2M fleet' }).click();
    await expect(chips.getByText('Network type: M2M')).toBeVisible();
    await expect(table.getByRole('columnheader', { name: 'Project' })).toHaveCount(0);
    await expect(table.getByRole('columnheader').nth(1)).toHaveText(/Status/);

    // Opening the page without a view in the address shows the default view.
    await page.goto('/devices');
    await expect(page.getByRole('button', { name: 'Views: M2M fleet' })).toBeVisible();
    await expect(chips.getByText('Network type: M2M')).toBeVisible();
  });
});
