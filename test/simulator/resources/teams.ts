// Teams and their members (members are stored on the team: [{user, role}]).
import type { SimContext, SimDb, SimRouter } from '../types';
import { coll, teamRef, userRef, type Obj } from './core-render';

function render(sim: SimContext, t: Obj): Obj {
  return { ...teamRef(sim, t.id), type: 'team', name: t.name, description: t.description ?? null, parent: t.parent ? teamRef(sim, t.parent) : null, default_role: t.default_role ?? 'manager' };
}

export function seed(_db: SimDb): void {}

export function routes(router: SimRouter): void {
  const opts = { scope: 'teams' };
  router.route('GET', '/teams', opts, (req, sim) => {
    const q = (req.query.get('query') ?? '').toLowerCase();
    const all = [...coll(sim.db, 'teams').values()]
      .filter((t) => !q || String(t.name).toLowerCase().includes(q))
      .sort((a, b) => String(a.name).localeCompare(String(b.name)))
      .map((t) => render(sim, t));
    return sim.paginate(req, all, 'teams');
  });
  router.route('GET', '/teams/:id', opts, (req, sim) => {
    const t = coll(sim.db, 'teams').get(req.params.id);
    if (!t) return sim.error(404, 6001, 'Team Not Found');
    return { status: 200, body: { team: render(sim, t) } };
  });
  router.route('GET', '/teams/:id/members', opts, (req, sim) => {
    const t = coll(sim.db, 'teams').get(req.params.id);
    if (!t) return sim.error(404, 6001, 'Team Not Found');
    const members = (t.members ?? []).map((m: Obj) => ({ user: userRef(sim, m.user), role: m.role }));
    return sim.paginate(req, members, 'members');
  });
}
