import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED } from '../../../../simulator';
import { startHarness, type Harness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

describe('users', () => {
  it('tells the connected user who they are', async () => {
    const me = await h.call('get_user_data', {}, h.contextFor('user'));
    expect(me).toMatchObject({ id: SEED.users.alex, name: 'Alex Morgan', email: 'alex.morgan@example.com', role: 'owner' });
    expect(me.teams.map((t: any) => t.summary)).toEqual(['Platform']);
  });

  it('explains that an account key has no user', async () => {
    await expect(h.call('get_user_data')).rejects.toThrow(/account-level API key.*Connect with OAuth, or use a user-level API key/);
  });

  it('lists users filtered by name and team, with caps signalled', async () => {
    const byName = await h.call('list_users', { query: 'chen' });
    expect(byName.users.map((u: any) => u.name)).toEqual(['Mei Chen']);
    const payments = await h.call('list_users', { team_ids: [SEED.teams.payments] });
    expect(payments.users.map((u: any) => u.name).sort()).toEqual(['Jordan Lee', 'Lukas Becker', 'Priya Shah']);
    const three = await h.call('list_users', { limit: 3 });
    expect(three).toMatchObject({ count: 3, more: true });
  });
});
