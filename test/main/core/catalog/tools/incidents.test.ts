import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalog } from '../../../../../src/main/core/catalog';
import { SEED } from '../../../../simulator';
import { startHarness, type Harness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

const incident = (id: string) => h.sim.db.collection<any>('incidents').get(id);

describe('list_incidents', () => {
  it('lists the last month of incidents, newest first, compactly', async () => {
    const out = await h.call('list_incidents');
    expect(out.count).toBe(12);
    expect(out.more).toBe(false);
    const [first] = out.incidents;
    expect(first).toMatchObject({ id: SEED.incidents[10], incident_number: 11, title: 'Slow image CDN responses', status: 'triggered' });
    expect(first.service).toEqual({ id: SEED.services.checkoutWeb, summary: 'Checkout Web', html_url: expect.stringContaining('/service-directory/') });
    expect(first.self).toBeUndefined();
  });

  it('applies status, urgency and service filters', async () => {
    const out = await h.call('list_incidents', { statuses: ['triggered', 'acknowledged'], urgencies: ['high'], service_ids: [SEED.services.paymentsApi] });
    expect(out.incidents.map((i: any) => i.title)).toEqual(['Payment authorizations failing for EU cards']);
  });

  it('resolves priority names and filters by team and assignee', async () => {
    const p1 = await h.call('list_incidents', { priorities: ['p1'] });
    expect(p1.incidents.every((i: any) => i.priority === 'P1')).toBe(true);
    expect(p1.count).toBe(3);
    const mei = await h.call('list_incidents', { user_ids: [SEED.users.mei] });
    expect(mei.incidents.map((i: any) => i.incident_number)).toEqual([8]);
    const web = await h.call('list_incidents', { team_ids: [SEED.teams.web] });
    expect(web.incidents.every((i: any) => i.service.summary === 'Checkout Web')).toBe(true);
    await expect(h.call('list_incidents', { priorities: ['P9'] })).rejects.toThrow(/Unknown priority "P9".*P1/);
  });

  it('signals when there are more incidents than the limit', async () => {
    const out = await h.call('list_incidents', { limit: 5 });
    expect(out.count).toBe(5);
    expect(out.more).toBe(true);
    expect(out.note).toMatch(/More incidents exist/);
  });

  it('honours since/until', async () => {
    const since = new Date(Date.now() - 60 * 60_000).toISOString();
    const out = await h.call('list_incidents', { since });
    expect(out.incidents.map((i: any) => i.incident_number).sort((a: number, b: number) => a - b)).toEqual([7, 8, 9, 11]);
  });

  it('scopes to the connected user with a user key and explains account keys', async () => {
    const mine = await h.call('list_incidents', { request_scope: 'assigned' }, h.contextFor('user'));
    expect(mine.count).toBe(0); // Alex has no open incidents assigned in the seed
    const teams = await h.call('list_incidents', { request_scope: 'teams' }, h.contextFor('user'));
    expect(teams.incidents.every((i: any) => ['API Gateway', 'Postgres Primary', 'Batch Reports'].includes(i.service.summary))).toBe(true);
    await expect(h.call('list_incidents', { request_scope: 'assigned' })).rejects.toThrow(/account-level API key.*OAuth/);
  });
});

describe('get_incident and its details', () => {
  it('gets an incident by id or number with acknowledgements and description', async () => {
    const byNumber = await h.call('get_incident', { incident_id: '8' });
    expect(byNumber).toMatchObject({ id: SEED.incidents[7], status: 'acknowledged', description: '/var/lib/postgresql at 93%.' });
    expect(byNumber.acknowledgements[0].by.summary).toBe('Mei Chen');
    await expect(h.call('get_incident', { incident_id: 'PNOPE99' })).rejects.toThrow(/404|not found/i);
  });

  it('lists notes and alerts of an incident', async () => {
    const notes = await h.call('list_incident_notes', { incident_id: SEED.incidents[9] });
    expect(notes.notes.map((n: any) => n.content)).toEqual([
      'Processor A reports an outage in their EU region.',
      'Failing over EU traffic to processor B.',
    ]);
    expect(notes.notes[0].user.summary).toBe('Priya Shah');
    const alerts = await h.call('list_alerts_from_incident', { incident_id: SEED.incidents[9] });
    expect(alerts.count).toBe(2);
    const one = await h.call('get_alert_from_incident', { incident_id: SEED.incidents[9], alert_id: alerts.alerts[1].id });
    expect(one).toMatchObject({ id: alerts.alerts[1].id, severity: 'error', details: { source: 'prometheus' } });
  });

  it('finds related, past and outlier incidents', async () => {
    const related = await h.call('get_related_incidents', { incident_id: SEED.incidents[6] });
    const db = related.related_incidents.find((r: any) => r.incident.id === SEED.incidents[7]);
    expect(db.relationships[0].type).toBe('service_dependency');
    const past = await h.call('get_past_incidents', { incident_id: SEED.incidents[6], total: true });
    expect(past.past_incidents[0].incident.title).toBe('Elevated 5xx rate on API Gateway');
    expect(past.total).toBe(2);
    const outlier = await h.call('get_outlier_incident', { incident_id: SEED.incidents[6] });
    expect(outlier.occurrence).toMatchObject({ count: 1, category: 'rare' });
  });
});

describe('incident writes', () => {
  it('creates an incident assigned to the on-call user and refuses a duplicate open key', async () => {
    const created = await h.call('create_incident', { title: 'Search is down', service_id: SEED.services.apiGateway, incident_key: 'search-1', details: 'All queries time out.' });
    expect(created).toMatchObject({ incident_number: 13, status: 'triggered', urgency: 'high', incident_key: 'search-1' });
    expect(created.assignees).toHaveLength(1);
    const stored = incident(created.id);
    expect(stored.body.details).toBe('All queries time out.');
    expect(h.sim.requests.at(-1)?.from).toBe(h.sim.users[0].email);
    await expect(h.call('create_incident', { title: 'Again', service_id: SEED.services.apiGateway, incident_key: 'search-1' })).rejects.toThrow(/already exists/);
    expect(h.sim.db.collection('incidents').size).toBe(13);
  });

  it('refuses contradictory arguments before calling PagerDuty', async () => {
    const before = h.sim.requests.length;
    await expect(
      h.call('create_incident', { title: 'x', service_id: SEED.services.apiGateway, escalation_policy_id: SEED.escalationPolicies.platform, assignee_user_id: SEED.users.sam }),
    ).rejects.toThrow(/either escalation_policy_id or assignee_user_id/);
    await expect(h.call('manage_incidents', { incident_ids: [SEED.incidents[6]] })).rejects.toThrow(/Nothing to change/);
    expect(h.sim.requests.length).toBe(before);
    const tool = catalog.find((t) => t.name === 'manage_incidents')!;
    expect(tool.input.safeParse({ incident_ids: Array.from({ length: 251 }, (_, i) => `P${i}`), status: 'resolved' }).success).toBe(false);
  });

  it('acknowledges and resolves incidents in bulk, logging each action', async () => {
    const ids = [SEED.incidents[6], SEED.incidents[8]];
    const acked = await h.call('manage_incidents', { incident_ids: ids, status: 'acknowledged' });
    expect(acked.incidents.map((i: any) => i.status)).toEqual(['acknowledged', 'acknowledged']);
    expect(incident(ids[0]).acknowledgements.at(-1).acknowledger).toBe(h.sim.users[0].id);
    const resolved = await h.call('manage_incidents', { incident_ids: ids, status: 'resolved', resolution: 'Rolled back.' });
    expect(resolved.incidents.every((i: any) => i.status === 'resolved' && i.resolved_at && i.assignees.length === 0)).toBe(true);
    const log = await h.call('list_log_entries', { incident_id: ids[0] });
    expect(log.log_entries.slice(0, 2).map((e: any) => e.type)).toEqual(['resolve_log_entry', 'acknowledgement_log_entry']);
  });

  it('changes nothing when one incident in the batch cannot change', async () => {
    const open = SEED.incidents[10];
    await expect(h.call('manage_incidents', { incident_ids: [open, SEED.incidents[0]], status: 'acknowledged' })).rejects.toThrow(/Already Resolved/);
    expect(incident(open).status).toBe('triggered');
  });

  it('reassigns, changes urgency and escalates', async () => {
    const id = SEED.incidents[11];
    const out = await h.call('manage_incidents', { incident_ids: [id], assignee_user_id: SEED.users.taylor, urgency: 'high' });
    expect(out.incidents[0]).toMatchObject({ urgency: 'high', assignees: [{ id: SEED.users.taylor, summary: 'Taylor Brooks' }] });
    const esc = await h.call('manage_incidents', { incident_ids: [id], escalation_level: 2 });
    expect(esc.incidents[0].assignees[0].summary).toBe('Fatima Okafor');
    await expect(h.call('manage_incidents', { incident_ids: [id], escalation_level: 5 })).rejects.toThrow(/Cannot Escalate/);
  });

  it('adds a note that shows up in the notes and the timeline', async () => {
    const id = SEED.incidents[10];
    const note = await h.call('add_note_to_incident', { incident_id: id, note: 'CDN vendor confirms degradation.' });
    expect(note).toMatchObject({ content: 'CDN vendor confirms degradation.', user: { summary: 'Alex Morgan' } });
    const notes = await h.call('list_incident_notes', { incident_id: id });
    expect(notes.notes.at(-1).content).toBe('CDN vendor confirms degradation.');
    const log = await h.call('list_log_entries', { incident_id: id, limit: 1 });
    expect(log.log_entries[0].type).toBe('annotate_log_entry');
  });

  it('requests responders as the connected user, and explains why an account key cannot', async () => {
    const id = SEED.incidents[10];
    const out = await h.call('add_responders', { incident_id: id, message: 'Need a DBA', user_ids: [SEED.users.mei], escalation_policy_ids: [SEED.escalationPolicies.platform] }, h.contextFor('user'));
    expect(out.requester.summary).toBe('Alex Morgan');
    expect(out.requested.map((r: any) => r.summary)).toEqual(['Mei Chen', 'Platform Escalation']);
    expect(incident(id).incidents_responders.length).toBeGreaterThanOrEqual(2);
    const before = incident(id).responder_requests.length;
    await expect(h.call('add_responders', { incident_id: id, message: 'help', user_ids: [SEED.users.mei] })).rejects.toThrow(/OAuth.*user-level API key/);
    expect(incident(id).responder_requests.length).toBe(before);
  });

  it('refuses writes without a From address on an account key', async () => {
    await expect(h.call('add_note_to_incident', { incident_id: SEED.incidents[10], note: 'x' }, h.contextFor('account', null))).rejects.toThrow(/From/);
  });
});
