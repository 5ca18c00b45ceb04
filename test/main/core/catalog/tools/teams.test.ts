import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED } from '../../../../simulator';
import { startHarness, type Harness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

describe('teams', () => {
  it('lists all teams or only mine', async () => {
    const all = await h.call('list_teams');
    expect(all.teams.map((t: any) => t.name)).toEqual(['Payments', 'Platform', 'Web Experience']);
    const q = await h.call('list_teams', { query: 'web' });
    expect(q.teams.map((t: any) => t.name)).toEqual(['Web Experience']);
    const mine = await h.call('list_teams', { scope: 'my' }, h.contextFor('user'));
    expect(mine.teams.map((t: any) => t.name)).toEqual(['Platform']);
    await expect(h.call('list_teams', { scope: 'my' })).rejects.toThrow(/OAuth/);
  });

  it('gets a team and its members with roles', async () => {
    const team = await h.call('get_team', { team_id: SEED.teams.web });
    expect(team).toMatchObject({ id: SEED.teams.web, name: 'Web Experience', description: 'Builds the storefront and checkout.' });
    const members = await h.call('list_team_members', { team_id: SEED.teams.web });
    expect(members.members.map((m: any) => [m.user.summary, m.role])).toEqual([
      ['Fatima Okafor', 'manager'],
      ['Jordan Lee', 'responder'],
      ['Taylor Brooks', 'observer'],
    ]);
    await expect(h.call('get_team', { team_id: 'PNOTEAM' })).rejects.toThrow(/Team Not Found|404/);
  });
});
