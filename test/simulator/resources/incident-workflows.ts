// /incident_workflows: classic-paged list, show, and starting an instance on an incident.
import type { SimContext, SimDb, SimRouter } from '../types';
import { firstIds, incidents, invalid, isObject, nowIso, teamRef, teams, type Obj } from './platform-util';

interface StoredWorkflow {
  id: string;
  name: string;
  description: string;
  is_enabled: boolean;
  teamId: string | null;
  created_at: string;
  steps: Array<{ id: string; name: string; description: string; action_id: string }>;
}

export interface StoredWorkflowInstance {
  id: string;
  workflowId: string;
  incidentId: string;
  label: string | null;
  created_at: string;
}

const workflows = (db: SimDb) => db.collection<StoredWorkflow>('incident_workflows');
export const workflowInstances = (db: SimDb) => db.collection<StoredWorkflowInstance>('incident_workflow_instances');

export function seed(db: SimDb): void {
  const [teamId] = firstIds(teams(db), 1);
  const add = (w: Omit<StoredWorkflow, 'id'>) => {
    const id = db.newId();
    workflows(db).set(id, { id, ...w });
  };
  add({
    name: 'Major incident response',
    description: 'Opens a war room, pages the incident commander and posts a status update',
    is_enabled: true,
    teamId: teamId ?? null,
    created_at: '2025-11-02T09:00:00Z',
    steps: [
      { id: db.newId(), name: 'Create Slack channel', description: 'Creates #inc-<number>', action_id: 'pagerduty.com:slack:create-a-channel:2' },
      { id: db.newId(), name: 'Add incident commander', description: 'Adds the on-call incident commander as responder', action_id: 'pagerduty.com:incident-workflows:add-responders:1' },
    ],
  });
  add({
    name: 'Customer communication',
    description: 'Drafts a status page post for customer-facing incidents',
    is_enabled: true,
    teamId: null,
    created_at: '2025-12-10T14:30:00Z',
    steps: [{ id: db.newId(), name: 'Draft status page post', description: 'Creates a draft post', action_id: 'pagerduty.com:status-pages:create-post:1' }],
  });
  add({
    name: 'Legacy escalation (retired)',
    description: 'Kept for reference; disabled',
    is_enabled: false,
    teamId: null,
    created_at: '2024-06-01T08:00:00Z',
    steps: [],
  });
}

function render(w: StoredWorkflow, sim: SimContext, withSteps: boolean): Obj {
  return {
    id: w.id,
    type: 'incident_workflow',
    name: w.name,
    summary: w.name,
    description: w.description,
    is_enabled: w.is_enabled,
    created_at: w.created_at,
    team: w.teamId ? teamRef(sim, w.teamId) : null,
    self: `${sim.apiBase}/incident_workflows/${w.id}`,
    html_url: `${sim.webBase}/flex-workflows/workflows/${w.id}`,
    ...(withSteps
      ? {
          steps: w.steps.map((s) => ({
            id: s.id,
            type: 'step',
            name: s.name,
            description: s.description,
            action_configuration: { action_id: s.action_id, inputs: [], outputs: [] },
          })),
        }
      : {}),
  };
}

export function routes(router: SimRouter): void {
  router.route('GET', '/incident_workflows', { scope: 'incident_workflows' }, (req, sim) => {
    const q = req.query.get('query')?.toLowerCase();
    const withSteps = req.query.getAll('include[]').includes('steps');
    const items = [...workflows(sim.db).values()]
      .filter((w) => !q || w.name.toLowerCase().includes(q))
      .map((w) => render(w, sim, withSteps));
    return sim.paginate(req, items, 'incident_workflows');
  });

  router.route('GET', '/incident_workflows/:id', { scope: 'incident_workflows' }, (req, sim) => {
    const w = workflows(sim.db).get(req.params.id);
    return w ? { status: 200, body: { incident_workflow: render(w, sim, true) } } : sim.notFound();
  });

  router.route('POST', '/incident_workflows/:id/instances', { scope: 'incident_workflows' }, (req, sim) => {
    const w = workflows(sim.db).get(req.params.id);
    if (!w) return sim.notFound();
    const input = isObject(req.body) ? req.body.incident_workflow_instance : undefined;
    const incidentId = isObject(input) && isObject(input.incident) ? input.incident.id : undefined;
    if (typeof incidentId !== 'string') return invalid(sim, ['incident_workflow_instance.incident.id is required']);
    const incident = incidents(sim.db).get(incidentId);
    if (!incident) return invalid(sim, [`Incident ${incidentId} was not found`]);
    if (!w.is_enabled) return invalid(sim, [`Incident workflow ${w.id} is disabled; enable it before starting it`]);
    const id = sim.db.newId('long');
    const instance: StoredWorkflowInstance = {
      id,
      workflowId: w.id,
      incidentId,
      label: typeof input.id === 'string' ? input.id : null,
      created_at: nowIso(sim),
    };
    workflowInstances(sim.db).set(id, instance);
    const summary = (incident.summary ?? incident.title ?? incidentId) as string;
    return {
      status: 201,
      body: {
        incident_workflow_instance: {
          id,
          type: 'incident_workflow_instance',
          incident: sim.ref('incident', incidentId, summary),
        },
      },
    };
  });
}
