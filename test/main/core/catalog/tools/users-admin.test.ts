// create_user through the catalog, against the simulator (POST /users needs From with an account key).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, toolNamed, type Harness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

describe('create_user', () => {
  it('creates a user with defaults (role user, UTC); list_users then finds them', async () => {
    const created = await h.call('create_user', { request: { name: 'Robin Park', email: 'robin.park@example.com' } });
    expect(created).toMatchObject({ name: 'Robin Park', email: 'robin.park@example.com', role: 'user', time_zone: 'UTC' });
    expect(created.id).toMatch(/^P/);
    const list = await h.call('list_users', { query: 'Robin' });
    expect(list.users.map((u: any) => u.id)).toEqual([created.id]);
    expect(h.sim.requests.find((r) => r.method === 'POST' && r.path === '/users')?.from).toBe(h.sim.users[0].email);
  });

  it('a duplicate email is refused (400) and no second user appears', async () => {
    const before = h.sim.db.users.size;
    await expect(h.call('create_user', { request: { name: 'Alex Again', email: 'ALEX.MORGAN@example.com' } })).rejects.toThrow(/Email has already been taken/);
    expect(h.sim.db.users.size).toBe(before);
  });

  it('an invalid email or role is rejected before any request', () => {
    const tool = toolNamed('create_user');
    expect(tool.input.safeParse({ request: { name: 'X', email: 'not-an-email' } }).success).toBe(false);
    expect(tool.input.safeParse({ request: { name: 'X', email: 'x@example.com', role: 'superuser' } }).success).toBe(false);
  });

  it('an unknown time zone is refused by PagerDuty with a clear error', async () => {
    await expect(h.call('create_user', { request: { name: 'Zed', email: 'zed@example.com', time_zone: 'Moon/Base' } })).rejects.toThrow(/Time zone/);
  });

  it('is an additive write', () => {
    expect(toolNamed('create_user').toolClass).toBe('write');
    expect(toolNamed('create_user').annotations).toMatchObject({ readOnlyHint: false, destructiveHint: false });
  });
});

describe('create_user without an actor email', () => {
  it('PagerDuty refuses it, asking for the From header', async () => {
    const bare = await startHarness({ fromEmail: null });
    try {
      await expect(bare.call('create_user', { request: { name: 'No From', email: 'nofrom@example.com' } })).rejects.toThrow(/From/);
      expect([...bare.sim.db.users.values()].some((u) => u.email === 'nofrom@example.com')).toBe(false);
    } finally {
      await bare.close();
    }
  });
});
