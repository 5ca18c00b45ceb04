/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// page.evaluate callbacks run in the browser, so these files see DOM types.
// Browser-test helpers for the dashboard: accessible-name audit, Tab walk, screenshots.
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { ROOT } from '../support/serve';

export const SCREENSHOTS = path.join(ROOT, 'test-results', 'screenshots');

export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: false });
  return file;
}

/**
 * Every visible button, input, select, textarea and tab must have an accessible name (aria-label,
 * aria-labelledby, a <label>, or its own text). Returns a description of each control that has none.
 */
export function unnamedControls(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const controls = document.querySelectorAll<HTMLElement>('button, input:not([type=hidden]), select, textarea, [role=tab], [role=switch], a[href]');
    for (const el of controls) {
      const style = getComputedStyle(el);
      if (style.display === 'none' || style.visibility === 'hidden' || (el.offsetParent === null && style.position !== 'fixed' && el.getClientRects().length === 0)) continue;
      const labelledBy = el.getAttribute('aria-labelledby');
      const byIds = labelledBy
        ? labelledBy
            .split(/\s+/)
            .map((id: string) => document.getElementById(id)?.textContent ?? '')
            .join(' ')
        : '';
      const labels = 'labels' in el ? [...((el as HTMLInputElement).labels ?? [])].map((l) => l.textContent ?? '').join(' ') : '';
      const own = el.tagName === 'BUTTON' || el.tagName === 'A' || el.getAttribute('role') === 'tab' ? el.textContent ?? '' : '';
      const name = [el.getAttribute('aria-label') ?? '', byIds, labels, own].join(' ').trim();
      if (!name) problems.push(el.outerHTML.slice(0, 160));
    }
    return problems;
  });
}

/** Presses Tab `count` times from the top of the page; returns a short name for each focused element. */
export async function tabWalk(page: Page, count: number): Promise<string[]> {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  const seen: string[] = [];
  for (let i = 0; i < count; i++) {
    await page.keyboard.press('Tab');
    seen.push(
      await page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        if (!el || el === document.body) return '(body)';
        const label = el.getAttribute('aria-label') ?? (el as HTMLInputElement).labels?.[0]?.textContent ?? el.textContent ?? '';
        return `${el.tagName.toLowerCase()}:${label.trim().slice(0, 60)}`;
      }),
    );
  }
  return seen;
}

/** Whether focus is inside the open dialog after each of `count` Tab presses (both directions). */
export async function focusStaysInDialog(page: Page, count: number): Promise<boolean> {
  for (let i = 0; i < count; i++) {
    await page.keyboard.press(i % 3 === 2 ? 'Shift+Tab' : 'Tab');
    const inside = await page.evaluate(() => !!document.activeElement?.closest('[role=dialog]'));
    if (!inside) return false;
  }
  return true;
}
