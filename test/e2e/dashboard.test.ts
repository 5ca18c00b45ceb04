/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// page.evaluate callbacks run in the browser, so these files see DOM types.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../support/browser';
import { startHeadless, tempDataDir, type RunningServer } from '../support/serve';
import { screenshot, tabWalk, unnamedControls } from './support';

// The window against a fresh `serve` (nothing configured yet): real status from the core, every page
// renders without breaking, every control is named and reachable by keyboard, both themes.
let server: RunningServer;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

const PAGES = ['Connection', 'Tools', 'Clients & profiles', 'Audit timeline'] as const;

beforeAll(async () => {
  server = await startHeadless('serve', ['--data-dir', tempDataDir(), '--port', '0']);
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1280, height: 800 }, colorScheme: 'light' });
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(server.ready.dashboardUrl);
  await page.getByTestId('connection-status').waitFor();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function openPage(name: (typeof PAGES)[number]) {
  await page.getByRole('navigation', { name: 'Pages' }).getByRole('button', { name }).click();
  await page.getByRole('heading', { level: 1, name: name === 'Clients & profiles' ? 'Clients & profiles' : name }).waitFor();
  // Let the page's first calls settle (loading spinners gone).
  await expect.poll(() => page.locator('.loading').count(), { timeout: 10_000 }).toBe(0);
}

describe('dashboard', () => {
  it('shows the core’s real status: not connected, and the gateway’s MCP URL', async () => {
    await expect.poll(() => page.getByTestId('connection-status').textContent()).toBe('PagerDuty not connected');
    expect(await page.getByTestId('mcp-url').textContent()).toBe(server.ready.mcpUrl);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Connection');
  });

  it('renders every page from the core without a crash, and lists the catalog’s tools', async () => {
    for (const name of PAGES) {
      await openPage(name);
      expect(await page.locator('.card [role=alert]:has-text("stopped working")').count()).toBe(0);
    }
    await openPage('Tools');
    await expect.poll(() => page.locator('tr[data-tool]').count()).toBeGreaterThan(50);
    expect(pageErrors).toEqual([]);
  });

  it('gives every button, input and select on every page an accessible name', async () => {
    for (const name of PAGES) {
      await openPage(name);
      expect(await unnamedControls(page), `unnamed controls on ${name}`).toEqual([]);
    }
  });

  it('reaches the main controls with Tab alone, with a visible focus ring', async () => {
    await openPage('Connection');
    const stops = await tabWalk(page, 14);
    const joined = stops.join('\n');
    expect(joined).toMatch(/button:Copy MCP URL/);
    expect(joined).toMatch(/input:.*(Serving|Paused)/);
    expect(joined).toMatch(/button:Switch to dark theme/);
    for (const name of ['Connection', 'Tools', 'Clients & profiles', 'Audit timeline']) expect(joined).toContain(`button:${name}`);
    // Enter on a focused nav button opens that page.
    await page.getByRole('button', { name: 'Tools' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Tools' }).waitFor();
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
    expect(outline).not.toBe('none');
  });

  it('flags a bad API key next to its field and saves nothing', async () => {
    await openPage('Connection');
    await page.locator('#api-key').fill('not a key!');
    await page.locator('#actor-email').fill('ann@example.com');
    await page.getByRole('button', { name: 'Connect', exact: true }).click();
    const err = page.locator('#api-key-error');
    await err.waitFor();
    expect(await err.textContent()).toMatch(/API key/);
    await expect.poll(() => page.getByTestId('connection-status').textContent()).toBe('PagerDuty not connected');
  });

  it('switches to OAuth and shows the core’s field error beside the port', async () => {
    await openPage('Connection');
    await page.getByRole('radio', { name: 'OAuth (your own account)' }).check();
    await page.locator('#oauth-client-id').waitFor();
    await page.locator('#oauth-client-id').fill('pd-client-123');
    await page.locator('#oauth-port').fill('80');
    await page.getByRole('button', { name: 'Save OAuth settings' }).click();
    await page.locator('#oauth-port-error').waitFor();
    expect(await page.locator('#oauth-port-error').textContent()).toMatch(/^Use a port from 1024 to 65535/);
    expect(await page.locator('#oauth-port').getAttribute('aria-describedby')).toBe('oauth-port-error');
    await screenshot(page, 'fresh-connection-oauth-light');
    await page.locator('#oauth-port').fill('8976');
    await page.getByRole('button', { name: 'Save OAuth settings' }).click();
    await page.locator('#oauth-port-error').waitFor({ state: 'detached' });
    await expect.poll(() => page.getByRole('button', { name: 'Connect with PagerDuty' }).isEnabled()).toBe(true);
    await page.getByRole('radio', { name: 'REST API key' }).check();
    await page.locator('#api-key').waitFor();
  });

  it('pauses and resumes the gateway from the header switch, as the core records it', async () => {
    const pause = page.getByRole('switch', { name: /Serving|Paused/ });
    await pause.click();
    await page.getByText('The gateway is paused').waitFor();
    await page.reload();
    await page.getByText('The gateway is paused').waitFor();
    expect(await page.getByRole('switch').isChecked()).toBe(true);
    await page.getByRole('switch').click();
    await page.getByText('The gateway is paused').waitFor({ state: 'detached' });
    await expect.poll(() => page.getByRole('switch').isChecked()).toBe(false);
  });

  it('switches theme with the toggle, remembers it, and takes light and dark screenshots', async () => {
    for (const theme of ['light', 'dark'] as const) {
      const current = await page.evaluate(() => document.documentElement.dataset.theme);
      if (current !== theme) await page.getByRole('button', { name: `Switch to ${theme} theme` }).click();
      expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe(theme);
      for (const name of PAGES) {
        await openPage(name);
        await screenshot(page, `fresh-${name.split(' ')[0]!.toLowerCase()}-${theme}`);
      }
    }
    const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(bg).not.toBe('rgb(245, 246, 248)');
    await page.reload();
    await page.getByTestId('connection-status').waitFor();
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
  });
});
