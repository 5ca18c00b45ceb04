// Technical services and service dependencies. Business-service dependencies come from each business
// service's supporting_services; technical ones from the 'service_dependencies' collection seeded here.
import type { SimContext, SimDb, SimRouter } from '../types';
import { businessServiceRef, coll, epRef, serviceRef, setFilter, teamRef, type Obj } from './core-render';

export interface Dependency {
  id: string;
  supporting: { id: string; kind: 'technical_service' | 'business_service' };
  dependent: { id: string; kind: 'technical_service' | 'business_service' };
}

export function renderService(sim: SimContext, s: Obj): Obj {
  return {
    ...serviceRef(sim, s.id),
    type: 'service',
    name: s.name,
    description: s.description ?? null,
    status: s.status,
    auto_resolve_timeout: s.auto_resolve_timeout ?? null,
    acknowledgement_timeout: s.acknowledgement_timeout ?? null,
    created_at: s.created_at,
    updated_at: s.updated_at,
    last_incident_timestamp: s.last_incident_timestamp ?? null,
    alert_creation: s.alert_creation,
    escalation_policy: s.escalation_policy ? epRef(sim, s.escalation_policy) : null,
    teams: (s.teams ?? []).map((id: string) => teamRef(sim, id)),
    integrations: [],
    incident_urgency_rule: s.incident_urgency_rule,
  };
}

/** Every dependency relationship in the account, technical and business. */
export function allDependencies(db: SimDb): Dependency[] {
  const deps: Dependency[] = [...coll(db, 'service_dependencies').values()] as Dependency[];
  for (const bs of coll(db, 'business_services').values()) {
    for (const sid of bs.supporting_services ?? []) {
      deps.push({ id: `${bs.id}-${sid}`, supporting: { id: sid, kind: 'technical_service' }, dependent: { id: bs.id, kind: 'business_service' } });
    }
  }
  return deps;
}

function sideOut(sim: SimContext, side: Dependency['supporting']): Obj {
  const r = side.kind === 'business_service' ? businessServiceRef(sim, side.id) : serviceRef(sim, side.id);
  return { ...r, type: `${side.kind}_reference` };
}

export function renderDependency(sim: SimContext, d: Dependency): Obj {
  return { id: d.id, type: 'service_dependency', supporting_service: sideOut(sim, d.supporting), dependent_service: sideOut(sim, d.dependent) };
}

export function seed(db: SimDb): void {
  const services = coll(db, 'services');
  const byName = (name: string) => [...services.values()].find((s) => s.name === name)?.id as string | undefined;
  const pairs: Array<[string, string]> = [
    // [dependent, supporting]
    ['API Gateway', 'Postgres Primary'],
    ['Payments API', 'Postgres Primary'],
    ['Checkout Web', 'API Gateway'],
    ['Checkout Web', 'Payments API'],
    ['Batch Reports', 'Postgres Primary'],
  ];
  const deps = coll(db, 'service_dependencies');
  for (const [dependent, supporting] of pairs) {
    const d = byName(dependent);
    const s = byName(supporting);
    if (!d || !s) continue;
    const id = db.newId();
    deps.set(id, { id, supporting: { id: s, kind: 'technical_service' }, dependent: { id: d, kind: 'technical_service' } });
  }
}

export function routes(router: SimRouter): void {
  const opts = { scope: 'services' };
  router.route('GET', '/services', opts, (req, sim) => {
    const q = (req.query.get('query') ?? '').toLowerCase();
    const name = req.query.get('name');
    const teamIds = setFilter(req, 'team_ids');
    const desc = (req.query.get('sort_by') ?? '').endsWith(':desc');
    const all = [...coll(sim.db, 'services').values()]
      .filter((s) => !q || String(s.name).toLowerCase().includes(q))
      .filter((s) => !name || s.name === name)
      .filter((s) => !teamIds.length || (s.teams ?? []).some((t: string) => teamIds.includes(t)))
      .sort((a, b) => (desc ? -1 : 1) * String(a.name).localeCompare(String(b.name)))
      .map((s) => renderService(sim, s));
    return sim.paginate(req, all, 'services');
  });
  router.route('GET', '/services/:id', opts, (req, sim) => {
    const s = coll(sim.db, 'services').get(req.params.id);
    if (!s) return sim.error(404, 5002, 'Service Not Found');
    return { status: 200, body: { service: renderService(sim, s) } };
  });
  router.route('GET', '/service_dependencies/technical_services/:id', opts, (req, sim) => {
    if (!coll(sim.db, 'services').has(req.params.id)) return sim.error(404, 5002, 'Service Not Found');
    const rel = allDependencies(sim.db).filter((d) => d.supporting.id === req.params.id || d.dependent.id === req.params.id);
    return { status: 200, body: { relationships: rel.map((d) => renderDependency(sim, d)) } };
  });
}
