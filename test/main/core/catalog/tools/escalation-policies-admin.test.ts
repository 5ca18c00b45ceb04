// create_escalation_policy and update_escalation_policy through the catalog, against the simulator.
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

describe('create_escalation_policy', () => {
  it('creates a policy with ordered rules; get_escalation_policy shows the targets', async () => {
    const created = await h.call('create_escalation_policy', {
      escalation_policy_data: {
        name: 'Data Escalation',
        num_loops: 1,
        escalation_rules: [
          { escalation_delay_in_minutes: 10, targets: [{ id: SEED.schedules.platformPrimary, type: 'schedule_reference' }] },
          { escalation_delay_in_minutes: 20, targets: [{ id: SEED.users.priya, type: 'user_reference' }], escalation_rule_assignment_strategy: 'round_robin' },
        ],
        teams: [{ id: SEED.teams.platform }],
      },
    });
    expect(created).toMatchObject({ name: 'Data Escalation', num_loops: 1 });
    expect(created.escalation_rules).toHaveLength(2);
    expect(created.escalation_rules[1]).toMatchObject({ level: 2, escalation_delay_in_minutes: 20 });
    const read = await h.call('get_escalation_policy', { policy_id: created.id });
    expect(read.escalation_rules[0].targets[0]).toMatchObject({ id: SEED.schedules.platformPrimary, summary: 'Platform Primary' });
    expect(read.escalation_rules[1].targets[0]).toMatchObject({ id: SEED.users.priya, summary: 'Priya Shah' });
  });

  it('refuses an unknown target with a clear error and creates nothing', async () => {
    const before = h.sim.db.collection('escalation_policies').size;
    await expect(
      h.call('create_escalation_policy', {
        escalation_policy_data: { name: 'Ghost', escalation_rules: [{ escalation_delay_in_minutes: 5, targets: [{ id: 'PGHOST1', type: 'user_reference' }] }] },
      }),
    ).rejects.toThrow(/user PGHOST1 not found/);
    expect(h.sim.db.collection('escalation_policies').size).toBe(before);
  });

  it('needs at least one rule with at least one target before any request', () => {
    const tool = toolNamed('create_escalation_policy');
    expect(tool.input.safeParse({ escalation_policy_data: { name: 'X', escalation_rules: [] } }).success).toBe(false);
    expect(tool.input.safeParse({ escalation_policy_data: { name: 'X', escalation_rules: [{ escalation_delay_in_minutes: 5, targets: [] }] } }).success).toBe(false);
    expect(tool.input.safeParse({ escalation_policy_data: { name: 'X', escalation_rules: [{ escalation_delay_in_minutes: 5, targets: [{ id: 'P', type: 'team_reference' }] }] } }).success).toBe(false);
  });
});

describe('update_escalation_policy', () => {
  it('renames and replaces the rules; get_escalation_policy shows the new rules', async () => {
    const out = await h.call('update_escalation_policy', {
      policy_id: SEED.escalationPolicies.web,
      escalation_policy_data: { name: 'Web Escalation v2', escalation_rules: [{ escalation_delay_in_minutes: 5, targets: [{ id: SEED.users.fatima, type: 'user_reference' }] }] },
    });
    expect(out).toMatchObject({ name: 'Web Escalation v2' });
    const read = await h.call('get_escalation_policy', { policy_id: SEED.escalationPolicies.web });
    expect(read.name).toBe('Web Escalation v2');
    expect(read.escalation_rules).toHaveLength(1);
    expect(read.escalation_rules[0]).toMatchObject({ escalation_delay_in_minutes: 5, targets: [expect.objectContaining({ id: SEED.users.fatima })] });
    expect(read.services.map((s: any) => s.id)).toContain(SEED.services.checkoutWeb);
  });

  it('keeps the rules when only the description changes', async () => {
    await h.call('update_escalation_policy', { policy_id: SEED.escalationPolicies.payments, escalation_policy_data: { description: 'Payments first, then Priya.' } });
    const read = await h.call('get_escalation_policy', { policy_id: SEED.escalationPolicies.payments });
    expect(read).toMatchObject({ name: 'Payments Escalation', description: 'Payments first, then Priya.' });
    expect(read.escalation_rules).toHaveLength(2);
  });

  it('an unknown policy gives a 404', async () => {
    await expect(h.call('update_escalation_policy', { policy_id: 'PNOPE03', escalation_policy_data: { name: 'X' } })).rejects.toThrow(/404/);
  });

  it('a name already taken is refused and nothing changes', async () => {
    await expect(h.call('update_escalation_policy', { policy_id: SEED.escalationPolicies.payments, escalation_policy_data: { name: 'Platform Escalation' } })).rejects.toThrow(/Name has already been taken/);
    expect((await h.call('get_escalation_policy', { policy_id: SEED.escalationPolicies.payments })).name).toBe('Payments Escalation');
  });

  it('annotations: create is additive, update is destructive and idempotent', () => {
    expect(toolNamed('create_escalation_policy').annotations).toMatchObject({ readOnlyHint: false, destructiveHint: false });
    expect(toolNamed('update_escalation_policy').annotations).toMatchObject({ readOnlyHint: false, destructiveHint: true, idempotentHint: true });
  });
});
