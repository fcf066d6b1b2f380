import type { Page } from '@playwright/test';
import { expect, test } from '../fixtures.ts';
import { DEMO, signIn } from '../support/api.ts';
import { pageUrl, portalRoutes } from '../support/routes.ts';
import { scrollSideways } from '../support/scroll.ts';

const PHONE = { width: 390, height: 844 };

/** How far the page itself scrolls sideways (a table may scroll inside its own box). */
const sidewaysOverflow = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

test.describe('every page is usable on a phone (390×844) without sideways scrolling', () => {
  test.use({ viewport: PHONE, isMobile: true, hasTouch: true });
  for (const { route, open } of portalRoutes) {
    test(`/${route === '*' ? 'an unknown address' : route}`, async ({ page }) => {
      if (!open) await signIn(page.request, DEMO.email, DEMO.password);
      await page.goto(open ? `/${route}` : await pageUrl(page.request, route));
      await expect(page.locator('h1').first()).toBeVisible({ timeout: 15_000 });
      await page.waitForLoadState('networkidle');
      expect(await sidewaysOverflow(page), 'the page must not scroll sideways').toBeLessThanOrEqual(0);
      // Each tab of a page with tabs, too (a device's M2M and configuration tabs hold long identifiers).
      const tabs = page.getByRole('tab');
      for (let i = 0; i < (await tabs.count()); i++) {
        await tabs.nth(i).click();
        await page.waitForLoadState('networkidle');
        const name = await tabs.nth(i).textContent();
        expect(await sidewaysOverflow(page), `the ${name} tab must not scroll sideways`).toBeLessThanOrEqual(
          0,
        );
      }
    });
  }
});

test.describe('on a phone, a table keeps its name column in view', () => {
  test.use({ viewport: PHONE, isMobile: true, hasTouch: true });
  for (const [path, table] of [
    ['/devices', 'Devices'],
    ['/connectivity/sims', 'SIMs'],
  ] as const) {
    test(path, async ({ page }) => {
      await signIn(page.request, DEMO.email, DEMO.password);
      await page.goto(path);
      const grid = page.getByRole('table', { name: table });
      const firstRow = grid.locator('tbody tr').first();
      const firstName = firstRow.locator('td.ot-data-table-lead');
      const secondCell = firstRow.locator('td.ot-data-table-lead + td');
      await expect(firstName).toBeVisible();
      // Scroll the table to its far right: the name cell stays where it was, the others move.
      const before = await firstName.boundingBox();
      const secondBefore = await secondCell.boundingBox();
      expect(await scrollSideways(grid, 10_000), 'the table scrolls sideways').toBeGreaterThan(0);
      const after = await firstName.boundingBox();
      expect(after?.x).toBeCloseTo(before!.x, 0);
      expect(after!.x + after!.width).toBeLessThanOrEqual(PHONE.width);
      expect((await secondCell.boundingBox())!.x).toBeLessThan(secondBefore!.x);
    });
  }
});
