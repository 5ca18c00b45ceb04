import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createPagerDutyClient, PagerDutyError, type PdAuthProvider, type PagerDutyApi } from '../../../../src/main/core/pagerduty';
import { createSimulator, type Simulator } from '../../../simulator';

let sim: Simulator;
beforeAll(async () => {
  sim = await createSimulator();
});
afterAll(() => sim.close());
afterEach(() => {
  sim.faults.clear();
  sim.requests.length = 0;
});

const keyAuth = (key: string, fromEmail: string | null = null): PdAuthProvider => ({
  current: async () => ({ authorization: `Token token=${key}`, fromEmail }),
});

function client(auth: PdAuthProvider, extra: Partial<Parameters<typeof createPagerDutyClient>[0]> = {}) {
  const waits: number[] = [];
  const pd = createPagerDutyClient({
    baseUrl: sim.apiUrl('us'),
    auth,
    sleep: async (ms) => {
      waits.push(ms);
    },
    ...extra,
  });
  return { pd, waits };
}

async function failure(promise: Promise<unknown>): Promise<PagerDutyError> {
  try {
    await promise;
  } catch (err) {
    expect(err).toBeInstanceOf(PagerDutyError);
    return err as PagerDutyError;
  }
  throw new Error('expected the call to fail');
}

const apiRequests = () => sim.requests.filter((r) => r.region !== null);

describe('headers', () => {
  it('sends the REST key as `Token token=`, the v2 Accept header, and From only on writes', async () => {
    const { pd } = client(keyAuth(sim.keys.user, 'alex.morgan@example.com'));
    const me = await pd.request<{ user: { email: string } }>({ method: 'GET', path: '/users/me' });
    expect(me.data.user.email).toBe('alex.morgan@example.com');
    await failure(pd.request({ method: 'POST', path: '/no_such_things', body: { thing: {} } }));

    const [get, post] = apiRequests();
    expect(get.headers.accept).toBe('application/vnd.pagerduty+json;version=2');
    expect(get.from).toBeNull();
    expect(get.headers['content-type']).toBeUndefined();
    expect(post.from).toBe('alex.morgan@example.com');
    expect(post.headers['content-type']).toBe('application/json');
    expect(JSON.parse(post.body)).toEqual({ thing: {} });
    // the simulator recorded no credential, yet authenticated the GET with the key
    expect(JSON.stringify(sim.requests)).not.toContain(sim.keys.user);
  });

  it('sends an OAuth access token as Bearer', async () => {
    const token = 'pdus+_0XBPWQQ_test-bearer-token';
    sim.db.accessTokens.set(token, { userId: sim.users[1].id, scopes: ['read'], expiresAt: Date.now() + 60_000, revoked: false, clientId: 'c' });
    const { pd } = client({ current: async () => ({ authorization: `Bearer ${token}`, fromEmail: null }) });
    const me = await pd.request<{ user: { id: string } }>({ method: 'GET', path: '/users/me' });
    expect(me.data.user.id).toBe(sim.users[1].id);
  });
});

describe('query encoding', () => {
  it('repeats array keys with [] and skips absent values', async () => {
    const { pd } = client(keyAuth(sim.keys.account));
    const teams = ['PTEA002', 'PTEA003'];
    const res = await pd.request<{ users: Array<{ teams: Array<{ id: string }> }> }>({
      method: 'GET',
      path: '/users',
      query: { 'team_ids': teams, 'include[]': ['teams'], total: true, query: undefined, limit: null },
    });
    const q = apiRequests()[0].query;
    expect(q.getAll('team_ids[]')).toEqual(teams);
    expect(q.getAll('include[]')).toEqual(['teams']);
    expect(q.get('total')).toBe('true');
    expect(q.has('query')).toBe(false);
    expect(q.has('limit')).toBe(false);
    // PagerDuty applied the filter: every user is on one of the teams
    expect(res.data.users.length).toBeGreaterThan(0);
    for (const u of res.data.users) expect(u.teams.some((t) => teams.includes(t.id))).toBe(true);
  });
});

describe('list (classic pagination)', () => {
  let big: Simulator;
  beforeAll(async () => {
    big = await createSimulator({ seed: false });
    for (let i = 0; i < 10_050; i++) {
      const id = `PX${String(i).padStart(5, '0')}`;
      big.db.users.set(id, { id, type: 'user', name: `User ${String(i).padStart(5, '0')}`, email: `u${i}@example.com`, role: 'user', time_zone: 'UTC', teams: [] });
    }
  });
  afterAll(() => big.close());
  const bigClient = () => createPagerDutyClient({ baseUrl: big.apiUrl('us'), auth: keyAuth(big.keys.account) });

  it('stops at the cap, says PagerDuty had more, and pages by 100', async () => {
    big.requests.length = 0;
    const res = await bigClient().list('/users', 'users', {}, { cap: 250, total: true });
    expect(res.items).toHaveLength(250);
    expect(res.more).toBe(true);
    expect(res.total).toBe(10_058);
    expect(res.requestId).toBe(big.requests.at(-1)!.requestId);
    expect(big.requests.map((r) => [r.query.get('limit'), r.query.get('offset')])).toEqual([
      ['100', '0'],
      ['100', '100'],
      ['50', '200'],
    ]);
    expect(new Set(res.items.map((u: any) => u.id)).size).toBe(250);
  });

  it('defaults to 100 records and never exceeds 1000', async () => {
    expect((await bigClient().list('/users', 'users')).items).toHaveLength(100);
    big.requests.length = 0;
    const res = await bigClient().list('/users', 'users', {}, { cap: 5000 });
    expect(res.items).toHaveLength(1000);
    expect(big.requests).toHaveLength(10);
  });

  it('reports more=false when everything fit', async () => {
    const res = await client(keyAuth(sim.keys.account)).pd.list('/users', 'users', {}, { cap: 50 });
    expect(res.items).toHaveLength(sim.users.length);
    expect(res.more).toBe(false);
    expect(res.total).toBeNull();
  });

  it('never asks beyond offset+limit 10000 and says records were left', async () => {
    big.requests.length = 0;
    const res = await bigClient().list('/users', 'users', { offset: 9_950 }, { cap: 100 });
    expect(res.items).toHaveLength(50);
    expect(res.more).toBe(true);
    for (const r of big.requests) expect(Number(r.query.get('offset')) + Number(r.query.get('limit'))).toBeLessThanOrEqual(10_000);
  });
});

describe('rate limits', () => {
  it('waits ratelimit-reset seconds after a 429, then succeeds', async () => {
    const { pd, waits } = client(keyAuth(sim.keys.account));
    sim.faults.next({ kind: 'rate_limit', resetSeconds: 3 });
    const res = await pd.request<{ users: unknown[] }>({ method: 'GET', path: '/users' });
    expect(res.data.users.length).toBeGreaterThan(0);
    expect(waits).toEqual([3000]);
    expect(apiRequests()).toHaveLength(2);
  });

  it('retries a write after a 429, since PagerDuty did not process it', async () => {
    const { pd, waits } = client(keyAuth(sim.keys.account, 'alex.morgan@example.com'));
    sim.faults.next({ kind: 'rate_limit', resetSeconds: 1 });
    const err = await failure(pd.request({ method: 'POST', path: '/no_such_things', body: {} }));
    expect(err.status).toBe(404); // the retry reached the API
    expect(waits).toEqual([1000]);
    expect(apiRequests()).toHaveLength(2);
  });

  it('gives up with rate_limited when the wait would exceed the bound', async () => {
    const { pd, waits } = client(keyAuth(sim.keys.account), { maxRateLimitWaitMs: 5_000 });
    sim.faults.next({ kind: 'rate_limit', resetSeconds: 30 });
    const err = await failure(pd.request({ method: 'GET', path: '/users' }));
    expect(err.kind).toBe('rate_limited');
    expect(err.status).toBe(429);
    expect(err.code).toBe(2020);
    expect(err.message).toMatch(/wait about 30 s/i);
    expect(waits).toEqual([]);
  });
});

describe('retries', () => {
  it('retries a GET after 500, 503 and a dropped connection', async () => {
    const { pd, waits } = client(keyAuth(sim.keys.account), { maxRetries: 3 });
    sim.faults.next({ kind: 'status', status: 500 });
    sim.faults.next({ kind: 'status', status: 503 });
    sim.faults.next({ kind: 'drop' });
    const res = await pd.request<{ user: { id: string } }>({ method: 'GET', path: `/users/${sim.users[2].id}` });
    expect(res.data.user.id).toBe(sim.users[2].id);
    expect(apiRequests()).toHaveLength(4);
    expect(waits).toHaveLength(3);
    expect(waits[1]).toBeGreaterThan(waits[0] / 2); // exponential, jittered
  });

  it('gives up on a GET after maxRetries and says to try again', async () => {
    const { pd } = client(keyAuth(sim.keys.account));
    sim.faults.next({ kind: 'status', status: 503 }, 5);
    const err = await failure(pd.request({ method: 'GET', path: '/users' }));
    expect(err.status).toBe(503);
    expect(err.message).toMatch(/try again/i);
    expect(apiRequests()).toHaveLength(3);
  });

  it('never retries a write after a 5xx, and says it may have been applied', async () => {
    const { pd, waits } = client(keyAuth(sim.keys.account, 'alex.morgan@example.com'));
    sim.faults.next({ kind: 'status', status: 500 });
    const err = await failure(pd.request({ method: 'POST', path: '/incidents', body: { incident: { title: 'x' } } }));
    expect(err.status).toBe(500);
    expect(err.message).toMatch(/may or may not have been applied/);
    expect(apiRequests()).toHaveLength(1);
    expect(waits).toEqual([]);
  });

  it('never retries a write after a dropped connection', async () => {
    const { pd } = client(keyAuth(sim.keys.account, 'alex.morgan@example.com'));
    sim.faults.next({ kind: 'drop' });
    const err = await failure(pd.request({ method: 'PUT', path: '/incidents/PINC007', body: { incident: { type: 'incident_reference', status: 'acknowledged' } } }));
    expect(err.kind).toBe('network');
    expect(err.message).toMatch(/may or may not have been applied/);
    expect(apiRequests()).toHaveLength(1);
  });
});

describe('timeouts and cancellation', () => {
  it('times out a slow request', async () => {
    const { pd } = client(keyAuth(sim.keys.account), { timeoutMs: 100 });
    sim.faults.next({ kind: 'delay', ms: 400 });
    const started = Date.now();
    const err = await failure(pd.request({ method: 'GET', path: '/users' }));
    expect(err.kind).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(350);
  });

  it('stops when the caller cancels', async () => {
    const { pd } = client(keyAuth(sim.keys.account));
    sim.faults.next({ kind: 'delay', ms: 400 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const err = await failure(pd.request({ method: 'GET', path: '/users', signal: controller.signal }));
    expect(err.kind).toBe('cancelled');
  });

  it('stops waiting out a rate limit when the caller cancels', async () => {
    const pd = createPagerDutyClient({ baseUrl: sim.apiUrl('us'), auth: keyAuth(sim.keys.account) });
    sim.faults.next({ kind: 'rate_limit', resetSeconds: 20 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const err = await failure(pd.request({ method: 'GET', path: '/users', signal: controller.signal }));
    expect(err.kind).toBe('cancelled');
    expect(apiRequests()).toHaveLength(1);
  });
});

describe('401 and credential refresh', () => {
  it('refreshes once after a 401 and retries with the new credentials', async () => {
    let key = 'revokedkey123456';
    let refreshes = 0;
    const { pd } = client({
      current: async () => ({ authorization: `Token token=${key}`, fromEmail: null }),
      refreshAfterUnauthorized: async () => {
        refreshes++;
        key = sim.keys.user;
        return true;
      },
    });
    const me = await pd.request<{ user: { id: string } }>({ method: 'GET', path: '/users/me' });
    expect(me.data.user.id).toBe(sim.users[0].id);
    expect(refreshes).toBe(1);
    expect(apiRequests()).toHaveLength(2);
  });

  it('throws a reconnect message when the refresh does not help, after exactly one retry', async () => {
    let refreshes = 0;
    const { pd } = client({
      current: async () => ({ authorization: 'Token token=neverValid000000', fromEmail: null }),
      refreshAfterUnauthorized: async () => {
        refreshes++;
        return true;
      },
    });
    const err = await failure(pd.request({ method: 'GET', path: '/users/me' }));
    expect(err.status).toBe(401);
    expect(err.code).toBe(2006);
    expect(err.message).toMatch(/Reconnect PagerDuty in the app/);
    expect(refreshes).toBe(1);
    expect(apiRequests()).toHaveLength(2);
  });

  it('does not retry a 401 when the refresh hook declines', async () => {
    const { pd } = client({ ...keyAuth(sim.keys.user), refreshAfterUnauthorized: async () => false });
    sim.faults.next({ kind: 'unauthorized' });
    const err = await failure(pd.request({ method: 'GET', path: '/users/me' }));
    expect(err.status).toBe(401);
    expect(apiRequests()).toHaveLength(1);
  });
});

describe('error mapping', () => {
  it('carries status, PagerDuty code, request id, and a next step on 404', async () => {
    const { pd } = client(keyAuth(sim.keys.account));
    const err = await failure(pd.request({ method: 'GET', path: '/users/PNOPE00' }));
    expect(err).toMatchObject({ kind: 'http', status: 404, code: 2100 });
    expect(err.requestId).toBe(apiRequests()[0].requestId);
    expect(err.message).toMatch(/check the id/);
  });

  it('relays PagerDuty errors[] on 400', async () => {
    const { pd } = client(keyAuth(sim.keys.account));
    const err = await failure(pd.request({ method: 'GET', path: '/users', query: { limit: 100, offset: 9_950 } }));
    expect(err.status).toBe(400);
    expect(err.code).toBe(2002);
    expect(err.errors[0]).toMatch(/Offset\+limit exceeds/);
    expect(err.message).toMatch(/Offset\+limit exceeds/);
  });

  it('explains a 403 from a read-only key and names the scope', async () => {
    const { pd } = client(keyAuth(sim.keys.accountReadOnly, 'alex.morgan@example.com'));
    const err = await failure(pd.request({ method: 'POST', path: '/incidents', body: {} }));
    // the incidents area may or may not exist yet; an unknown route would be 404
    if (err.status === 403) {
      expect(err.message).toMatch(/read-only/);
      expect(err.message).toMatch(/incidents\.write/);
    }
    expect(err.message).not.toContain(sim.keys.accountReadOnly);
  });

  it('never puts the credential in an error, even when the server echoes it, and copes with non-JSON bodies', async () => {
    const secret = 'SuperSecretKey0123456789';
    const server = http.createServer((req, res) => {
      if (req.url?.startsWith('/echo')) {
        res.writeHead(400, { 'content-type': 'application/json', 'x-request-id': 'req-echo' });
        res.end(JSON.stringify({ error: { message: `Bad header ${req.headers.authorization}`, code: 2001, errors: [`got ${req.headers.authorization}`] } }));
      } else {
        res.writeHead(502, { 'content-type': 'text/html' });
        res.end('<html><body>Bad gateway</body></html>');
      }
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const pd: PagerDutyApi = createPagerDutyClient({
        baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        auth: keyAuth(secret),
        maxRetries: 0,
      });
      const echoed = await failure(pd.request({ method: 'GET', path: '/echo' }));
      expect(echoed.status).toBe(400);
      expect(echoed.requestId).toBe('req-echo');
      expect(JSON.stringify({ m: echoed.message, e: echoed.errors, s: echoed.stack })).not.toContain(secret);
      const html = await failure(pd.request({ method: 'GET', path: '/html' }));
      expect(html).toMatchObject({ kind: 'http', status: 502, code: null });
      expect(html.message).toMatch(/502/);
    } finally {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  });

  it('reports an unreachable host as a network error', async () => {
    const pd = createPagerDutyClient({ baseUrl: 'http://127.0.0.1:1', auth: keyAuth('k'), maxRetries: 0 });
    const err = await failure(pd.request({ method: 'GET', path: '/users' }));
    expect(err.kind).toBe('network');
    expect(err.message).toMatch(/Could not reach PagerDuty/);
  });
});
