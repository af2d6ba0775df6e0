// Whether a page fits its viewport's width: measured in Chromium, where the page is laid out (the pages' and the
// letters' narrow-screen tests). Scripts are strings: the tests are compiled without the DOM's types.
import type { Page } from 'playwright-core';

export interface Overflow {
  /** document.documentElement.scrollWidth: wider than the viewport means a horizontal scrollbar. */
  readonly scrollWidth: number;
  /** Every visible element whose right edge is past the viewport, as `tag#id.class → right`. */
  readonly outside: string[];
}

const MEASURE = `(() => {
  const width = window.innerWidth;
  const outside = [];
  for (const node of Array.from(document.body.querySelectorAll('*'))) {
    const box = node.getBoundingClientRect();
    if (box.width === 0 && box.height === 0) continue;
    if (box.right > width + 0.5) {
      const id = node.id ? '#' + node.id : '';
      const cls = typeof node.className === 'string' && node.className ? '.' + node.className.trim().split(/\\s+/).join('.') : '';
      outside.push(node.tagName.toLowerCase() + id + cls + ' → ' + Math.round(box.right));
    }
  }
  return { scrollWidth: document.documentElement.scrollWidth, outside };
})()`;

export const overflowOf = (page: Page): Promise<Overflow> => page.evaluate(MEASURE) as Promise<Overflow>;

/** The page fits `width`: `{ scrollWidth: 'fits', outside: [] }` when it does, what sticks out when not. */
export async function fitOf(page: Page, width: number): Promise<{ scrollWidth: number | 'fits'; outside: string[] }> {
  const measured = await overflowOf(page);
  return { scrollWidth: measured.scrollWidth <= width ? 'fits' : measured.scrollWidth, outside: measured.outside };
}

/**
 * The texts of the page's elements that match `pattern` as a whole, each with whether all of it is on screen: the
 * text's own box (a Range over it) within the viewport and within the cell or box that clips it.
 */
export async function textsShown(page: Page, pattern: RegExp): Promise<{ text: string; visible: boolean }[]> {
  return (await page.evaluate(`(() => {
    const pattern = new RegExp(${JSON.stringify(pattern.source)});
    const width = window.innerWidth;
    const found = [];
    for (const node of Array.from(document.body.querySelectorAll('*'))) {
      const text = (node.textContent || '').trim();
      if (!pattern.test(text) || Array.from(node.children).some((c) => pattern.test((c.textContent || '').trim()))) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      const box = range.getBoundingClientRect();
      const clipped = node.scrollWidth > node.clientWidth + 0.5 && getComputedStyle(node).overflow !== 'visible';
      found.push({ text, visible: box.left >= -0.5 && box.right <= width + 0.5 && !clipped });
    }
    return found;
  })()`)) as { text: string; visible: boolean }[];
}
