// Per-user OAuth sign-in end to end: the service's loopback listener, the simulator's identity
// endpoints, and real Chromium (Playwright) clicking the consent page. The test's Platform hands the
// authorize URL to the Playwright page, as the system browser would receive it.
import net from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ContractError } from '../../../../src/shared/contract';
import { createSimulator, type Simulator } from '../../../simulator';
import { oauthRefreshTokens, SIM_OAUTH_CLIENT_ID, SIM_OAUTH_CONFIDENTIAL_CLIENT_ID, SIM_OAUTH_CONFIDENTIAL_SECRET } from '../../../simulator/oauth';
import { launchBrowser } from '../../../support/browser';
import { createHarness, filesContaining, loggedBytes, freePort, SECRET_NAMES, settle } from './harness';

let sim: Simulator;
let browser: Browser;
// One page for the whole file: opening a Chromium page costs seconds on a 2-core machine.
let page: Page;
const dataDirs: string[] = [];
const open: Array<ReturnType<typeof createHarness>> = [];

beforeAll(async () => {
  sim = await createSimulator();
  browser = await launchBrowser();
  page = await browser.newPage();
});
afterEach(async () => {
  for (const t of open.splice(0)) await t.close();
});
afterAll(async () => {
  await settle();
  // Every token and secret the simulator ever issued or holds: none may be in any file we wrote.
  const secrets = [...sim.db.accessTokens.keys(), ...oauthRefreshTokens(sim.db).keys(), SIM_OAUTH_CONFIDENTIAL_SECRET];
  expect(secrets.length).toBeGreaterThan(5);
  expect(loggedBytes(dataDirs)).toBeGreaterThan(0);
  for (const dir of dataDirs) expect(filesContaining(dir, secrets)).toEqual([]);
  await browser?.close();
  await sim?.close();
});

/** A service whose "system browser" is a fresh Chromium page. */
async function setup(extra: Parameters<typeof createHarness>[0] = {}, settings: { clientId?: string; clientSecret?: string } = {}) {
  const t = createHarness(extra);
  open.push(t);
  dataDirs.push(t.dataDir);

  t.platform.onOpen = (url) => void page.goto(url).catch(() => undefined);
  const port = await freePort();
  await t.h['connection.saveOAuthSettings']({
    clientId: settings.clientId ?? SIM_OAUTH_CLIENT_ID,
    clientSecret: settings.clientSecret,
    scopes: 'read write',
    port,
    authBaseUrl: sim.identityUrl,
  });
  return { t, page, port };
}

async function allow(page: Page, userId?: string) {
  const button = page.getByRole('button', { name: 'Allow' });
  await button.waitFor();
  if (userId) await page.locator('select[name=user_id]').selectOption(userId);
  await button.click();
}

async function portIsFree(port: number): Promise<boolean> {
  const server = net.createServer();
  return new Promise((resolve) => {
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

describe('OAuth sign-in (Chromium + simulator)', () => {
  it('connects: consent in the browser, tokens only in the keychain, user from /users/me used as From', async () => {
    const { t, page, port } = await setup();
    const user = sim.users[3]!;
    const connected = t.nextProgress('connected', 'failed');
    const started = await t.h['connection.startOAuth']({});
    expect(started.phase).toBe('waiting_for_browser');
    const authorize = new URL(started.authorizeUrl!);
    expect(authorize.origin + authorize.pathname).toBe(`${sim.identityUrl}/oauth/authorize`);
    expect(authorize.searchParams.get('redirect_uri')).toBe(`http://127.0.0.1:${port}/callback`);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('state')).toMatch(/.{20,}/);
    expect(t.platform.opened).toEqual([started.authorizeUrl]);
    expect(t.service.view().oauth.pending).toBe(true);

    await allow(page, user.id);
    const done = await connected;
    expect(done.phase).toBe('connected');
    expect(done.message).toContain(user.email);
    expect(t.progress.map((p) => p.phase)).toEqual(['waiting_for_browser', 'exchanging', 'connected']);
    // The browser tab got a plain success page without the code or tokens in it.
    const text = await page.locator('body').innerText();
    expect(text).toContain('Signed in to PagerDuty as');
    const access = await t.secrets.get('oauth_access_token');
    const refresh = await t.secrets.get('oauth_refresh_token');
    expect(access).toMatch(/^pdus\+_0/);
    expect(refresh).toMatch(/^pdus\+_1/);
    expect(await page.content()).not.toContain(access!);

    const view = t.service.view();
    expect(view).toMatchObject({ mode: 'oauth', status: 'connected', region: 'us', baseUrl: sim.apiUrl('us'), readOnly: false });
    expect(view.identity).toMatchObject({ kind: 'oauth_user', email: user.email, userId: user.id });
    expect(view.oauth).toMatchObject({ connected: true, pending: false });
    expect(await portIsFree(port)).toBe(true);

    const call = await t.service.forCall();
    if (!call.ok) throw new Error(call.message);
    expect(call.identityLabel).toBe(`oauth:${user.email}`);
    const incident = [...sim.db.collection<{ id: string }>('incidents').values()][0]!;
    await call.api.request({ method: 'POST', path: `/incidents/${incident.id}/notes`, body: { note: { content: 'oauth note' } } });
    expect(sim.requests.at(-1)).toMatchObject({ method: 'POST', from: user.email });

    const tested = await t.h['connection.test']({});
    expect(tested).toMatchObject({ ok: true, connection: { status: 'connected', readOnly: false } });

    // Disconnect deletes the tokens from the keychain.
    const after = await t.h['connection.disconnect']({});
    expect(after.oauth.connected).toBe(false);
    for (const name of ['oauth_access_token', 'oauth_refresh_token'] as const) expect(await t.secrets.get(name)).toBeNull();
    expect(oauthRefreshTokens(sim.db).get(refresh!)?.revoked).toBe(true);
  });

  it('refuses a callback whose state does not match and stores nothing', async () => {
    const { t, page } = await setup();
    t.platform.onOpen = (url) => {
      const forged = new URL(url);
      forged.searchParams.set('state', 'forged-by-someone-else');
      void page.goto(forged.toString()).catch(() => undefined);
    };
    const failed = t.nextProgress('connected', 'failed');
    await t.h['connection.startOAuth']({});
    await allow(page);
    const result = await failed;
    expect(result.phase).toBe('failed');
    expect(result.message).toContain('state mismatch');
    expect(await page.locator('h1').innerText()).toBe('PagerDuty sign-in failed');
    expect(await t.secrets.get('oauth_access_token')).toBeNull();
    expect(t.service.view()).toMatchObject({ status: 'not_configured', oauth: { connected: false, pending: false } });
  });

  it('refuses a replayed code', async () => {
    const { t, page, port } = await setup();
    let connected = t.nextProgress('connected', 'failed');
    await t.h['connection.startOAuth']({});
    await allow(page);
    expect((await connected).phase).toBe('connected');
    const used = new URL(page.url()).searchParams.get('code')!;
    expect(used).toBeTruthy();

    // The next sign-in's callback arrives with the old code (and the right state).
    t.platform.onOpen = (url) => {
      const state = new URL(url).searchParams.get('state')!;
      void page.goto(`http://127.0.0.1:${port}/callback?code=${used}&state=${state}`).catch(() => undefined);
    };
    connected = t.nextProgress('connected', 'failed');
    await t.h['connection.startOAuth']({});
    const result = await connected;
    expect(result.phase).toBe('failed');
    expect(result.message).toContain('already been used');
  });

  it('refuses an expired code', async () => {
    const codes = sim.db.collection<{ id: string; expiresAt: number }>('oauth_codes');
    // The code's 30 s run out between the browser's redirect and the token request.
    const expire: typeof fetch = async (input, init) => {
      const body = new URLSearchParams(String(init?.body ?? ''));
      const code = codes.get(body.get('code') ?? '');
      if (code) code.expiresAt = Date.now() - 1;
      return fetch(input, init);
    };
    const { t, page } = await setup({ fetch: expire });
    const done = t.nextProgress('connected', 'failed');
    await t.h['connection.startOAuth']({});
    await allow(page);
    const result = await done;
    expect(result.phase).toBe('failed');
    expect(result.message).toContain('The authorization code has expired.');
    expect(await t.secrets.get('oauth_refresh_token')).toBeNull();
  });

  it('fails when the PKCE verifier is tampered with on the way to the token endpoint', async () => {
    const tamper: typeof fetch = async (input, init) => {
      const body = new URLSearchParams(String(init?.body ?? ''));
      if (body.get('grant_type') === 'authorization_code') {
        body.set('code_verifier', 'x'.repeat(64));
        return fetch(input, { ...init, body });
      }
      return fetch(input, init);
    };
    const { t, page } = await setup({ fetch: tamper });
    const done = t.nextProgress('connected', 'failed');
    await t.h['connection.startOAuth']({});
    await allow(page);
    const result = await done;
    expect(result.phase).toBe('failed');
    expect(result.message).toContain('PKCE verification failed');
    expect(t.service.view().oauth.connected).toBe(false);
  });

  it('says so when access is denied', async () => {
    const { t, page } = await setup();
    const done = t.nextProgress('connected', 'failed');
    await t.h['connection.startOAuth']({});
    await page.getByRole('button', { name: 'Deny' }).click();
    expect((await done).message).toContain('Access was denied');
  });

  it('reports a busy port clearly and never uses another one', async () => {
    const { t, port } = await setup();
    const squatter = net.createServer();
    await new Promise<void>((resolve) => squatter.listen(port, '127.0.0.1', resolve));
    try {
      const error = await t.h['connection.startOAuth']({}).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ContractError);
      expect(error).toMatchObject({ code: 'port_busy', field: 'port' });
      expect((error as Error).message).toContain(`Port ${port} on 127.0.0.1 is already in use`);
      expect(t.platform.opened).toEqual([]);
      expect(t.progress).toEqual([]);
      expect(t.service.view().oauth.pending).toBe(false);
    } finally {
      squatter.close();
    }
  });

  it('cancels a waiting sign-in and frees the port; a timeout fails it', async () => {
    const { t, port } = await setup({ oauthTimeoutMs: 400 });
    t.platform.onOpen = () => {}; // the person never finishes in the browser
    const cancelled = t.nextProgress('cancelled', 'failed');
    await t.h['connection.startOAuth']({});
    expect(await portIsFree(port)).toBe(false);
    const view = await t.h['connection.cancelOAuth']({});
    expect(view.oauth.pending).toBe(false);
    expect((await cancelled).phase).toBe('cancelled');
    expect(await portIsFree(port)).toBe(true);

    const timedOut = t.nextProgress('cancelled', 'failed');
    await t.h['connection.startOAuth']({});
    const result = await timedOut;
    expect(result.phase).toBe('failed');
    expect(result.message).toContain('No answer came back');
    expect(await portIsFree(port)).toBe(true);
  });

  it('works with a confidential client: the secret lives in the keychain and can be rotated', async () => {
    const { t, page } = await setup({}, { clientId: SIM_OAUTH_CONFIDENTIAL_CLIENT_ID, clientSecret: 'wrong-secret-at-first' });
    expect(await t.secrets.get('oauth_client_secret')).toBe('wrong-secret-at-first');
    let done = t.nextProgress('connected', 'failed');
    await t.h['connection.startOAuth']({});
    await allow(page);
    expect((await done).message).toContain('invalid_client');

    const view = await t.h['connection.saveOAuthSettings']({
      clientId: SIM_OAUTH_CONFIDENTIAL_CLIENT_ID,
      clientSecret: SIM_OAUTH_CONFIDENTIAL_SECRET,
      scopes: 'read',
      port: t.service.view().oauth.port,
      authBaseUrl: sim.identityUrl,
    });
    expect(view.oauth.hasClientSecret).toBe(true);
    expect(JSON.stringify(t.settings.read())).not.toContain(SIM_OAUTH_CONFIDENTIAL_SECRET);
    done = t.nextProgress('connected', 'failed');
    await t.h['connection.startOAuth']({});
    await allow(page);
    expect((await done).phase).toBe('connected');
    // A `read` grant is read-only, and the view says so.
    expect(t.service.view().readOnly).toBe(true);
    for (const name of SECRET_NAMES.filter((n) => n !== 'api_key')) expect(await t.secrets.get(name)).not.toBeNull();
    const call = await t.service.forCall();
    if (!call.ok) throw new Error(call.message);
    const write = await call.api.request({ method: 'PUT', path: '/incidents', body: { incidents: [] } }).catch((e: Error) => e);
    expect((write as Error).message).toContain('The PagerDuty sign-in only has read access');
  });
});
