import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSimulator, SEED, type Simulator } from '../index';

let sim: Simulator;
beforeAll(async () => {
  sim = await createSimulator();
});
afterAll(() => sim.close());

const get = async (path: string, authorization: string) => {
  const res = await fetch(`${sim.apiUrl('us')}${path}`, { headers: { Authorization: authorization } });
  return { status: res.status, body: (await res.json()) as any };
};
const key = (k: string) => `Token token=${k}`;

describe('GET /users/me', () => {
  it('refuses an account-level key with PagerDuty string error', async () => {
    const res = await get('/users/me', key(sim.keys.account));
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      error: "Because this request was made using an account-level access token, we were unable to determine the user's identity. Please use a user-level token.",
    });
  });

  it('returns the key owner for a user key and the token owner for OAuth', async () => {
    expect((await get('/users/me', key(sim.keys.userReadOnly))).body.user.email).toBe(sim.users[0].email);
    sim.db.accessTokens.set('tok_users_me', { userId: sim.users[4].id, scopes: ['users.read'], expiresAt: Date.now() + 60_000, revoked: false, clientId: 'c' });
    const me = await get('/users/me', 'Bearer tok_users_me');
    expect(me.body.user).toMatchObject({ id: sim.users[4].id, type: 'user', email: sim.users[4].email });
  });
});

describe('GET /users and /users/{id}', () => {
  it('lists users with team references, filters by query and team_ids[]', async () => {
    const all = await get('/users', key(sim.keys.account));
    expect(all.body.users).toHaveLength(8);
    expect(all.body.users[0].teams[0]).toMatchObject({ type: 'team_reference' });
    const q = await get('/users?query=chen', key(sim.keys.account));
    expect(q.body.users.map((u: any) => u.name)).toEqual(['Mei Chen']);
    const team = await get(`/users?team_ids[]=${SEED.teams.payments}`, key(sim.keys.account));
    expect(team.body.users.map((u: any) => u.name).sort()).toEqual(['Jordan Lee', 'Lukas Becker', 'Priya Shah']);
  });

  it('expands include[]=teams and contact_methods', async () => {
    const res = await get(`/users/${SEED.users.priya}?include[]=teams&include[]=contact_methods`, key(sim.keys.account));
    expect(res.body.user.teams.map((t: any) => t.name).sort()).toEqual(['Payments', 'Platform']);
    expect(res.body.user.contact_methods[0]).toMatchObject({ type: 'email_contact_method', address: 'priya.shah@example.com' });
  });

  it('404s an unknown user', async () => {
    const res = await get('/users/PNOPE00', key(sim.keys.account));
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe(2100);
  });
});
