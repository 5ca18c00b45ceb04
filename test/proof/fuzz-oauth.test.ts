// OAuth callback attacks against the real sign-in (the connection service's loopback listener and the
// simulator's identity endpoints): a foreign state, a missing code, an error parameter, a repeated
// callback, and arbitrary query strings. Each is refused with a clear message, and nothing is stored.
// The browser's part (consent) is played with plain HTTP, as the form would post it.
import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { OAuthProgress } from '../../src/shared/model';
import { createSimulator, type Simulator } from '../simulator';
import { SIM_OAUTH_CLIENT_ID } from '../simulator/oauth';
import { createHarness, freePort } from '../main/core/auth/harness';
import { fuzzRuns, fuzzTimeout, rawHttp } from '../support/fuzz';

let sim: Simulator;
const open: Array<ReturnType<typeof createHarness>> = [];

beforeAll(async () => {
  sim = await createSimulator();
});
afterEach(async () => {
  for (const h of open.splice(0)) await h.close();
});
afterAll(async () => {
  await sim?.close();
});

async function harness() {
  const h = createHarness();
  open.push(h);
  const port = await freePort();
  await h.h['connection.saveOAuthSettings']({ clientId: SIM_OAUTH_CLIENT_ID, scopes: 'read write', port, authBaseUrl: sim.identityUrl });
  return { h, port };
}

/** Starts a sign-in; returns the authorize URL's parts and a promise of the outcome. */
async function begin(h: ReturnType<typeof createHarness>) {
  const outcome = h.nextProgress('connected', 'failed');
  const started = await h.h['connection.startOAuth']({});
  const authorize = new URL(started.authorizeUrl!);
  return { authorize, state: authorize.searchParams.get('state')!, redirectUri: authorize.searchParams.get('redirect_uri')!, outcome };
}

/** What the consent page's Allow button posts; returns the redirect back to the app. */
async function consent(authorize: URL): Promise<URL> {
  const form = new URLSearchParams(authorize.searchParams);
  form.set('decision', 'allow');
  form.set('user_id', sim.users[1]!.id);
  const res = await fetch(`${sim.identityUrl}/oauth/authorize`, { method: 'POST', body: form, redirect: 'manual' });
  expect(res.status).toBeGreaterThanOrEqual(300);
  return new URL(res.headers.get('location')!);
}

const callback = (url: string) => {
  const u = new URL(url);
  return rawHttp({ port: Number(u.port), method: 'GET', path: u.pathname + u.search, headers: { host: u.host } });
};

async function nothingStored(h: ReturnType<typeof createHarness>) {
  expect(await h.secrets.get('oauth_access_token')).toBeNull();
  expect(await h.secrets.get('oauth_refresh_token')).toBeNull();
  expect(h.service.view()).toMatchObject({ status: 'not_configured', oauth: { connected: false, pending: false } });
}

async function refused(h: ReturnType<typeof createHarness>, url: string, outcome: Promise<OAuthProgress>, message: RegExp) {
  const res = await callback(url);
  expect(res.status).toBe(400);
  expect(res.body).toContain('PagerDuty sign-in failed');
  const result = await outcome;
  expect(result.phase).toBe('failed');
  expect(result.message).toMatch(message);
  await nothingStored(h);
}

describe('OAuth callback attacks', () => {
  it('refuses a callback with a foreign state, even carrying a real code', async () => {
    const { h } = await harness();
    const { authorize, outcome } = await begin(h);
    const back = await consent(authorize);
    back.searchParams.set('state', 'someone-elses-sign-in');
    await refused(h, back.toString(), outcome, /state mismatch.*nothing changed/);
  });

  it('refuses a callback without a code', async () => {
    const { h } = await harness();
    const { redirectUri, state, outcome } = await begin(h);
    await refused(h, `${redirectUri}?state=${encodeURIComponent(state)}`, outcome, /had no authorization code/);
  });

  it('says what to do when the callback has no code', async () => {
    const { h } = await harness();
    const { redirectUri, state, outcome } = await begin(h);
    await refused(h, `${redirectUri}?state=${encodeURIComponent(state)}`, outcome, /Start the sign-in again/);
  });

  it('refuses a callback carrying an error parameter, and says what happened', async () => {
    const { h } = await harness();
    const { redirectUri, state, outcome } = await begin(h);
    await refused(h, `${redirectUri}?error=access_denied&error_description=nope&state=${encodeURIComponent(state)}`, outcome, /Access was denied/);
    const second = await begin(h);
    await refused(h, `${second.redirectUri}?error=server_error&error_description=%3Cscript%3E&state=${encodeURIComponent(second.state)}`, second.outcome, /PagerDuty refused the sign-in \(server_error/);
  });

  it('takes one callback only: a repeated one changes nothing', async () => {
    const { h } = await harness();
    const { authorize, outcome } = await begin(h);
    const back = await consent(authorize);
    const first = await callback(back.toString());
    expect(first.status).toBe(200);
    expect((await outcome).phase).toBe('connected');
    const token = await h.secrets.get('oauth_access_token');
    expect(token).toMatch(/^pdus\+_0/);
    // The listener is gone after the first callback; if anything answers, it is not a second sign-in.
    const again = await callback(back.toString()).catch((error: Error) => ({ status: 0, body: error.message }));
    expect(again.status).not.toBe(200);
    expect(await h.secrets.get('oauth_access_token')).toBe(token);
    expect(h.service.view()).toMatchObject({ status: 'connected', identity: { email: sim.users[1]!.email } });
  });

  it('ignores other paths and methods on the loopback port without ending the sign-in', async () => {
    const { h, port } = await harness();
    const { authorize, outcome } = await begin(h);
    const host = `127.0.0.1:${port}`;
    expect((await rawHttp({ port, method: 'GET', path: '/', headers: { host } })).status).toBe(404);
    expect((await rawHttp({ port, method: 'POST', path: '/callback?code=x&state=y', headers: { host }, body: 'code=x' })).status).toBe(405);
    expect((await rawHttp({ port, method: 'GET', path: '/callbackx?code=x', headers: { host } })).status).toBe(404);
    const back = await consent(authorize);
    expect((await callback(back.toString())).status).toBe(200);
    expect((await outcome).phase).toBe('connected');
  });

  const runs = fuzzRuns(25);
  it(`refuses arbitrary callback query strings and stores nothing (${runs} cases)`, { timeout: fuzzTimeout(runs, 200) }, async () => {
    const { h } = await harness();
    const param = fc.oneof(fc.constantFrom('code', 'state', 'error', 'error_description', 'iss', 'session_state', 'code ', 'STATE'), fc.string({ maxLength: 8 }));
    const value = fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom('', '%00', '..%2F', 'access_denied', '<script>alert(1)</script>'));
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(param, value), { maxLength: 5 }), fc.boolean(), async (pairs, keepState) => {
        const { redirectUri, state, outcome } = await begin(h);
        const query = new URLSearchParams(pairs);
        // Half the time the real state rides along: a right state with junk beside it is still refused.
        if (keepState) query.set('state', state);
        const res = await callback(`${redirectUri}?${query}`);
        expect(res.status).toBe(400);
        expect(res.body).not.toContain('<script>alert');
        const result = await outcome;
        expect(result.phase).toBe('failed');
        expect(result.message!.length).toBeGreaterThan(20);
        await nothingStored(h);
      }),
      { numRuns: runs },
    );
  });
});
