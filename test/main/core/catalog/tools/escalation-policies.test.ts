import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED } from '../../../../simulator';
import { startHarness, type Harness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

describe('escalation policies', () => {
  it('lists policies with their levels, targets and services', async () => {
    const out = await h.call('list_escalation_policies');
    expect(out.count).toBe(3);
    const payments = out.escalation_policies.find((p: any) => p.name === 'Payments Escalation');
    expect(payments.escalation_rules.map((r: any) => [r.level, r.targets.map((t: any) => t.summary)])).toEqual([
      [1, ['Payments On-Call']],
      [2, ['Priya Shah', 'Platform Primary']],
    ]);
    expect(payments.services.map((s: any) => s.summary)).toEqual(['Payments API']);
  });

  it('filters by user, team and name', async () => {
    const fatima = await h.call('list_escalation_policies', { user_ids: [SEED.users.fatima] });
    expect(fatima.escalation_policies.map((p: any) => p.name)).toEqual(['Web Escalation']);
    const team = await h.call('list_escalation_policies', { team_ids: [SEED.teams.platform] });
    expect(team.escalation_policies.map((p: any) => p.name)).toEqual(['Platform Escalation']);
    const q = await h.call('list_escalation_policies', { query: 'web' });
    expect(q.count).toBe(1);
  });

  it('gets one policy and explains an unknown id', async () => {
    const out = await h.call('get_escalation_policy', { policy_id: SEED.escalationPolicies.platform });
    expect(out).toMatchObject({ name: 'Platform Escalation', num_loops: 2 });
    expect(out.services.map((s: any) => s.summary).sort()).toEqual(['API Gateway', 'Batch Reports', 'Postgres Primary']);
    await expect(h.call('get_escalation_policy', { policy_id: 'PNOEP01' })).rejects.toThrow(/not found|404/i);
  });
});
