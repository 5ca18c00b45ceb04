// The simulator's incident routes answer the way PagerDuty does where the catalog tools cannot reach
// (their schemas refuse the input first): status codes, bulk limits, single updates.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSimulator, SEED, type Simulator } from '..';

let sim: Simulator;
beforeAll(async () => {
  sim = await createSimulator();
});
afterAll(() => sim.close());

async function api(method: string, path: string, body?: unknown, from: string | null = 'alex.morgan@example.com') {
  const headers: Record<string, string> = {
    Authorization: `Token token=${sim.keys.account}`,
    Accept: 'application/vnd.pagerduty+json;version=2',
    'Content-Type': 'application/json',
  };
  if (from) headers.From = from;
  const res = await fetch(`${sim.apiUrl('us')}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as any };
}

describe('simulated incidents', () => {
  it('creates with 201, the next incident number and a trigger log entry', async () => {
    const res = await api('POST', '/incidents', { incident: { type: 'incident', title: 'Queue backlog', service: { id: SEED.services.paymentsApi, type: 'service_reference' } } });
    expect(res.status).toBe(201);
    expect(res.body.incident).toMatchObject({ incident_number: 13, status: 'triggered', summary: '[#13] Queue backlog' });
    expect(res.body.incident.first_trigger_log_entry.type).toBe('trigger_log_entry_reference');
  });

  it('refuses a bulk update of more than 250 incidents with 413 and changes nothing', async () => {
    const incidents = Array.from({ length: 251 }, () => ({ id: SEED.incidents[6], type: 'incident_reference', status: 'acknowledged' }));
    const res = await api('PUT', '/incidents', { incidents });
    expect(res.status).toBe(413);
    expect(sim.db.collection<any>('incidents').get(SEED.incidents[6]).status).toBe('triggered');
  });

  it('needs From on incident writes with an account key', async () => {
    const res = await api('PUT', `/incidents/${SEED.incidents[6]}`, { incident: { type: 'incident_reference', status: 'acknowledged' } }, null);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/From/);
  });

  it('runs the state machine: acknowledge, refuse a second acknowledge, resolve, refuse acknowledging a resolved one', async () => {
    const path = `/incidents/${SEED.incidents[6]}`;
    const ack = await api('PUT', path, { incident: { type: 'incident_reference', status: 'acknowledged' } });
    expect(ack.status).toBe(200);
    expect(ack.body.incident.acknowledgements.at(-1).acknowledger.summary).toBe('Alex Morgan');
    const again = await api('PUT', path, { incident: { type: 'incident_reference', status: 'acknowledged' } });
    expect(again.body.error.code).toBe(1002);
    const resolved = await api('PUT', path, { incident: { type: 'incident_reference', status: 'resolved' } });
    expect(resolved.body.incident).toMatchObject({ status: 'resolved', assignments: [] });
    expect(resolved.body.incident.resolved_at).toBeTruthy();
    const late = await api('PUT', path, { incident: { type: 'incident_reference', status: 'acknowledged' } });
    expect(late.status).toBe(400);
    expect(late.body.error.code).toBe(1001);
    const log = await api('GET', `${path}/log_entries`);
    expect(log.body.log_entries.slice(0, 2).map((e: any) => e.type)).toEqual(['resolve_log_entry', 'acknowledgement_log_entry']);
  });

  it('searches only the last month unless date_range=all', async () => {
    const old = sim.db.collection<any>('incidents').get(SEED.incidents[4]);
    old.created_at = new Date(Date.now() - 60 * 86_400_000).toISOString();
    const recent = await api('GET', '/incidents?limit=100');
    expect(recent.body.incidents.some((i: any) => i.id === old.id)).toBe(false);
    const all = await api('GET', '/incidents?limit=100&date_range=all');
    expect(all.body.incidents.some((i: any) => i.id === old.id)).toBe(true);
  });
});
