// Analytics tools, through the catalog against the simulator, whose metrics are computed from its seeded
// incidents (see test/simulator/seed.ts): 12 incidents over the last week, 6 resolved, 7 acknowledged.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPagerDutyClient } from '../../../../../src/main/core/pagerduty';
import { SEED } from '../../../../simulator';
import { startHarness, toolNamed, type Harness } from './harness';

let h: Harness;
const DAY = 86_400_000;
const iso = (offsetMs: number) => new Date(Date.now() + offsetMs).toISOString();
const month = { created_at_start: iso(-30 * DAY), created_at_end: iso(DAY) };
const monthRange = { date_range_start: month.created_at_start, date_range_end: month.created_at_end };

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

describe('incident metrics', () => {
  it('get_incident_metrics_all rolls up the whole period with percentiles', async () => {
    const out = await h.call('get_incident_metrics_all', month);
    expect(out.metrics).toMatchObject({
      total_incident_count: 12,
      total_incidents_resolved: 6,
      total_incidents_acknowledged: 7,
      // resolve times (s): 3300, 4200, 5700, 10800, 21600, 36000
      p50_seconds_to_resolve: 5700,
      p95_seconds_to_resolve: 36000,
      mean_seconds_to_resolve: 13600,
    });
    expect(out.metrics.p75_seconds_to_first_ack).toEqual(expect.any(Number));
    const high = await h.call('get_incident_metrics_all', { ...month, urgency: 'high' });
    expect(high.metrics.total_incident_count).toBe(6);
    const none = await h.call('get_incident_metrics_all', { created_at_start: iso(-400 * DAY), created_at_end: iso(-300 * DAY) });
    expect(none.metrics.total_incident_count).toBe(0);
  });

  it('get_incident_metrics_by_service gives one row per service, most incidents first', async () => {
    const out = await h.call('get_incident_metrics_by_service', month);
    const counts = Object.fromEntries(out.services.map((r: any) => [r.service_name, r.total_incident_count]));
    expect(counts).toEqual({ 'API Gateway': 3, 'Postgres Primary': 2, 'Payments API': 3, 'Checkout Web': 3, 'Batch Reports': 1 });
    expect(out.services.at(-1).service_name).toBe('Batch Reports');
    const gateway = out.services.find((r: any) => r.service_id === SEED.services.apiGateway);
    expect(gateway).toMatchObject({ mean_seconds_to_first_ack: 240, team_id: SEED.teams.platform, team_name: 'Platform' });
    expect(gateway.up_time_pct).toBeLessThan(100);

    const one = await h.call('get_incident_metrics_by_service', { ...month, service_ids: [SEED.services.postgres], order: 'asc', order_by: 'service_name' });
    expect(one.services.map((r: any) => r.service_name)).toEqual(['Postgres Primary']);
  });

  it('get_incident_metrics_by_team groups by team, and by day with aggregate_unit', async () => {
    const out = await h.call('get_incident_metrics_by_team', month);
    expect(Object.fromEntries(out.teams.map((r: any) => [r.team_name, r.total_incident_count]))).toEqual({ Platform: 6, Payments: 3, 'Web Experience': 3 });
    const daily = await h.call('get_incident_metrics_by_team', { ...month, team_ids: [SEED.teams.payments], aggregate_unit: 'day' });
    expect(daily.aggregate_unit).toBe('day');
    expect(daily.teams.every((r: any) => r.team_id === SEED.teams.payments && /^\d{4}-\d{2}-\d{2}T00:00:00$/.test(r.range_start))).toBe(true);
    expect(daily.teams.reduce((n: number, r: any) => n + r.total_incident_count, 0)).toBe(3);
  });

  it('refuses a reversed range before calling PagerDuty, and an unknown order_by with PagerDuty\'s 400', async () => {
    const r = h.parse('get_incident_metrics_by_service', { created_at_start: iso(0), created_at_end: iso(-DAY) });
    expect(r.error?.message).toMatch(/created_at_end must be after created_at_start/);
    await expect(h.call('get_incident_metrics_by_service', { ...month, order_by: 'vibes' })).rejects.toThrow(/order_by vibes is not a metric/);
  });
});

describe('responder metrics', () => {
  it('get_responder_metrics gives per-responder rows per team with interruption buckets', async () => {
    const out = await h.call('get_responder_metrics', { ...monthRange, responder_ids: [SEED.users.sam] });
    expect(out.responders).toHaveLength(1);
    const sam = out.responders[0];
    expect(sam).toMatchObject({ responder_id: SEED.users.sam, responder_name: 'Sam Rivera', team_id: SEED.teams.platform, total_incident_count: 3, total_incidents_acknowledged: 2 });
    expect(sam.total_business_hour_interruptions + sam.total_off_hour_interruptions + sam.total_sleep_hour_interruptions).toBe(3);
    expect(sam.total_engaged_seconds).toBe((55 - 4) * 60 + (360 - 300) * 60);
  });

  it('get_responder_load_metrics ranks responders by incident load, filterable by team', async () => {
    const out = await h.call('get_responder_load_metrics', monthRange);
    const load = Object.fromEntries(out.responders.map((r: any) => [r.responder_name, r.total_incident_count]));
    expect(load).toMatchObject({ 'Sam Rivera': 3, 'Jordan Lee': 3, 'Mei Chen': 2, 'Priya Shah': 1 });
    expect(out.responders[0].total_incident_count).toBe(3);
    const payments = await h.call('get_responder_load_metrics', { ...monthRange, team_ids: [SEED.teams.payments], order: 'asc' });
    expect(payments.responders.map((r: any) => r.responder_name).sort()).toEqual(['Jordan Lee', 'Priya Shah']);
    expect(payments.responders[0].total_incident_count).toBeLessThanOrEqual(payments.responders[1].total_incident_count);
  });

  it('analytics POSTs are reads: a read-only key without a From header may call them', async () => {
    const pd = createPagerDutyClient({ baseUrl: h.sim.apiUrl('us'), auth: { current: async () => ({ authorization: `Token token=${h.sim.keys.accountReadOnly}`, fromEmail: null }) } });
    const tool = toolNamed('get_incident_metrics_all');
    const out: any = await tool.run(tool.input.parse(month), { pd, signal: new AbortController().signal, userId: null, fromEmail: null });
    expect(out.metrics.total_incident_count).toBe(12);
    expect(tool.toolClass).toBe('read');
    expect(tool.annotations.readOnlyHint).toBe(true);
  });

  it('needs the analytics.read scope under scoped OAuth, and says which scope is missing', async () => {
    const tool = toolNamed('get_incident_metrics_by_team');
    const run = (scopes: string[]) => {
      const token = `tok-${scopes.join('-')}`;
      h.sim.db.accessTokens.set(token, { userId: h.sim.users[0].id, scopes, expiresAt: Date.now() + 3_600_000, revoked: false, clientId: 'test' });
      const pd = createPagerDutyClient({ baseUrl: h.sim.apiUrl('us'), auth: { current: async () => ({ authorization: `Bearer ${token}`, fromEmail: null }) } });
      return tool.run(tool.input.parse(month), { pd, signal: new AbortController().signal, userId: h.sim.users[0].id, fromEmail: null });
    };
    expect(((await run(['analytics.read'])) as any).teams.length).toBe(3);
    await expect(run(['incidents.read'])).rejects.toThrow(/analytics\.read/);
  });
});
