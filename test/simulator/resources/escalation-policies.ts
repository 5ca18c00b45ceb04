// Escalation policies: read routes. The services of a policy are the services that point at it.
import type { SimContext, SimDb, SimRouter } from '../types';
import { anyRef, coll, epRef, serviceRef, setFilter, teamRef, type Obj } from './core-render';

export function renderEscalationPolicy(sim: SimContext, ep: Obj): Obj {
  return {
    ...epRef(sim, ep.id),
    type: 'escalation_policy',
    name: ep.name,
    description: ep.description ?? null,
    num_loops: ep.num_loops ?? 0,
    on_call_handoff_notifications: ep.on_call_handoff_notifications ?? 'if_has_services',
    escalation_rules: (ep.escalation_rules ?? []).map((r: Obj) => ({
      id: r.id,
      escalation_delay_in_minutes: r.escalation_delay_in_minutes,
      targets: (r.targets ?? []).map((t: Obj) => anyRef(sim, t as { type: string; id: string })),
    })),
    services: [...coll(sim.db, 'services').values()].filter((s) => s.escalation_policy === ep.id).map((s) => serviceRef(sim, s.id)),
    teams: (ep.teams ?? []).map((id: string) => teamRef(sim, id)),
  };
}

/** Users a policy pages: direct targets and everyone on the schedules it targets. */
function usersOf(db: SimDb, ep: Obj): Set<string> {
  const out = new Set<string>();
  for (const r of ep.escalation_rules ?? []) {
    for (const t of r.targets ?? []) {
      if (t.type === 'user_reference') out.add(t.id);
      if (t.type === 'schedule_reference') {
        for (const l of coll(db, 'schedules').get(t.id)?.schedule_layers ?? []) for (const u of l.users ?? []) out.add(u);
      }
    }
  }
  return out;
}

export function seed(_db: SimDb): void {}

export function routes(router: SimRouter): void {
  const opts = { scope: 'escalation_policies' };
  router.route('GET', '/escalation_policies', opts, (req, sim) => {
    const q = (req.query.get('query') ?? '').toLowerCase();
    const userIds = setFilter(req, 'user_ids');
    const teamIds = setFilter(req, 'team_ids');
    const all = [...coll(sim.db, 'escalation_policies').values()]
      .filter((ep) => !q || String(ep.name).toLowerCase().includes(q))
      .filter((ep) => !teamIds.length || (ep.teams ?? []).some((t: string) => teamIds.includes(t)))
      .filter((ep) => {
        if (!userIds.length) return true;
        const users = usersOf(sim.db, ep);
        return userIds.some((u) => users.has(u));
      })
      .sort((a, b) => String(a.name).localeCompare(String(b.name)))
      .map((ep) => renderEscalationPolicy(sim, ep));
    return sim.paginate(req, all, 'escalation_policies');
  });
  router.route('GET', '/escalation_policies/:id', opts, (req, sim) => {
    const ep = coll(sim.db, 'escalation_policies').get(req.params.id);
    if (!ep) return sim.error(404, 2100, 'Not Found', ['Escalation Policy not found.']);
    return { status: 200, body: { escalation_policy: renderEscalationPolicy(sim, ep) } };
  });
}
