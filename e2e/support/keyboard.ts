import { expect, type Locator, type Page } from '@playwright/test';

/** Whether `target` is the element that has focus. */
export const isFocused = (target: Locator) => target.evaluate((el) => el === document.activeElement);

/** Whether any element `target` matches has focus. */
const holdsFocus = (target: Locator) =>
  target.evaluateAll((els) => els.some((el) => el === document.activeElement));

/**
 * Presses Tab (Shift+Tab with `back`) until `target` (any element it matches) has focus, as a keyboard
 * user would; fails when it is not reached within `max` presses (a control reachable only by mouse).
 */
export async function tabTo(page: Page, target: Locator, { max = 80, back = false } = {}): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await holdsFocus(target)) return;
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`Not reachable with the Tab key in ${max} presses: ${target}`);
}

/** Moves through a radio group or listbox with ArrowDown until `target` is the one chosen. */
export async function arrowTo(
  page: Page,
  target: Locator,
  check: (t: Locator) => Promise<boolean>,
  max = 30,
) {
  for (let i = 0; i < max; i++) {
    if (await check(target)) return;
    await page.keyboard.press('ArrowDown');
  }
  await expect.poll(() => check(target), { message: `${target} not reached with the arrow keys` }).toBe(true);
}
