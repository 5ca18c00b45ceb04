// /event_orchestrations: orchestrations, their router (one 'start' rule set + catch_all), global rules,
// and per-service orchestrations (every service has one, empty until configured).
import type { SimContext, SimDb, SimRouter } from '../types';
import { firstIds, invalid, isObject, nowIso, services, teamRef, teams, type Obj } from './platform-util';

interface Path {
  sets: Array<{ id: string; rules: Obj[] }>;
  catch_all: Obj;
  version: number;
  updated_at: string;
  updatedBy: string | null;
}

interface StoredOrchestration {
  id: string;
  name: string;
  description: string;
  teamId: string | null;
  integrations: Array<{ id: string; label: string; routing_key: string }>;
  created_at: string;
  router: Path;
  global: Path;
}

const orchestrations = (db: SimDb) => db.collection<StoredOrchestration>('event_orchestrations');
const servicePaths = (db: SimDb) => db.collection<Path & { id: string }>('event_orchestration_services');

const SEEDED_AT = '2025-10-01T12:00:00Z';

function path(sets: Path['sets'], catchAll: Obj): Path {
  return { sets, catch_all: catchAll, version: 1, updated_at: SEEDED_AT, updatedBy: null };
}

export function seed(db: SimDb): void {
  const [svcA, svcB] = firstIds(services(db), 2);
  const [teamId] = firstIds(teams(db), 1);
  const rule = (label: string, expression: string, routeTo: string | undefined): Obj => ({
    id: db.newId().toLowerCase(),
    label,
    conditions: [{ expression }],
    actions: { route_to: routeTo ?? 'unrouted' },
    disabled: false,
  });
  const add = (o: Omit<StoredOrchestration, 'id'>) => {
    const id = db.newId();
    orchestrations(db).set(id, { id, ...o });
  };
  add({
    name: 'Production monitoring',
    description: 'Events from Datadog and Prometheus',
    teamId: teamId ?? null,
    integrations: [{ id: db.newId(), label: 'Datadog', routing_key: `R0${db.newId()}${db.newId()}` }],
    created_at: SEEDED_AT,
    router: path(
      [{ id: 'start', rules: [rule('Database alerts', "event.summary matches part 'database'", svcA), rule('Web tier', "event.source matches 'web-*'", svcB ?? svcA)] }],
      { actions: { route_to: 'unrouted' } },
    ),
    global: path(
      [{ id: 'start', rules: [{ id: db.newId().toLowerCase(), label: 'Drop heartbeat events', conditions: [{ expression: "event.summary matches 'heartbeat'" }], actions: { drop_event: true }, disabled: false }] }],
      { actions: { suppress: false } },
    ),
  });
  add({
    name: 'Staging',
    description: 'Non-production events',
    teamId: null,
    integrations: [],
    created_at: '2025-12-01T12:00:00Z',
    router: path([{ id: 'start', rules: [] }], { actions: { route_to: 'unrouted' } }),
    global: path([{ id: 'start', rules: [] }], { actions: { suppress: true } }),
  });
}

function distinctRoutes(o: StoredOrchestration): number {
  const targets = new Set<string>();
  for (const set of o.router.sets) for (const r of set.rules) if (typeof r.actions?.route_to === 'string' && r.actions.route_to !== 'unrouted') targets.add(r.actions.route_to);
  return targets.size;
}

function userRef(sim: SimContext, userId: string | null): Obj | null {
  const u = userId ? sim.db.users.get(userId) : undefined;
  return u ? sim.ref('user', u.id, u.name, `/users/${u.id}`) : null;
}

function renderOrchestration(o: StoredOrchestration, sim: SimContext): Obj {
  return {
    id: o.id,
    self: `${sim.apiBase}/event_orchestrations/${o.id}`,
    name: o.name,
    description: o.description,
    team: o.teamId ? teamRef(sim, o.teamId) : null,
    integrations: o.integrations.map((i) => ({ id: i.id, label: i.label, parameters: { routing_key: i.routing_key, type: 'global' } })),
    routes: distinctRoutes(o),
    created_at: o.created_at,
    created_by: null,
    updated_at: o.router.updated_at,
    updated_by: userRef(sim, o.router.updatedBy),
    version: String(o.router.version),
  };
}

function renderPath(p: Path, type: string, parent: Obj, self: string, sim: SimContext): Obj {
  return {
    type,
    parent,
    self,
    sets: p.sets,
    catch_all: p.catch_all,
    created_at: SEEDED_AT,
    created_by: null,
    updated_at: p.updated_at,
    updated_by: userRef(sim, p.updatedBy),
    version: String(p.version),
  };
}

function parentRef(sim: SimContext, o: StoredOrchestration): Obj {
  return { id: o.id, type: 'event_orchestration_reference', self: `${sim.apiBase}/event_orchestrations/${o.id}` };
}

/** Checks a router PUT body and returns the rules as stored (new ids for rules PagerDuty has not seen). */
function validateRouter(body: unknown, current: Path, sim: SimContext): { errors: string[]; rules: Obj[]; catchAll: Obj } {
  const errors: string[] = [];
  const p = isObject(body) ? body.orchestration_path : undefined;
  if (!isObject(p)) return { errors: ['The body must be {"orchestration_path": {...}}'], rules: [], catchAll: {} };
  const svcExists = (id: unknown) => typeof id === 'string' && services(sim.db).has(id);
  if (!Array.isArray(p.sets) || p.sets.length !== 1 || !isObject(p.sets[0]) || p.sets[0].id !== 'start') {
    errors.push("A router has exactly one rule set, with id 'start'");
  }
  const knownIds = new Set(current.sets.flatMap((s) => s.rules.map((r) => r.id as string)));
  const rawRules: unknown[] = Array.isArray(p.sets?.[0]?.rules) ? p.sets[0].rules : [];
  if (isObject(p.sets?.[0]) && !Array.isArray(p.sets[0].rules)) errors.push('sets[0].rules must be a list');
  const rules = rawRules.map((r, i) => {
    if (!isObject(r)) {
      errors.push(`rules[${i}] must be an object`);
      return {};
    }
    if (!Array.isArray(r.conditions) || r.conditions.some((c: unknown) => !isObject(c) || typeof c.expression !== 'string' || !c.expression.trim())) {
      errors.push(`rules[${i}].conditions must be a list of {expression} with a PCL expression`);
    }
    const actions = isObject(r.actions) ? r.actions : {};
    if (actions.route_to === undefined && actions.dynamic_route_to === undefined) errors.push(`rules[${i}].actions.route_to is required`);
    else if (actions.route_to !== undefined && !svcExists(actions.route_to)) errors.push(`rules[${i}].actions.route_to: service ${String(actions.route_to)} was not found`);
    return {
      id: typeof r.id === 'string' && knownIds.has(r.id) ? r.id : sim.db.newId().toLowerCase(),
      label: typeof r.label === 'string' ? r.label : null,
      conditions: r.conditions,
      actions,
      disabled: r.disabled === true,
    };
  });
  const catchRoute = isObject(p.catch_all) && isObject(p.catch_all.actions) ? p.catch_all.actions.route_to : undefined;
  if (catchRoute !== 'unrouted' && !svcExists(catchRoute)) errors.push("catch_all.actions.route_to must be a service id or 'unrouted'");
  return { errors, rules, catchAll: { actions: { route_to: catchRoute } } };
}

export function routes(router: SimRouter): void {
  router.route('GET', '/event_orchestrations', { scope: 'event_orchestrations' }, (req, sim) => {
    const sort = req.query.get('sort_by') ?? 'name:asc';
    const [field, dir] = sort.split(':');
    if (!['name', 'routes', 'created_at'].includes(field) || !['asc', 'desc', undefined].includes(dir)) {
      return invalid(sim, ['sort_by must be name, routes or created_at, with :asc or :desc']);
    }
    const items = [...orchestrations(sim.db).values()].map((o) => renderOrchestration(o, sim));
    items.sort((a, b) => (a[field] < b[field] ? -1 : a[field] > b[field] ? 1 : 0) * (dir === 'desc' ? -1 : 1));
    return sim.paginate(req, items, 'orchestrations');
  });

  router.route('GET', '/event_orchestrations/services/:service_id', { scope: 'services' }, (req, sim) => {
    const sid = req.params.service_id;
    if (!services(sim.db).has(sid)) return sim.notFound();
    const p = servicePaths(sim.db).get(sid) ?? { id: sid, ...path([{ id: 'start', rules: [] }], { actions: {} }) };
    const parent = { id: sid, type: 'service_reference', self: `${sim.apiBase}/services/${sid}` };
    return { status: 200, body: { orchestration_path: renderPath(p, 'service', parent, `${sim.apiBase}/event_orchestrations/services/${sid}`, sim) } };
  });

  router.route('GET', '/event_orchestrations/:id', { scope: 'event_orchestrations' }, (req, sim) => {
    const o = orchestrations(sim.db).get(req.params.id);
    return o ? { status: 200, body: { orchestration: renderOrchestration(o, sim) } } : sim.notFound();
  });

  router.route('GET', '/event_orchestrations/:id/router', { scope: 'event_orchestrations' }, (req, sim) => {
    const o = orchestrations(sim.db).get(req.params.id);
    if (!o) return sim.notFound();
    return { status: 200, body: { orchestration_path: renderPath(o.router, 'router', parentRef(sim, o), `${sim.apiBase}/event_orchestrations/${o.id}/router`, sim) } };
  });

  router.route('PUT', '/event_orchestrations/:id/router', { scope: 'event_orchestrations' }, (req, sim) => {
    const o = orchestrations(sim.db).get(req.params.id);
    if (!o) return sim.notFound();
    const { errors, rules, catchAll } = validateRouter(req.body, o.router, sim);
    if (errors.length) return invalid(sim, errors);
    o.router = {
      sets: [{ id: 'start', rules }],
      catch_all: catchAll,
      version: o.router.version + 1,
      updated_at: nowIso(sim),
      updatedBy: req.caller.userId ?? req.fromUser?.id ?? null,
    };
    return { status: 200, body: { orchestration_path: renderPath(o.router, 'router', parentRef(sim, o), `${sim.apiBase}/event_orchestrations/${o.id}/router`, sim) } };
  });

  router.route('GET', '/event_orchestrations/:id/global', { scope: 'event_orchestrations' }, (req, sim) => {
    const o = orchestrations(sim.db).get(req.params.id);
    if (!o) return sim.notFound();
    return { status: 200, body: { orchestration_path: renderPath(o.global, 'global', parentRef(sim, o), `${sim.apiBase}/event_orchestrations/${o.id}/global`, sim) } };
  });
}
