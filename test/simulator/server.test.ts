// The simulator over real HTTP: regions, headers every response carries, faults and the request log.
import http from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createSimulator, type Simulator } from './index';

let sim: Simulator;
beforeAll(async () => {
  sim = await createSimulator({ subdomain: 'acme' });
});
afterAll(() => sim.close());
afterEach(() => {
  sim.faults.clear();
  sim.requests.length = 0;
});

const get = (path: string, key = sim.keys.account, region: 'us' | 'eu' = 'us') =>
  fetch(`${sim.apiUrl(region)}${path}`, { headers: { Authorization: `Token token=${key}`, Accept: 'application/vnd.pagerduty+json;version=2' } });

describe('regions', () => {
  it('serves the same account under /us and /eu with region links', async () => {
    const id = sim.users[0].id;
    const us = ((await (await get(`/users/${id}`, sim.keys.account, 'us')).json()) as any).user;
    const eu = ((await (await get(`/users/${id}`, sim.keys.account, 'eu')).json()) as any).user;
    expect(us.email).toBe(eu.email);
    expect(us.self).toBe(`${sim.url}/us/users/${id}`);
    expect(eu.self).toBe(`${sim.url}/eu/users/${id}`);
    expect(us.html_url).toBe(`https://acme.pagerduty.com/users/${id}`);
    expect(eu.html_url).toBe(`https://acme.eu.pagerduty.com/users/${id}`);
    expect(sim.requests.map((r) => [r.region, r.path])).toEqual([
      ['us', `/users/${id}`],
      ['eu', `/users/${id}`],
    ]);
  });

  it('answers paths outside the API with 404', async () => {
    const res = await fetch(`${sim.url}/users`);
    expect(res.status).toBe(404);
    expect(((await res.json()) as any).error.code).toBe(2100);
  });
});

describe('every API response', () => {
  it('carries x-request-id and ratelimit headers, including errors', async () => {
    for (const res of [await get('/users'), await get('/users', 'wrong'), await get('/nope')]) {
      expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f]{32}$/);
      expect(res.headers.get('ratelimit-limit')).toBe('960');
      expect(Number(res.headers.get('ratelimit-remaining'))).toBeLessThan(960);
      expect(Number(res.headers.get('ratelimit-reset'))).toBeGreaterThan(0);
      expect(res.headers.get('content-type')).toMatch(/application\/json/);
    }
    expect(new Set(sim.requests.map((r) => r.requestId)).size).toBe(3);
  });

  it('logs requests without the Authorization header', async () => {
    await fetch(`${sim.apiUrl('us')}/users?team_ids[]=PTEA001`, {
      method: 'GET',
      headers: { Authorization: `Token token=${sim.keys.account}`, From: 'alex.morgan@example.com', 'X-Extra': 'yes' },
    });
    const [r] = sim.requests;
    expect(r.headers.authorization).toBeUndefined();
    expect(r.headers['x-extra']).toBe('yes');
    expect(r.from).toBe('alex.morgan@example.com');
    expect(r.query.getAll('team_ids[]')).toEqual(['PTEA001']);
    expect(JSON.stringify(sim.requests)).not.toContain(sim.keys.account);
  });

  it('refuses bodies over the size limit with 413', async () => {
    const res = await fetch(`${sim.apiUrl('us')}/users`, {
      method: 'POST',
      headers: { Authorization: `Token token=${sim.keys.account}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ blob: 'x'.repeat(1_100_000) }),
    });
    expect(res.status).toBe(413);
  });
});

describe('faults', () => {
  it('rate_limit answers 429 with code 2020 and the reset header, once', async () => {
    sim.faults.next({ kind: 'rate_limit', resetSeconds: 7 });
    const limited = await get('/users');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('ratelimit-remaining')).toBe('0');
    expect(limited.headers.get('ratelimit-reset')).toBe('7');
    expect(await limited.json()).toEqual({ error: { message: 'Rate Limit Exceeded', code: 2020 } });
    expect((await get('/users')).status).toBe(200);
  });

  it('status, unauthorized and counts', async () => {
    sim.faults.next({ kind: 'status', status: 503 }, 2);
    sim.faults.next({ kind: 'unauthorized' });
    expect(sim.faults.pending).toBe(3);
    expect([(await get('/users')).status, (await get('/users')).status, (await get('/users')).status, (await get('/users')).status]).toEqual([503, 503, 401, 200]);
  });

  it('drop closes the connection without an answer', async () => {
    sim.faults.next({ kind: 'drop' });
    await expect(get('/users')).rejects.toThrow();
    expect(sim.requests).toHaveLength(1);
  });

  it('delay holds the answer', async () => {
    sim.faults.next({ kind: 'delay', ms: 150 });
    const started = Date.now();
    expect((await get('/users')).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('only hits requests that match the method and path prefix', async () => {
    sim.faults.next({ kind: 'status', status: 500 }, 1, { method: 'GET', pathPrefix: '/users/me' });
    expect((await get('/users')).status).toBe(200);
    expect((await get('/users/me', sim.keys.user)).status).toBe(500);
    expect((await get('/users/me', sim.keys.user)).status).toBe(200);
  });

  it('clear() drops queued faults', async () => {
    sim.faults.next({ kind: 'status', status: 500 }, 3);
    sim.faults.clear();
    expect((await get('/users')).status).toBe(200);
  });
});

describe('identity endpoints', () => {
  it('routes /oauth/ to the identity handler, not the API auth check', async () => {
    const res = await fetch(`${sim.identityUrl}/oauth/nonexistent`);
    // never the API's 401: identity paths take no API credentials
    expect(res.status).not.toBe(401);
    expect(sim.requests.at(-1)).toMatchObject({ region: null, path: '/oauth/nonexistent' });
  });
});

describe('lifecycle', () => {
  it('listens on loopback at a free port and closes', async () => {
    const other = await createSimulator({ seed: false });
    expect(other.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(other.url).not.toBe(sim.url);
    expect(other.db.collection('incidents').size).toBe(0);
    expect(other.users.length).toBeGreaterThan(0);
    await other.close();
    await expect(
      new Promise((resolve, reject) => http.get(`${other.url}/us/users`, resolve).on('error', reject)),
    ).rejects.toThrow(/ECONNREFUSED/);
  });
});
