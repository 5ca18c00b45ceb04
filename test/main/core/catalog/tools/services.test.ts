import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED } from '../../../../simulator';
import { startHarness, type Harness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

describe('services', () => {
  it('lists services with status and escalation policy, filtered by name and team', async () => {
    const all = await h.call('list_services');
    expect(all.count).toBe(5);
    const gw = all.services.find((s: any) => s.name === 'API Gateway');
    expect(gw).toMatchObject({ status: 'critical', escalation_policy: { summary: 'Platform Escalation' } });
    const byName = await h.call('list_services', { query: 'pay' });
    expect(byName.services.map((s: any) => s.name)).toEqual(['Payments API']);
    const web = await h.call('list_services', { team_ids: [SEED.teams.web] });
    expect(web.services.map((s: any) => s.name)).toEqual(['Checkout Web']);
    const two = await h.call('list_services', { limit: 2 });
    expect(two).toMatchObject({ count: 2, more: true });
  });

  it('gets one service with its timeouts and urgency rule', async () => {
    const out = await h.call('get_service', { service_id: SEED.services.batchReports });
    expect(out).toMatchObject({ name: 'Batch Reports', status: 'disabled', acknowledgement_timeout: 1800, incident_urgency_rule: { urgency: 'low' } });
    await expect(h.call('get_service', { service_id: 'PNOSVC1' })).rejects.toThrow(/Service Not Found|404/);
  });

  it('shows technical dependencies in both directions', async () => {
    const out = await h.call('get_technical_service_dependencies', { service_id: SEED.services.apiGateway });
    const pairs = out.relationships.map((r: any) => `${r.dependent_service.summary} -> ${r.supporting_service.summary}`);
    expect(pairs).toEqual(expect.arrayContaining(['API Gateway -> Postgres Primary', 'Checkout Web -> API Gateway', 'Online Checkout -> API Gateway']));
    const business = out.relationships.find((r: any) => r.dependent_service.summary === 'Online Checkout');
    expect(business.dependent_service.type).toBe('business_service_reference');
  });
});
