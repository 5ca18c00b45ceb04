/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// page.evaluate callbacks run in the browser, so this file sees DOM types.
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAuditLog } from '../../src/main/core/audit';
import { launchBrowser } from '../support/browser';
import { startHeadless, tempDataDir, type RunningServer } from '../support/serve';

// The timeline with 100,000 entries in the real audit log: it opens fast, keeps only the visible rows
// in the page, and pages further back through audit.query as the person scrolls.
const TOTAL = 100_000;
let server: RunningServer;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  const dataDir = tempDataDir();
  // Written by the real audit log (the same code `serve` reads it with), in batches for group commit.
  const log = await openAuditLog({ dir: path.join(dataDir, 'audit') });
  const base = Date.now() - TOTAL * 20;
  for (let b = 0; b < TOTAL / 2000; b++) {
    await Promise.all(
      Array.from({ length: 2000 }, (_, i) => {
        const n = b * 2000 + i;
        return log.append({
          time: new Date(base + n * 20).toISOString(),
          clientId: 'c_bulk',
          clientName: 'Bulk client',
          profileId: null,
          profileName: null,
          tool: n % 7 === 0 ? 'manage_incidents' : 'list_incidents',
          toolClass: n % 7 === 0 ? 'write' : 'read',
          decision: n % 7 === 0 ? 'not_approved' : 'allowed',
          outcome: n % 7 === 0 ? 'refused' : n % 50 === 0 ? 'error' : 'ok',
          durationMs: 5 + (n % 90),
          pdStatus: n % 7 === 0 ? null : 200,
          pdRequestId: null,
          identity: 'api_key:ann@example.com',
          args: { n },
          message: null,
        });
      }),
    );
  }
  await log.close();
  expect(fs.existsSync(path.join(dataDir, 'audit'))).toBe(true);
  server = await startHeadless('serve', ['--data-dir', dataDir, '--port', '0']);
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(server.ready.dashboardUrl);
  await page.getByTestId('connection-status').waitFor();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const seqs = (p: Page) => p.locator('[data-testid=audit-row]').evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-seq'))));

describe('audit timeline at 100k entries', () => {
  it('opens with the newest entries and only a screenful of rows in the DOM', async () => {
    const started = Date.now();
    await page.getByRole('navigation', { name: 'Pages' }).getByRole('button', { name: 'Audit timeline' }).click();
    await page.locator('[data-testid=audit-row]').first().waitFor();
    expect(Date.now() - started).toBeLessThan(5_000);
    const shown = await seqs(page);
    expect(Math.max(...shown)).toBe(TOTAL);
    expect(shown.length).toBeLessThan(60);
  });

  it('pages back through audit.query while scrolling, staying light and responsive', async () => {
    const scroller = page.getByTestId('timeline-scroll');
    let lowest = Math.min(...(await seqs(page)));
    for (let i = 0; i < 20 && lowest > TOTAL - 1200; i++) {
      const t0 = Date.now();
      await scroller.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
      await expect.poll(async () => Math.min(...(await seqs(page))), { timeout: 5_000 }).toBeLessThan(lowest);
      lowest = Math.min(...(await seqs(page)));
      expect(Date.now() - t0).toBeLessThan(3_000);
      expect((await seqs(page)).length).toBeLessThan(80);
    }
    // Several pages of 200 fetched one after another, newest to oldest, with no repeat.
    expect(lowest).toBeLessThan(TOTAL - 1000);
    const shown = await seqs(page);
    expect(new Set(shown).size).toBe(shown.length);
  });

  it('filters the whole log on the server side (refusals only)', async () => {
    await page.getByRole('combobox', { name: 'Filter by outcome' }).selectOption('refused');
    await expect
      .poll(
        async () => {
          const texts = await page.locator('[data-testid=audit-row]').allTextContents();
          return texts.length > 5 && texts.every((t) => t.includes('Refused'));
        },
        { timeout: 10_000 },
      )
      .toBe(true);
    const shown = await seqs(page);
    expect(shown.length).toBeGreaterThan(5);
    expect(shown.every((s) => (s - 1) % 7 === 0)).toBe(true);
  });
});
