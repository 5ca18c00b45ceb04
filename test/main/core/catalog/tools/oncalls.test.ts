import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED } from '../../../../simulator';
import { startHarness, type Harness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

describe('list_oncalls', () => {
  it('answers who is on call right now, per policy and level', async () => {
    const out = await h.call('list_oncalls', { escalation_policy_ids: [SEED.escalationPolicies.platform] });
    const byLevel = out.oncalls.map((o: any) => [o.escalation_level, o.user.summary, o.schedule?.summary ?? null]);
    // Priya's seeded override covers now on Platform Primary; Alex is a direct (permanent) target on level 2.
    expect(byLevel).toEqual([
      [1, 'Priya Shah', 'Platform Primary'],
      [2, 'Alex Morgan', null],
    ]);
    // The shift is reported as it is (Priya's override: from 2 h ago to 4 h ahead), not clipped to "now".
    const shift = out.oncalls[0];
    expect(Date.parse(shift.start)).toBeLessThan(Date.now() - 60 * 60_000);
    expect(Date.parse(shift.end)).toBeGreaterThan(Date.now() + 3 * 60 * 60_000);
    const permanent = out.oncalls.find((o: any) => o.escalation_level === 2);
    expect(permanent.start).toBeNull();
    expect(permanent.end).toBeNull();
  });

  it('resolves service_ids through the service\'s escalation policy', async () => {
    const out = await h.call('list_oncalls', { service_ids: [SEED.services.paymentsApi] });
    expect(new Set(out.oncalls.map((o: any) => o.escalation_policy.summary))).toEqual(new Set(['Payments Escalation']));
    expect(out.oncalls.some((o: any) => o.user.summary === 'Priya Shah' && o.escalation_level === 2)).toBe(true);
    expect(h.sim.requests.some((r) => r.path === '/oncalls' && r.query.getAll('escalation_policy_ids[]').includes(SEED.escalationPolicies.payments))).toBe(true);
    await expect(h.call('list_oncalls', { service_ids: ['PNOSVC1'] })).rejects.toThrow(/Service Not Found|404/);
  });

  it('filters by user, and earliest keeps one shift per user and level over a window', async () => {
    const since = new Date().toISOString();
    const until = new Date(Date.now() + 7 * 86_400_000).toISOString();
    const all = await h.call('list_oncalls', { schedule_ids: [SEED.schedules.paymentsOnCall], since, until, earliest: false, limit: 100 });
    const earliest = await h.call('list_oncalls', { schedule_ids: [SEED.schedules.paymentsOnCall], since, until, limit: 100 });
    expect(all.count).toBeGreaterThan(earliest.count);
    const keys = earliest.oncalls.map((o: any) => `${o.escalation_policy.id}|${o.escalation_level}|${o.user.id}`);
    expect(new Set(keys).size).toBe(keys.length);
    const jordan = await h.call('list_oncalls', { user_ids: [SEED.users.jordan], since, until });
    expect(jordan.oncalls.every((o: any) => o.user.summary === 'Jordan Lee')).toBe(true);
    expect(jordan.count).toBeGreaterThan(0);
  });

  it('rejects a window PagerDuty would refuse with a clear error', async () => {
    const until = new Date(Date.now() + 120 * 86_400_000).toISOString();
    await expect(h.call('list_oncalls', { until })).rejects.toThrow(/90 days/);
  });
});
