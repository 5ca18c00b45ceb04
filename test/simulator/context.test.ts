// PagerDuty's classic pagination and error shapes, through a real route (GET /users).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSimulator, type Simulator } from './index';

let sim: Simulator;
beforeAll(async () => {
  sim = await createSimulator({ seed: false });
  for (let i = 0; i < 142; i++) {
    const id = `PX${String(i).padStart(5, '0')}`;
    sim.db.users.set(id, { id, type: 'user', name: `Zed ${String(i).padStart(3, '0')}`, email: `z${i}@example.com`, role: 'user', time_zone: 'UTC', teams: [] });
  }
});
afterAll(() => sim.close());

const page = async (query: string) => {
  const res = await fetch(`${sim.apiUrl('us')}/users${query}`, { headers: { Authorization: `Token token=${sim.keys.account}` } });
  return { status: res.status, body: (await res.json()) as any };
};
const total = () => sim.db.users.size;

describe('paginate', () => {
  it('defaults to 25 with more=true and total null', async () => {
    const { body } = await page('');
    expect(body.users).toHaveLength(25);
    expect(body).toMatchObject({ limit: 25, offset: 0, more: true, total: null });
  });

  it('clamps limit to 100', async () => {
    const { body } = await page('?limit=500');
    expect(body.users).toHaveLength(100);
    expect(body.limit).toBe(100);
  });

  it('gives total only when asked and ends with more=false', async () => {
    const { body } = await page(`?limit=100&offset=100&total=true`);
    expect(body.users).toHaveLength(total() - 100);
    expect(body).toMatchObject({ offset: 100, more: false, total: total() });
  });

  it('pages are disjoint and in a stable order', async () => {
    const a = (await page('?limit=10&offset=0')).body.users.map((u: any) => u.id);
    const b = (await page('?limit=10&offset=10')).body.users.map((u: any) => u.id);
    const both = (await page('?limit=20&offset=0')).body.users.map((u: any) => u.id);
    expect([...a, ...b]).toEqual(both);
  });

  it('refuses offset+limit beyond 10000 with 400 code 2002', async () => {
    const { status, body } = await page('?limit=25&offset=9990');
    expect(status).toBe(400);
    expect(body.error.code).toBe(2002);
    expect(body.error.message).toBe('Arguments Caused Error');
    expect(body.error.errors[0]).toMatch(/^Offset\+limit exceeds maximum allowed value of 10000/);
    expect((await page('?limit=10&offset=9990')).status).toBe(200);
  });

  it('refuses nonsense paging values', async () => {
    expect((await page('?limit=-1')).status).toBe(400);
    expect((await page('?offset=abc')).status).toBe(400);
  });
});
