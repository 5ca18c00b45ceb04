// create_team, update_team, delete_team, add_team_member, remove_team_member through the catalog.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED } from '../../../../simulator';
import { startHarness, toolNamed, type Harness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

const memberIds = async (teamId: string) => (await h.call('list_team_members', { team_id: teamId })).members.map((m: any) => m.user.id);

describe('team writes', () => {
  it('create_team creates a team; get_team reads it back', async () => {
    const created = await h.call('create_team', { create_model: { name: 'Data', description: 'Analytics and ML' } });
    expect(created).toMatchObject({ name: 'Data', description: 'Analytics and ML' });
    expect(created.id).toMatch(/^P/);
    const read = await h.call('get_team', { team_id: created.id });
    expect(read).toMatchObject({ id: created.id, name: 'Data' });
  });

  it('create_team refuses a name already taken, and an empty name before any request', async () => {
    await expect(h.call('create_team', { create_model: { name: 'Platform' } })).rejects.toThrow(/Name has already been taken/);
    expect(toolNamed('create_team').input.safeParse({ create_model: { name: '  ' } }).success).toBe(false);
  });

  it('update_team renames a team; list_teams shows the new name', async () => {
    const out = await h.call('update_team', { team_id: SEED.teams.web, update_model: { name: 'Storefront' } });
    expect(out).toMatchObject({ id: SEED.teams.web, name: 'Storefront', description: 'Builds the storefront and checkout.' });
    const list = await h.call('list_teams', { query: 'Storefront' });
    expect(list.teams.map((t: any) => t.id)).toEqual([SEED.teams.web]);
  });

  it('add_team_member adds a user with a role; list_team_members shows them', async () => {
    const out = await h.call('add_team_member', { team_id: SEED.teams.payments, member_data: { user_id: SEED.users.mei, role: 'observer' } });
    expect(out).toMatchObject({ added: true, role: 'observer' });
    const members = (await h.call('list_team_members', { team_id: SEED.teams.payments })).members;
    expect(members).toContainEqual(expect.objectContaining({ user: expect.objectContaining({ id: SEED.users.mei }), role: 'observer' }));
  });

  it('add_team_member on an existing member changes the role (default responder)', async () => {
    await h.call('add_team_member', { team_id: SEED.teams.platform, member_data: { user_id: SEED.users.alex } });
    const members = (await h.call('list_team_members', { team_id: SEED.teams.platform })).members;
    expect(members.filter((m: any) => m.user.id === SEED.users.alex)).toEqual([expect.objectContaining({ role: 'responder' })]);
  });

  it('add_team_member with an unknown user gives a 404 and adds nobody', async () => {
    const before = await memberIds(SEED.teams.payments);
    await expect(h.call('add_team_member', { team_id: SEED.teams.payments, member_data: { user_id: 'PNOUSER', role: 'manager' } })).rejects.toThrow(/404/);
    expect(await memberIds(SEED.teams.payments)).toEqual(before);
  });

  it('add_team_member rejects a role PagerDuty does not have', () => {
    expect(toolNamed('add_team_member').input.safeParse({ team_id: 'T', member_data: { user_id: 'U', role: 'owner' } }).success).toBe(false);
  });

  it('remove_team_member takes a user off the team', async () => {
    expect(await memberIds(SEED.teams.payments)).toContain(SEED.users.lukas);
    const out = await h.call('remove_team_member', { team_id: SEED.teams.payments, user_id: SEED.users.lukas });
    expect(out.removed).toBe(true);
    expect(await memberIds(SEED.teams.payments)).not.toContain(SEED.users.lukas);
    expect(h.sim.db.users.get(SEED.users.lukas)!.teams).not.toContain(SEED.teams.payments);
  });

  it('delete_team removes the team; get_team then fails with 404', async () => {
    const created = await h.call('create_team', { create_model: { name: 'Short-lived' } });
    await h.call('add_team_member', { team_id: created.id, member_data: { user_id: SEED.users.sam, role: 'manager' } });
    const out = await h.call('delete_team', { team_id: created.id });
    expect(out.deleted).toBe(true);
    await expect(h.call('get_team', { team_id: created.id })).rejects.toThrow(/404/);
    expect(h.sim.db.users.get(SEED.users.sam)!.teams).not.toContain(created.id);
  });

  it('delete_team with reassignment_team_id moves what the team owned', async () => {
    const created = await h.call('create_team', { create_model: { name: 'Interim' } });
    const svc = await h.call('create_service', { service_data: { name: 'Interim service', escalation_policy: { id: SEED.escalationPolicies.platform }, teams: [{ id: created.id }] } });
    await h.call('delete_team', { team_id: created.id, reassignment_team_id: SEED.teams.platform });
    const read = await h.call('get_service', { service_id: svc.id });
    expect(read.teams.map((t: any) => t.id)).toEqual([SEED.teams.platform]);
  });

  it('delete_team on an unknown team gives a 404', async () => {
    await expect(h.call('delete_team', { team_id: 'PNOTEAM' })).rejects.toThrow(/404/);
  });

  it('annotations: create is additive; update, delete and member changes (which can overwrite a role) are destructive', () => {
    expect(toolNamed('create_team').annotations.destructiveHint).toBe(false);
    for (const name of ['update_team', 'delete_team', 'add_team_member', 'remove_team_member']) {
      expect(toolNamed(name).annotations, name).toMatchObject({ readOnlyHint: false, destructiveHint: true, idempotentHint: true });
    }
  });
});
