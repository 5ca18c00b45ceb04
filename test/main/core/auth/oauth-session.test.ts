// Token lifetime after sign-in: early refresh with rotation, one refresh after a 401, and a revoked
// refresh token turning the connection to needs_auth without ever opening a browser. The consent step
// is driven over plain HTTP (the browser path has its own test in sign-in.test.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refreshDue } from '../../../../src/main/core/auth/oauth-session';
import { PagerDutyError } from '../../../../src/main/core/pagerduty';
import { createSimulator, type Simulator } from '../../../simulator';
import { oauthRefreshTokens, SIM_OAUTH_CLIENT_ID } from '../../../simulator/oauth';
import { createHarness, filesContaining, loggedBytes, freePort, settle } from './harness';

let sim: Simulator;
const dataDirs: string[] = [];
const HOUR = 3600;

beforeAll(async () => {
  sim = await createSimulator({ accessTokenTtlSeconds: HOUR });
});
afterAll(async () => {
  await settle();
  const secrets = [...sim.db.accessTokens.keys(), ...oauthRefreshTokens(sim.db).keys()];
  expect(loggedBytes(dataDirs)).toBeGreaterThan(0);
  for (const dir of dataDirs) expect(filesContaining(dir, secrets)).toEqual([]);
  await sim.close();
});

/** What a browser does with the consent page: post Allow, follow the redirect to the app's listener. */
async function consentOverHttp(authorizeUrl: string, userId: string) {
  const url = new URL(authorizeUrl);
  const form = new URLSearchParams(url.searchParams);
  form.set('decision', 'allow');
  form.set('user_id', userId);
  const res = await fetch(`${url.origin}/oauth/authorize`, { method: 'POST', body: form, redirect: 'manual' });
  await fetch(res.headers.get('location')!);
}

async function signedIn() {
  const t = createHarness();
  dataDirs.push(t.dataDir);
  const user = sim.users[4]!;
  t.platform.onOpen = (url) => void consentOverHttp(url, user.id);
  await t.h['connection.saveOAuthSettings']({ clientId: SIM_OAUTH_CLIENT_ID, scopes: 'write', port: await freePort(), authBaseUrl: sim.identityUrl });
  const done = t.nextProgress('connected', 'failed');
  await t.h['connection.startOAuth']({});
  expect((await done).phase).toBe('connected');
  const tokens = async () => ({ access: await t.secrets.get('oauth_access_token'), refresh: await t.secrets.get('oauth_refresh_token') });
  return { t, user, tokens };
}

describe('OAuth tokens after sign-in', () => {
  it('refreshes before expiry, persisting the rotated refresh token', async () => {
    const { t, user, tokens } = await signedIn();
    const first = await tokens();
    const expiresAt = Date.parse(t.service.view().oauth.expiresAt!);

    // Well before expiry nothing is refreshed.
    t.advance(30 * 60_000);
    let call = await t.service.forCall();
    if (!call.ok) throw new Error(call.message);
    await call.api.request({ method: 'GET', path: '/users/me' });
    expect(await tokens()).toEqual(first);

    // Four minutes before expiry the next call refreshes first.
    t.advance(26 * 60_000);
    call = await t.service.forCall();
    if (!call.ok) throw new Error(call.message);
    const me = await call.api.request<{ user: { email: string } }>({ method: 'GET', path: '/users/me' });
    expect(me.data.user.email).toBe(user.email);
    const second = await tokens();
    expect(second.access).not.toBe(first.access);
    expect(second.refresh).not.toBe(first.refresh);
    expect(oauthRefreshTokens(sim.db).get(first.refresh!)?.revoked).toBe(true);
    expect(Date.parse(t.service.view().oauth.expiresAt!)).toBeGreaterThan(expiresAt);
    expect(t.platform.opened).toHaveLength(1);
    await t.close();
  });

  it('after a 401 refreshes once and retries the call', async () => {
    const { t, tokens } = await signedIn();
    const first = await tokens();
    const call = await t.service.forCall();
    if (!call.ok) throw new Error(call.message);
    sim.db.accessTokens.get(first.access!)!.revoked = true; // e.g. PagerDuty expired it early
    const res = await call.api.request({ method: 'GET', path: '/users/me' });
    expect(res.status).toBe(200);
    const second = await tokens();
    expect(second.access).not.toBe(first.access);
    expect(second.refresh).not.toBe(first.refresh);
    expect(t.service.view().status).toBe('connected');
    await t.close();
  });

  it('a revoked refresh token turns the connection to needs_auth: no browser, one Reauthorize notification', async () => {
    const { t, tokens } = await signedIn();
    const { access, refresh } = await tokens();
    sim.db.accessTokens.get(access!)!.revoked = true;
    oauthRefreshTokens(sim.db).get(refresh!)!.revoked = true;
    expect(t.platform.opened).toHaveLength(1); // the sign-in itself

    const call = await t.service.forCall();
    if (!call.ok) throw new Error(call.message);
    const error = await call.api.request({ method: 'GET', path: '/incidents' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PagerDutyError);
    expect((error as PagerDutyError).status).toBe(401);

    const view = t.service.view();
    expect(view.status).toBe('needs_auth');
    expect(view.oauth.connected).toBe(false);
    expect(await t.secrets.get('oauth_refresh_token')).toBeNull();
    expect(await t.secrets.get('oauth_access_token')).toBeNull();
    expect(t.platform.notifications).toHaveLength(1);
    expect(t.platform.notifications[0]).toMatchObject({ actionLabel: 'Reauthorize' });

    const next = await t.service.forCall();
    expect(next).toMatchObject({ ok: false, reason: 'needs_auth' });
    expect(!next.ok && next.message).toContain("sign in again (Reauthorize in the app's tray menu or window)");
    expect(t.platform.notifications).toHaveLength(1); // throttled
    expect(t.platform.opened).toHaveLength(1); // never a browser from a background retry

    // The person chooses Reauthorize: a new sign-in, and calls work again without a restart.
    const done = t.nextProgress('connected', 'failed');
    t.platform.notifications[0]!.onAction!();
    expect((await done).phase).toBe('connected');
    expect(t.platform.opened).toHaveLength(2);
    const again = await t.service.forCall();
    if (!again.ok) throw new Error(again.message);
    expect((await again.api.request({ method: 'GET', path: '/users/me' })).status).toBe(200);
    await t.close();
  });
});

describe('refreshDue', () => {
  const min = 60_000;
  it('refreshes in the last max(5 min, 10%) of the lifetime, never in its first half', () => {
    const day = 24 * 60 * min;
    expect(refreshDue(day, day, day - 2 * 60 * min)).toBe(true); // 10% of a day = 2.4 h
    expect(refreshDue(day, day, day - 3 * 60 * min)).toBe(false);
    expect(refreshDue(60 * min, 60 * min, 55 * min)).toBe(true); // 10% = 6 min
    expect(refreshDue(60 * min, 60 * min, 53 * min)).toBe(false);
    expect(refreshDue(20 * min, 20 * min, 15 * min)).toBe(true); // 5 min floor
    expect(refreshDue(20 * min, 20 * min, 14 * min)).toBe(false);
    expect(refreshDue(4 * min, 4 * min, 1 * min)).toBe(false); // a 4-minute token is not refreshed at once
    expect(refreshDue(4 * min, 4 * min, 2 * min)).toBe(true);
  });
});
