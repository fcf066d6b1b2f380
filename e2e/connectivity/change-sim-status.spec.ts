import { expect, test } from '../fixtures.ts';
import { apiGet, DEMO, signIn } from '../support/api.ts';
import { signInThroughForm } from '../support/sign-in.ts';

test('a SIM found by part of its ICCID goes live, is switched off, and is retired for good', async ({
  page,
  request,
}) => {
  await signIn(request, DEMO.email, DEMO.password);
  const ready = await apiGet<{ data: { iccid: string }[] }>(request, '/api/sims', {
    status: 'ACTIVATION_READY',
    linked: 'false',
    limit: 500,
  });
  // Other specs take free SIMs from both ends of the list: take one from the middle.
  const sim = ready.data[Math.floor(ready.data.length / 2)];
  if (!sim) throw new Error('The demo account has no free Activation Ready SIM');

  await signInThroughForm(page, DEMO.email, DEMO.password);
  await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'M2M SIMs' }).click();
  const table = page.getByRole('table', { name: 'SIMs' });
  await page.getByRole('textbox', { name: 'Search SIMs' }).fill(sim.iccid.slice(-7));
  await expect(table.getByRole('row')).toHaveCount(2);
  await table.getByRole('row', { name: `Open SIM ${sim.iccid}` }).click();
  await expect(page.getByRole('heading', { name: sim.iccid, level: 1 })).toBeVisible();
  const header = page.getByRole('main').locator('header').first();
  await expect(header).toContainText('Activation Ready');

  const changeTo = async (status: string, confirm: string) => {
    await page.getByRole('button', { name: 'Change status' }).click();
    await page.getByRole('menuitem', { name: status }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: confirm }).click();
    await expect(dialog).toBeHidden();
    await expect(header).toContainText(status);
  };

  // Only the carrier's next statuses are offered.
  await page.getByRole('button', { name: 'Change status' }).click();
  await expect(page.getByRole('menuitem')).toHaveText(['Activated', 'Retired']);
  await page.keyboard.press('Escape');

  await changeTo('Activated', 'Activate');
  await changeTo('Deactivated', 'Deactivate');

  await page.getByRole('button', { name: 'Change status' }).click();
  await page.getByRole('menuitem', { name: 'Retired' }).click();
  const retire = page.getByRole('dialog', { name: 'Retire SIM' });
  await expect(retire).toContainText('Retiring is final');
  await expect(retire).toContainText('This cannot be undone.');
  await retire.getByRole('button', { name: 'Retire' }).click();
  await expect(retire).toBeHidden();
  await expect(header).toContainText('Retired');
  await expect(page.getByText('Retired is final: the status no longer changes.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Change status' })).toHaveCount(0);

  // Opening the SIM again reads it from the carrier: still retired.
  await page.reload();
  await expect(header).toContainText('Retired');
});
