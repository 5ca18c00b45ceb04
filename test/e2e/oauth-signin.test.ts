import net from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../support/browser';
import { startHeadless, tempDataDir, type RunningServer } from '../support/serve';
import { createSimulator, type Simulator } from '../simulator';
import { screenshot } from './support';

// Per-user OAuth from the window: the person saves the OAuth settings, clicks Connect, sees the
// progress while the browser is out, consents on (the simulator's) PagerDuty page, and the window
// shows the connection — and a sign-in can be cancelled while it waits.
let sim: Simulator;
let server: RunningServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });

/** The headless app cannot open a browser here; it prints the sign-in URL instead (the newest one). */
async function signInUrl(after: number): Promise<string> {
  let url = '';
  await expect
    .poll(() => {
      const found = [...server.stderr().slice(after).matchAll(/Open this URL in your browser: (\S+)/g)];
      url = found.at(-1)?.[1] ?? '';
      return url;
    }, { timeout: 10_000 })
    .toMatch(/\/oauth\/authorize\?/);
  return url;
}

beforeAll(async () => {
  sim = await createSimulator({ port: 0 });
  server = await startHeadless('serve', ['--data-dir', tempDataDir(), '--port', '0']);
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 1280, height: 820 }, colorScheme: 'light' });
  page = await context.newPage();
  await page.goto(server.ready.dashboardUrl);
  await page.getByTestId('connection-status').waitFor();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await sim?.close();
});

describe('OAuth sign-in from the window', () => {
  it('saves the settings, waits for the browser, and shows the connected user after consent', async () => {
    await page.getByRole('radio', { name: 'OAuth (your own account)' }).check();
    await page.getByLabel('OAuth client ID').fill('pdmcp-desktop');
    await page.getByLabel('Scopes').fill('read write');
    await page.getByLabel('Loopback port').fill(String(await freePort()));
    await page.getByText('Advanced', { exact: true }).click();
    await page.getByLabel('API base URL').fill(sim.apiUrl('us'));
    await page.getByLabel('Auth base URL').fill(sim.identityUrl);
    await page.getByRole('button', { name: 'Save OAuth settings' }).click();
    const connect = page.getByRole('button', { name: 'Connect with PagerDuty' });
    await expect.poll(() => connect.isEnabled(), { timeout: 10_000 }).toBe(true);

    const mark = server.stderr().length;
    await connect.click();
    await expect.poll(() => page.getByTestId('oauth-progress').textContent(), { timeout: 10_000 }).toMatch(/Waiting for you to sign in/);
    await screenshot(page, 'oauth-waiting-light');

    const consent = await context.newPage();
    await consent.goto(await signInUrl(mark));
    await consent.getByRole('button', { name: 'Allow' }).click();
    await expect.poll(() => consent.textContent('body'), { timeout: 10_000 }).toMatch(/connected|signed in|You can close/i);
    await consent.close();

    await expect.poll(() => page.getByTestId('connection-status').textContent(), { timeout: 15_000 }).toMatch(/PagerDuty connected/);
    // The OAuth user PagerDuty returned is who the window says is connected.
    await expect.poll(() => page.getByText(sim.users[0]!.email).count(), { timeout: 10_000 }).toBeGreaterThan(0);
    await screenshot(page, 'oauth-connected-light');
  });

  it('cancels a sign-in that is still waiting for the browser, and the old sign-in keeps working', async () => {
    const mark = server.stderr().length;
    await page.getByRole('button', { name: 'Reauthorize' }).click();
    await signInUrl(mark);
    const progress = page.getByTestId('oauth-progress');
    await expect.poll(() => progress.textContent(), { timeout: 10_000 }).toMatch(/Waiting for you to sign in/);
    await progress.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => progress.textContent(), { timeout: 10_000 }).toMatch(/^Sign-in cancelled\./);
    expect(await progress.getByRole('button', { name: 'Cancel' }).count()).toBe(0);
    expect(await page.getByTestId('connection-status').textContent()).toMatch(/PagerDuty connected/);
  });
});
