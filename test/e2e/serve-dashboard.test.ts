import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../support/browser';
import { startHeadless, tempDataDir, type RunningServer } from '../support/serve';

// Issue 2's first browser test: `serve` prints its ready line, and its dashboard, opened in Chromium,
// shows the status the core reports over the contract.
let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  server = await startHeadless('serve', ['--data-dir', tempDataDir(), '--port', '0']);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('serve dashboard', () => {
  it('prints one ready line with the MCP URL, the tokenised dashboard URL and the data dir', () => {
    expect(server.ready.mcpUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/mcp$/);
    expect(server.ready.dashboardUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=[A-Za-z0-9_-]{40,}$/);
    expect(server.ready.dataDir).toContain('pdmcp-test-');
  });

  it('renders the status the core reports, and drops the token from the address bar', async () => {
    const page = await browser.newPage();
    await page.goto(server.ready.dashboardUrl);
    await expect.poll(() => page.getByText('PagerDuty not connected', { exact: false }).count().catch(() => 0), { timeout: 10_000 }).toBeGreaterThan(0);
    expect(page.url()).not.toContain('token=');
    await page.close();
  });

  it('shows a clear message, not a broken page, without the token', async () => {
    const page = await browser.newPage();
    await page.goto(new URL(server.ready.dashboardUrl).origin + '/');
    await expect.poll(() => page.getByRole('alert').textContent(), { timeout: 10_000 }).toMatch(/npm run serve/);
    await page.close();
  });

  it('stops cleanly on SIGTERM', async () => {
    const s = await startHeadless('serve', ['--data-dir', tempDataDir(), '--port', '0']);
    expect(await s.stop('SIGTERM')).toBe(0);
  });
});
