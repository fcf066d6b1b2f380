import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from '../fixtures.ts';
import { DEMO, signIn } from '../support/api.ts';
import { pageUrl, portalRoutes } from '../support/routes.ts';

/** WCAG 2.0 and 2.1, levels A and AA. */
const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
/** Popups opened per page at most (a table's row menus repeat one pattern). */
const POPUPS_PER_PAGE = 12;

async function audit(page: Page, where: string): Promise<string[]> {
  // Audited at rest: a popup fading in has, for a moment, the contrast of its fade.
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'));
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG).analyze();
  return violations.map(
    (v) =>
      `${where}: ${v.id} (${v.impact}) ${v.help} — ${v.nodes.length} node(s), e.g. ${v.nodes
        .slice(0, 2)
        .map((n) => `${n.html.slice(0, 160)} [${n.failureSummary?.split('\n').slice(1, 3).join(' ')}]`)
        .join(' | ')}`,
  );
}

/** Waits until the page has its heading and nothing is loading. */
async function settled(page: Page): Promise<void> {
  await expect(page.locator('h1').first()).toBeVisible({ timeout: 15_000 });
  await page.waitForLoadState('networkidle');
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
}

/**
 * Opens each popup the page offers — every control with `aria-haspopup` (menus, dialogs, listboxes) —
 * audits the page with it open, and closes it with Escape.
 */
async function auditPopups(page: Page, route: string): Promise<string[]> {
  const found: string[] = [];
  const triggers = page.locator('[aria-haspopup]:not([aria-haspopup="false"]):visible:enabled');
  const count = Math.min(await triggers.count(), POPUPS_PER_PAGE);
  for (let i = 0; i < count; i++) {
    const trigger = triggers.nth(i);
    if (!(await trigger.isVisible())) continue;
    const name =
      (await trigger.getAttribute('aria-label')) ?? ((await trigger.textContent()) ?? '').slice(0, 40);
    await trigger.click();
    const popup = page.locator('[role="dialog"]:visible, [role="menu"]:visible, [role="listbox"]:visible');
    await expect(popup.first()).toBeVisible();
    found.push(...(await audit(page, `${route} with "${name}" open`)));
    await page.keyboard.press('Escape');
    await expect(popup).toHaveCount(0);
  }
  return found;
}

test.describe('every page meets WCAG 2.1 AA (axe), with its popups open', () => {
  // A page with a dozen popups is audited a dozen times.
  test.describe.configure({ timeout: 120_000 });
  for (const { route, open } of portalRoutes) {
    test(`/${route === '*' ? 'an unknown address' : route}`, async ({ page }) => {
      if (!open) await signIn(page.request, DEMO.email, DEMO.password);
      const url = open ? `/${route}` : await pageUrl(page.request, route);
      await page.goto(url);
      await settled(page);
      const violations = await audit(page, route);
      violations.push(...(await auditPopups(page, route)));
      expect(violations, 'axe found WCAG 2.1 A/AA violations').toEqual([]);
    });
  }
});
