import type { Locator } from '@playwright/test';

/**
 * Scrolls the box that scrolls `element` sideways (its nearest ancestor with overflow to scroll) to
 * `left`, and returns how far it went: 0 means there was nothing to scroll.
 */
export function scrollSideways(element: Locator, left: number): Promise<number> {
  return element.evaluate((el, to) => {
    let box: HTMLElement | null = el.parentElement;
    while (box) {
      const { overflowX } = getComputedStyle(box);
      if ((overflowX === 'auto' || overflowX === 'scroll') && box.scrollWidth > box.clientWidth) break;
      box = box.parentElement;
    }
    if (!box) return 0;
    box.scrollLeft = to;
    return box.scrollLeft;
  }, left);
}
