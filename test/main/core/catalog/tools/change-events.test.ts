import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED } from '../../../../simulator';
import { startHarness, type Harness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

describe('change events', () => {
  it('lists change events newest first, filtered by time and team', async () => {
    const all = await h.call('list_change_events');
    expect(all.change_events.map((e: any) => e.summary)).toEqual([
      'Enable feature flag new-image-pipeline',
      'Deploy api-gateway v2026.11.4 (rate limiter tuning)',
      'Payments API: switch EU traffic weights',
      'Deploy api-gateway v2026.11.3',
    ]);
    const recent = await h.call('list_change_events', { since: new Date(Date.now() - 60 * 60_000).toISOString() });
    expect(recent.count).toBe(2);
    const payments = await h.call('list_change_events', { team_ids: [SEED.teams.payments] });
    expect(payments.change_events.map((e: any) => e.source)).toEqual(['Terraform Cloud']);
  });

  it('gets one change event with its links and details', async () => {
    const [first] = (await h.call('list_change_events', { limit: 1 })).change_events;
    const one = await h.call('get_change_event', { change_event_id: first.id });
    expect(one).toMatchObject({ summary: 'Enable feature flag new-image-pipeline', custom_details: { flag: 'new-image-pipeline' } });
    expect(one.links[0].text).toBe('Deploy details');
  });

  it('lists change events of a service', async () => {
    const out = await h.call('list_service_change_events', { service_id: SEED.services.apiGateway });
    expect(out.change_events.map((e: any) => e.custom_details.version)).toEqual(['v2026.11.4', 'v2026.11.3']);
  });

  it('relates the deploy just before an incident to it', async () => {
    const out = await h.call('list_incident_change_events', { incident_id: SEED.incidents[6] });
    expect(out.change_events[0]).toMatchObject({ summary: 'Deploy api-gateway v2026.11.4 (rate limiter tuning)', reasons: ['same_service'] });
  });
});
