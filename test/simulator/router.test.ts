// The router on its own (no HTTP): what PagerDuty does around every handler.
import { describe, expect, it } from 'vitest';
import { createContext } from './context';
import { createDb } from './db';
import { createRouter, type RawApiRequest } from './router';
import { seedIdentity } from './seed';
import type { SimRequest } from './types';

function setup() {
  const db = createDb();
  const users = seedIdentity(db, new Date());
  db.apiKeys.set('accountkey', { level: 'account', userId: null, readOnly: false });
  db.apiKeys.set('accountro', { level: 'account', userId: null, readOnly: true });
  db.apiKeys.set('userkey', { level: 'user', userId: users[2].id, readOnly: false });
  db.apiKeys.set('revokedkey', { level: 'account', userId: null, readOnly: false, revoked: true });
  const now = Date.now();
  const token = (scopes: string[], extra: Partial<{ expiresAt: number; revoked: boolean }> = {}) => ({
    userId: users[3].id, scopes, expiresAt: now + 60_000, revoked: false, clientId: 'app', ...extra,
  });
  db.accessTokens.set('classicread', token(['openid', 'read']));
  db.accessTokens.set('classicwrite', token(['openid', 'write']));
  db.accessTokens.set('scopedread', token(['incidents.read']));
  db.accessTokens.set('scopedwrite', token(['incidents.write']));
  db.accessTokens.set('otherscope', token(['services.read']));
  db.accessTokens.set('expired', token(['write'], { expiresAt: now - 1000 }));
  db.accessTokens.set('expiredsecs', token(['write'], { expiresAt: Math.floor(now / 1000) - 10 }));
  db.accessTokens.set('revoked', token(['write'], { revoked: true }));

  const router = createRouter();
  const seen: SimRequest[] = [];
  const echo = (req: SimRequest) => {
    seen.push(req);
    return { status: 200, body: { ok: true } };
  };
  router.route('GET', '/incidents', { scope: 'incidents' }, echo);
  router.route('GET', '/incidents/:id', { scope: 'incidents' }, echo);
  router.route('GET', '/incidents/count', { scope: 'incidents' }, () => ({ status: 200, body: { literal: true } }));
  router.route('POST', '/incidents', { scope: 'incidents', requiresFrom: true }, echo);
  router.route('PUT', '/incidents/:id/snooze', { scope: 'incidents' }, echo);
  const sim = createContext({ db, apiBase: 'http://sim/us', webBase: 'https://acme.pagerduty.com', now: () => new Date() });
  const call = (method: string, path: string, headers: Record<string, string> = {}, rawBody = '') => {
    const raw: RawApiRequest = { method, path, query: new URLSearchParams(), headers, rawBody };
    return router.handle(raw, sim);
  };
  return { db, users, call, seen };
}

const key = (k: string) => ({ authorization: `Token token=${k}` });
const bearer = (t: string) => ({ authorization: `Bearer ${t}` });
const AUTH_FAILED = { error: { message: 'Authentication failed', code: 2006 } };

describe('authentication', () => {
  it.each([
    ['missing', {}],
    ['unknown key', key('nope')],
    ['revoked key', key('revokedkey')],
    ['unknown token', bearer('nope')],
    ['expired token', bearer('expired')],
    ['expired token (epoch seconds)', bearer('expiredsecs')],
    ['revoked token', bearer('revoked')],
    ['other scheme', { authorization: 'Basic dXNlcjpwYXNz' }],
    ['key without the token= form', { authorization: 'Token accountkey' }],
  ])('refuses %s with 401 code 2006', async (_name, headers) => {
    const res = await setup().call('GET', '/incidents', headers);
    expect(res).toEqual({ status: 401, body: AUTH_FAILED });
  });

  it('tells the handler who is calling', async () => {
    const { call, seen, users } = setup();
    await call('GET', '/incidents', key('accountkey'));
    await call('GET', '/incidents', key('userkey'));
    await call('GET', '/incidents', bearer('classicread'));
    expect(seen.map((r) => r.caller)).toEqual([
      { kind: 'account_key', userId: null, readOnly: false, scopes: null },
      { kind: 'user_key', userId: users[2].id, readOnly: false, scopes: null },
      { kind: 'oauth', userId: users[3].id, readOnly: false, scopes: ['openid', 'read'] },
    ]);
  });
});

describe('permissions', () => {
  it('refuses writes with a read-only key (403) but allows its reads', async () => {
    const { call } = setup();
    expect((await call('GET', '/incidents', key('accountro'))).status).toBe(200);
    const res = await call('POST', '/incidents', { ...key('accountro'), from: 'alex.morgan@example.com' }, '{}');
    expect(res.status).toBe(403);
    expect((res.body as any).error.code).toBe(2010);
  });

  it.each([
    ['classicread', 'GET', 200],
    ['classicread', 'PUT', 403],
    ['classicwrite', 'GET', 200],
    ['classicwrite', 'PUT', 200],
    ['scopedread', 'GET', 200],
    ['scopedread', 'PUT', 403],
    ['scopedwrite', 'GET', 200],
    ['scopedwrite', 'PUT', 200],
    ['otherscope', 'GET', 403],
  ])('OAuth token %s: %s → %i', async (token, method, status) => {
    const path = method === 'GET' ? '/incidents/PABC123' : '/incidents/PABC123/snooze';
    const res = await setup().call(method, path, bearer(token));
    expect(res.status).toBe(status);
    if (status === 403) expect((res.body as any).error.errors[0]).toMatch(/incidents\.(read|write)/);
  });
});

describe('the From header', () => {
  it('requires From on such writes with an account key', async () => {
    const res = await setup().call('POST', '/incidents', key('accountkey'), '{}');
    expect(res.status).toBe(400);
    expect((res.body as any).error.message).toBe('You must specify a user\'s email address in the "From" header to perform this action');
  });

  it('rejects a malformed From with 1028 and an unknown one with 1008', async () => {
    const { call } = setup();
    const bad = await call('POST', '/incidents', { ...key('accountkey'), from: 'not an email' }, '{}');
    expect(bad).toEqual({ status: 400, body: { error: { message: 'Malformed "From" header', code: 1028 } } });
    const unknown = await call('POST', '/incidents', { ...key('accountkey'), from: 'ghost@example.com' }, '{}');
    expect(unknown).toEqual({ status: 400, body: { error: { message: 'Requester User Not Found', code: 1008 } } });
  });

  it('passes the From user to the handler (case-insensitive email)', async () => {
    const { call, seen, users } = setup();
    const res = await call('POST', '/incidents', { ...key('accountkey'), from: 'Priya.Shah@Example.com' }, '{"a":1}');
    expect(res.status).toBe(200);
    expect(seen[0].fromUser?.id).toBe(users[1].id);
    expect(seen[0].body).toEqual({ a: 1 });
  });

  it('lets user keys and OAuth tokens act as their own user without From', async () => {
    const { call, seen, users } = setup();
    expect((await call('POST', '/incidents', key('userkey'), '{}')).status).toBe(200);
    expect((await call('POST', '/incidents', bearer('classicwrite'), '{}')).status).toBe(200);
    expect(seen.map((r) => r.fromUser?.id)).toEqual([users[2].id, users[3].id]);
  });
});

describe('routing and bodies', () => {
  it('answers unknown routes and methods with PagerDuty 404 (after auth)', async () => {
    const { call } = setup();
    expect(await call('GET', '/nothing', key('accountkey'))).toEqual({ status: 404, body: { error: { message: 'Not Found', code: 2100 } } });
    expect((await call('DELETE', '/incidents', key('accountkey'))).status).toBe(404);
    expect((await call('GET', '/nothing')).status).toBe(401);
  });

  it('extracts :params and prefers literal segments', async () => {
    const { call, seen } = setup();
    await call('GET', '/incidents/Q1%2FX', key('accountkey'));
    expect(seen[0].params).toEqual({ id: 'Q1/X' });
    expect((await call('GET', '/incidents/count', key('accountkey'))).body).toEqual({ literal: true });
  });

  it('rejects a body that is not JSON with 400 code 2001', async () => {
    const res = await setup().call('POST', '/incidents', { ...key('accountkey'), from: 'alex.morgan@example.com' }, '{"incident":');
    expect(res.status).toBe(400);
    expect((res.body as any).error.code).toBe(2001);
  });
});
