// Business services and their dependencies (/service_dependencies/business_services/{id}).
import type { SimContext, SimDb, SimRouter } from '../types';
import { businessServiceRef, coll, teamRef, type Obj } from './core-render';
import { allDependencies, renderDependency } from './services';

function render(sim: SimContext, b: Obj): Obj {
  return {
    ...businessServiceRef(sim, b.id),
    type: 'business_service',
    name: b.name,
    description: b.description ?? null,
    point_of_contact: b.point_of_contact ?? null,
    team: b.team ? teamRef(sim, b.team) : null,
  };
}

export function seed(_db: SimDb): void {}

export function routes(router: SimRouter): void {
  const opts = { scope: 'business_services' };
  router.route('GET', '/business_services', opts, (req, sim) => {
    const all = [...coll(sim.db, 'business_services').values()].sort((a, b) => String(a.name).localeCompare(String(b.name))).map((b) => render(sim, b));
    return sim.paginate(req, all, 'business_services');
  });
  router.route('GET', '/business_services/:id', opts, (req, sim) => {
    const b = coll(sim.db, 'business_services').get(req.params.id);
    if (!b) return sim.error(404, 2100, 'Not Found', ['Business Service not found.']);
    return { status: 200, body: { business_service: render(sim, b) } };
  });
  router.route('GET', '/service_dependencies/business_services/:id', { scope: 'services' }, (req, sim) => {
    if (!coll(sim.db, 'business_services').has(req.params.id)) return sim.error(404, 2100, 'Not Found', ['Business Service not found.']);
    const rel = allDependencies(sim.db).filter((d) => d.supporting.id === req.params.id || d.dependent.id === req.params.id);
    return { status: 200, body: { relationships: rel.map((d) => renderDependency(sim, d)) } };
  });
}
