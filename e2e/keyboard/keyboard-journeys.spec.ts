import { expect, test } from '../fixtures.ts';
import { DEMO } from '../support/api.ts';
import { arrowTo, isFocused, tabTo } from '../support/keyboard.ts';

/**
 * A keyboard user's day: sign in, skip to the content, open the devices, open a device, add one with
 * the wizard — never a mouse click. After each navigation focus is on the new page's heading.
 */
test('log in, open the devices and a device, and add a device — with the keyboard alone', async ({
  page,
}) => {
  test.setTimeout(90_000);
  await page.goto('/login');
  await tabTo(page, page.getByLabel('Email'));
  await page.keyboard.type(DEMO.email);
  await tabTo(page, page.getByLabel('Password', { exact: true }));
  await page.keyboard.type(DEMO.password);
  // The show-password eye is a stop of its own.
  await tabTo(page, page.getByRole('button', { name: 'Show or hide the password' }), { max: 2 });
  await tabTo(page, page.getByRole('button', { name: 'Sign in' }));
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/projects$/);

  // The first Tab stop of a page is "Skip to content", and it lands in the page. Tab continues from
  // where focus last was (the sign-in button, now gone): start it from the top of the page, as after
  // a fresh load. (body.focus() alone moves nothing: the body is not focusable.)
  await expect(page.getByRole('heading', { name: 'Projects', level: 1 })).toBeVisible();
  await page.evaluate(() => {
    document.body.tabIndex = -1;
    document.body.focus();
    document.body.removeAttribute('tabindex');
  });
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to content' });
  expect(await isFocused(skip)).toBe(true);
  await expect(skip).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#main$/);

  // The side menu: All devices. Focus moves to the heading of the page that opens.
  await tabTo(page, page.getByRole('link', { name: 'All devices' }), { back: true });
  await page.keyboard.press('Enter');
  const devicesHeading = page.getByRole('heading', { name: 'Devices', level: 1 });
  await expect(devicesHeading).toBeFocused();

  // A row opens with Space (and Enter).
  const table = page.getByRole('table', { name: 'Devices' });
  const firstRow = table.locator('tbody tr[tabindex="0"]').first();
  await expect(firstRow).toBeVisible();
  const deviceName = (await firstRow.locator('td.ot-data-table-lead').textContent())!.trim();
  await tabTo(page, firstRow);
  await page.keyboard.press('Space');
  await expect(page.getByRole('heading', { name: deviceName, level: 1 })).toBeFocused();

  // Back to the devices, then the wizard.
  await tabTo(page, page.getByRole('link', { name: 'All devices' }), { back: true });
  await page.keyboard.press('Enter');
  await expect(devicesHeading).toBeFocused();
  await tabTo(page, page.getByRole('main').getByRole('link', { name: 'Add device' }).first());
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Add device', level: 1 })).toBeFocused();

  const type = page.getByRole('radio', { name: /Generic LoRa device \(programmable\)/ });
  await tabTo(page, page.getByRole('radio'));
  await arrowTo(page, type, (t) => t.isChecked());
  await tabTo(page, page.getByRole('button', { name: 'Next' }));
  await page.keyboard.press('Enter');

  const details = page.getByRole('form', { name: 'Device details' });
  const name = `Keyboard ${Date.now().toString(36)}`;
  await tabTo(page, details.getByRole('textbox', { name: 'Name' }), { back: true });
  await page.keyboard.type(name);
  const project = details.getByRole('combobox', { name: 'Project' });
  await tabTo(page, project);
  await page.keyboard.press('ArrowDown');
  const fleet = page.getByRole('option', { name: 'Fleet demo' });
  await arrowTo(page, fleet, async (o) => (await o.getAttribute('data-combobox-selected')) !== null);
  await page.keyboard.press('Enter');
  await expect(project).toHaveValue('Fleet demo');
  await tabTo(page, details.getByRole('button', { name: 'Add device' }));
  await page.keyboard.press('Enter');

  const network = page.getByRole('form', { name: 'Network information' });
  await expect(network).toBeVisible();
  await tabTo(page, page.getByRole('button', { name: 'Generate network info' }), { back: true });
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('revealed-AppKey')).toHaveText(/^[0-9A-F]{32}$/);
  await tabTo(page, page.getByRole('button', { name: 'Finish' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name, level: 1 })).toBeFocused();
});

test('a confirm dialog opens on its safe choice, and Escape closes it', async ({ page }) => {
  await page.goto('/login');
  await tabTo(page, page.getByLabel('Email'));
  await page.keyboard.type(DEMO.email);
  await tabTo(page, page.getByLabel('Password', { exact: true }));
  await page.keyboard.type(DEMO.password);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/projects$/);
  await page.goto('/devices');
  const table = page.getByRole('table', { name: 'Devices' });
  const box = table.locator('tbody').getByRole('checkbox').first();
  await tabTo(page, box);
  await page.keyboard.press('Space');
  const del = page.getByRole('button', { name: 'Delete' });
  await tabTo(page, del, { back: true });
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
});
