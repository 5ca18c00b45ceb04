// The simulator's identity endpoints, spoken to over real HTTP the way a browser and an OAuth client do.
import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSimulator, type Simulator } from './index';
import { oauthRefreshTokens, SIM_OAUTH_CLIENT_ID, SIM_OAUTH_CONFIDENTIAL_CLIENT_ID, SIM_OAUTH_CONFIDENTIAL_SECRET } from './oauth';

let sim: Simulator;
beforeAll(async () => {
  sim = await createSimulator({ accessTokenTtlSeconds: 120 });
});
afterAll(() => sim.close());

const REDIRECT = 'http://127.0.0.1:7777/callback';
const pkce = () => {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
};

function authorizeParams(over: Record<string, string> = {}, challenge = pkce().challenge) {
  return new URLSearchParams({
    client_id: SIM_OAUTH_CLIENT_ID,
    redirect_uri: REDIRECT,
    response_type: 'code',
    scope: 'read write',
    code_challenge: challenge,
    code_challenge_method: 'S256',
    state: 'st-123',
    ...over,
  });
}

/** Consent as the browser would post it; returns the redirect location. */
async function consent(decision: 'allow' | 'deny', challenge: string, over: Record<string, string> = {}): Promise<URL> {
  const form = authorizeParams({ ...over, decision, user_id: sim.users[2]!.id }, challenge);
  const res = await fetch(`${sim.identityUrl}/oauth/authorize`, { method: 'POST', body: form, redirect: 'manual' });
  expect(res.status).toBe(302);
  return new URL(res.headers.get('location')!);
}

const token = (body: Record<string, string>) =>
  fetch(`${sim.identityUrl}/oauth/token`, { method: 'POST', body: new URLSearchParams(body) }).then(async (r) => ({ status: r.status, json: (await r.json()) as Record<string, any> }));

async function codeFor(verifierChallenge = pkce()) {
  const back = await consent('allow', verifierChallenge.challenge);
  return { code: back.searchParams.get('code')!, state: back.searchParams.get('state'), ...verifierChallenge };
}

const exchange = (code: string, verifier: string, over: Record<string, string> = {}) =>
  token({ grant_type: 'authorization_code', client_id: SIM_OAUTH_CLIENT_ID, code, redirect_uri: REDIRECT, code_verifier: verifier, ...over });

describe('simulator OAuth', () => {
  it('shows a consent page with a user picker and Allow / Deny for a valid request', async () => {
    const res = await fetch(`${sim.identityUrl}/oauth/authorize?${authorizeParams()}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('>Allow</button>');
    expect(html).toContain('>Deny</button>');
    expect(html).toContain(sim.users[1]!.email);
  });

  it('answers a bad redirect_uri with PagerDuty\'s 400 page instead of redirecting', async () => {
    for (const redirect_uri of ['https://evil.example.com/callback', 'http://127.0.0.1:7777/other']) {
      const res = await fetch(`${sim.identityUrl}/oauth/authorize?${authorizeParams({ redirect_uri })}`, { redirect: 'manual' });
      expect(res.status).toBe(400);
      expect(await res.text()).toContain('Invalid or missing value for redirect_uri parameter');
    }
    const unknown = await fetch(`${sim.identityUrl}/oauth/authorize?${authorizeParams({ client_id: 'nope' })}`);
    expect(unknown.status).toBe(400);
  });

  it('requires PKCE S256', async () => {
    const res = await fetch(`${sim.identityUrl}/oauth/authorize?${authorizeParams({ code_challenge_method: 'plain' })}`, { redirect: 'manual' });
    expect(res.status).toBe(302);
    expect(new URL(res.headers.get('location')!).searchParams.get('error')).toBe('invalid_request');
  });

  it('Deny redirects back with access_denied and the state', async () => {
    const back = await consent('deny', pkce().challenge);
    expect(back.searchParams.get('error')).toBe('access_denied');
    expect(back.searchParams.get('state')).toBe('st-123');
    expect(back.searchParams.get('code')).toBeNull();
  });

  it('exchanges a code once for PagerDuty-shaped tokens that the API honours', async () => {
    const { code, verifier, state } = await codeFor();
    expect(state).toBe('st-123');
    const { status, json } = await exchange(code, verifier);
    expect(status).toBe(200);
    expect(json).toMatchObject({ token_type: 'bearer', scope: 'openid read write', expires_in: 120 });
    expect(json.access_token).toMatch(/^pdus\+_0/);
    const claims = JSON.parse(Buffer.from(json.id_token.split('.')[1], 'base64url').toString());
    expect(claims).toMatchObject({ aud: [sim.apiUrl('us'), SIM_OAUTH_CLIENT_ID], sub: sim.users[2]!.email, subdomain: 'acme', azp: SIM_OAUTH_CLIENT_ID });
    const keys = await fetch(`${sim.identityUrl}/global/oauth/anonymous/jwks`).then((r) => r.json() as Promise<{ keys: unknown[] }>);
    expect(keys.keys).toHaveLength(1);

    const me = await fetch(`${sim.apiUrl('us')}/users/me`, { headers: { Authorization: `Bearer ${json.access_token}` } });
    expect(((await me.json()) as { user: { email: string } }).user.email).toBe(sim.users[2]!.email);

    const replay = await exchange(code, verifier);
    expect(replay).toMatchObject({ status: 400, json: { error: 'invalid_grant' } });
    expect(replay.json.error_description).toContain('already been used');
  });

  it('refuses a wrong verifier, a different redirect_uri and an expired code', async () => {
    const a = await codeFor();
    expect((await exchange(a.code, pkce().verifier)).json.error_description).toContain('PKCE');
    const b = await codeFor();
    expect((await exchange(b.code, b.verifier, { redirect_uri: 'http://127.0.0.1:7778/callback' })).json.error_description).toContain('redirect_uri');
    const c = await codeFor();
    sim.db.collection<{ id: string; expiresAt: number }>('oauth_codes').get(c.code)!.expiresAt = Date.now() - 1;
    expect((await exchange(c.code, c.verifier)).json).toMatchObject({ error: 'invalid_grant', error_description: 'The authorization code has expired.' });
  });

  it('rotates refresh tokens: the old one stops working; a revoked one is invalid_grant', async () => {
    const { code, verifier } = await codeFor();
    const first = (await exchange(code, verifier)).json;
    const refresh = (rt: string) => token({ grant_type: 'refresh_token', client_id: SIM_OAUTH_CLIENT_ID, refresh_token: rt });
    const second = await refresh(first.refresh_token);
    expect(second.status).toBe(200);
    expect(second.json.refresh_token).not.toBe(first.refresh_token);
    expect((await refresh(first.refresh_token)).json.error).toBe('invalid_grant');

    const revoked = await fetch(`${sim.identityUrl}/oauth/revoke`, { method: 'POST', body: new URLSearchParams({ token: second.json.refresh_token, client_id: SIM_OAUTH_CLIENT_ID }) });
    expect(revoked.status).toBe(200);
    expect(oauthRefreshTokens(sim.db).get(second.json.refresh_token)?.revoked).toBe(true);
    expect(await refresh(second.json.refresh_token)).toMatchObject({ status: 400, json: { error: 'invalid_grant' } });
  });

  it('issues scoped tokens the API holds to their scopes, and checks a confidential client\'s secret', async () => {
    const p = pkce();
    const form = authorizeParams({ client_id: SIM_OAUTH_CONFIDENTIAL_CLIENT_ID, scope: 'users.read', decision: 'allow', user_id: sim.users[0]!.id }, p.challenge);
    const res = await fetch(`${sim.identityUrl}/oauth/authorize`, { method: 'POST', body: form, redirect: 'manual' });
    const code = new URL(res.headers.get('location')!).searchParams.get('code')!;
    const noSecret = await exchange(code, p.verifier, { client_id: SIM_OAUTH_CONFIDENTIAL_CLIENT_ID });
    expect(noSecret).toMatchObject({ status: 401, json: { error: 'invalid_client' } });

    const p2 = pkce();
    const res2 = await fetch(`${sim.identityUrl}/oauth/authorize`, { method: 'POST', body: authorizeParams({ client_id: SIM_OAUTH_CONFIDENTIAL_CLIENT_ID, scope: 'users.read', decision: 'allow' }, p2.challenge), redirect: 'manual' });
    const code2 = new URL(res2.headers.get('location')!).searchParams.get('code')!;
    const ok = await exchange(code2, p2.verifier, { client_id: SIM_OAUTH_CONFIDENTIAL_CLIENT_ID, client_secret: SIM_OAUTH_CONFIDENTIAL_SECRET });
    expect(ok.json.scope).toBe('openid users.read');
    const auth = { Authorization: `Bearer ${ok.json.access_token}` };
    expect((await fetch(`${sim.apiUrl('us')}/users`, { headers: auth })).status).toBe(200);
    expect((await fetch(`${sim.apiUrl('us')}/incidents`, { headers: auth })).status).toBe(403);
  });
});
