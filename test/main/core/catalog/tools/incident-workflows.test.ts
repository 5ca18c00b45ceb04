// Incident workflow tools, through the catalog against the simulator.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED } from '../../../../simulator';
import { startHarness, type Harness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

const workflowNamed = async (name: string) =>
  (await h.call('list_incident_workflows', {})).incident_workflows.find((w: any) => w.name === name);

describe('incident workflows', () => {
  it('list_incident_workflows lists the seeded workflows; query narrows by name; steps only when included', async () => {
    const all = await h.call('list_incident_workflows', {});
    expect(all.incident_workflows.map((w: any) => w.name)).toEqual(['Major incident response', 'Customer communication', 'Legacy escalation (retired)']);
    expect(all.incident_workflows[0].steps).toBeUndefined();
    expect(all.incident_workflows[0].team).toMatchObject({ id: SEED.teams.platform, summary: 'Platform' });

    const narrowed = await h.call('list_incident_workflows', { query: 'major', include: ['steps'] });
    expect(narrowed.count).toBe(1);
    expect(narrowed.incident_workflows[0].steps.map((s: any) => s.name)).toEqual(['Create Slack channel', 'Add incident commander']);
  });

  it('get_incident_workflow returns its ordered steps; unknown ids give a clear 404', async () => {
    const major = await workflowNamed('Major incident response');
    const one = await h.call('get_incident_workflow', { workflow_id: major.id });
    expect(one).toMatchObject({ id: major.id, is_enabled: true });
    expect(one.steps[0]).toMatchObject({ name: 'Create Slack channel', action_id: expect.stringContaining('slack') });
    await expect(h.call('get_incident_workflow', { workflow_id: 'PNOPE00' })).rejects.toThrow(/404/);
  });

  it('start_incident_workflow starts an instance on the incident', async () => {
    const major = await workflowNamed('Major incident response');
    const out = await h.call('start_incident_workflow', { workflow_id: major.id, incident_id: SEED.incidents[6], instance_id: 'drill-1' });
    expect(out).toMatchObject({ started: true, workflow_id: major.id, incident: { id: SEED.incidents[6], summary: expect.any(String) } });
    const instances = [...h.sim.db.collection<any>('incident_workflow_instances').values()];
    expect(instances).toEqual([expect.objectContaining({ id: out.id, workflowId: major.id, incidentId: SEED.incidents[6], label: 'drill-1' })]);
    // PagerDuty saw the wrapped instance body with an incident reference.
    const req = h.sim.requests.find((r) => r.method === 'POST' && r.path.endsWith('/instances'))!;
    expect(JSON.parse(req.body)).toEqual({ incident_workflow_instance: { id: 'drill-1', incident: { id: SEED.incidents[6], type: 'incident_reference' } } });
  });

  it('refuses a disabled workflow or an unknown incident, starting nothing', async () => {
    const before = h.sim.db.collection('incident_workflow_instances').size;
    const retired = await workflowNamed('Legacy escalation (retired)');
    await expect(h.call('start_incident_workflow', { workflow_id: retired.id, incident_id: SEED.incidents[0] })).rejects.toThrow(/disabled/);
    const major = await workflowNamed('Major incident response');
    await expect(h.call('start_incident_workflow', { workflow_id: major.id, incident_id: 'PNOPE00' })).rejects.toThrow(/PNOPE00 was not found/);
    expect(h.sim.db.collection('incident_workflow_instances').size).toBe(before);
    expect(h.parse('start_incident_workflow', { workflow_id: major.id }).success).toBe(false);
  });
});
