// Service writes: POST /services and PUT /services/{id}. The GET routes live in services.ts; both keep
// services in the 'services' collection as seed.ts describes (references stored as ids).
import type { SimContext, SimDb, SimRequest, SimResponse, SimRouter } from '../types';
import { renderService } from './services';

export function seed(_db: SimDb): void {}

const WRITABLE_STATUSES = ['active', 'disabled', 'maintenance'];

function timeout(value: unknown, label: string, problems: string[]): void {
  if (value !== null && !(Number.isInteger(value) && (value as number) >= 0)) problems.push(`${label} must be a whole number of seconds or null`);
}

/** Checks the fields present in a service body; `creating` makes name and escalation_policy required. */
function check(sim: SimContext, s: any, selfId: string | null, creating: boolean): string[] {
  const problems: string[] = [];
  if (!s || typeof s !== 'object') return ['A service object is required: {"service": {...}}'];
  const services = sim.db.collection<any>('services');
  if (creating || s.name !== undefined) {
    if (typeof s.name !== 'string' || s.name.trim() === '') problems.push('Name cannot be empty');
    else if ([...services.values()].some((x) => x.id !== selfId && x.name.toLowerCase() === s.name.trim().toLowerCase())) problems.push('Name has already been taken');
  }
  if (creating || s.escalation_policy !== undefined) {
    const epId = s.escalation_policy?.id;
    if (typeof epId !== 'string') problems.push('Escalation policy must be specified: {"id": "...", "type": "escalation_policy_reference"}');
    else if (!sim.db.collection('escalation_policies').has(epId)) problems.push(`Escalation policy ${epId} not found`);
  }
  if (s.teams !== undefined) {
    if (!Array.isArray(s.teams)) problems.push('teams must be a list of team references');
    else for (const t of s.teams) if (!sim.db.collection('teams').has(t?.id)) problems.push(`Team ${t?.id ?? '(no id)'} not found`);
  }
  if (s.status !== undefined && !WRITABLE_STATUSES.includes(s.status)) problems.push(`status must be one of ${WRITABLE_STATUSES.join(', ')}`);
  if (s.auto_resolve_timeout !== undefined) timeout(s.auto_resolve_timeout, 'auto_resolve_timeout', problems);
  if (s.acknowledgement_timeout !== undefined) timeout(s.acknowledgement_timeout, 'acknowledgement_timeout', problems);
  return problems;
}

function apply(target: any, s: any): void {
  if (s.name !== undefined) target.name = s.name.trim();
  if (s.description !== undefined) target.description = s.description;
  if (s.escalation_policy !== undefined) target.escalation_policy = s.escalation_policy.id;
  if (s.teams !== undefined) target.teams = s.teams.map((t: any) => t.id);
  if (s.auto_resolve_timeout !== undefined) target.auto_resolve_timeout = s.auto_resolve_timeout;
  if (s.acknowledgement_timeout !== undefined) target.acknowledgement_timeout = s.acknowledgement_timeout;
  if (s.status !== undefined) target.status = s.status;
}

const iso = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

export function routes(router: SimRouter): void {
  router.route('POST', '/services', { scope: 'services' }, (req: SimRequest, sim: SimContext): SimResponse => {
    const s = req.body?.service;
    const problems = check(sim, s, null, true);
    if (problems.length) return sim.error(400, 2001, 'Invalid Input Provided', problems);
    const now = iso(sim.now());
    const service: any = {
      id: sim.db.newId(),
      type: 'service',
      name: '',
      description: null,
      status: 'active',
      escalation_policy: '',
      teams: [],
      created_at: now,
      updated_at: now,
      last_incident_timestamp: null,
      auto_resolve_timeout: 14400,
      acknowledgement_timeout: 1800,
      alert_creation: 'create_alerts_and_incidents',
      incident_urgency_rule: { type: 'constant', urgency: 'high' },
    };
    apply(service, s);
    sim.db.collection<any>('services').set(service.id, service);
    return { status: 201, body: { service: renderService(sim, service) } };
  });

  router.route('PUT', '/services/:id', { scope: 'services' }, (req, sim) => {
    const service = sim.db.collection<any>('services').get(req.params.id);
    if (!service) return sim.notFound('Service');
    const s = req.body?.service;
    const problems = check(sim, s, service.id, false);
    if (problems.length) return sim.error(400, 2001, 'Invalid Input Provided', problems);
    apply(service, s);
    // A service taken out of maintenance/disabled shows its health again; the incidents decide it.
    if (s.status === 'active') {
      const open = [...sim.db.collection<any>('incidents').values()].filter((i) => i.service === service.id && i.status !== 'resolved');
      service.status = open.some((i) => i.status === 'triggered' && i.urgency === 'high') ? 'critical' : open.length ? 'warning' : 'active';
    }
    service.updated_at = iso(sim.now());
    return { status: 200, body: { service: renderService(sim, service) } };
  });
}
