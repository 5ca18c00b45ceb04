// Log entries: read-only, produced by incident actions (incidents.ts appends them).
import type { SimContext, SimDb, SimRequest, SimRouter } from '../types';
import { anyRef, coll, incidentRef, invalid, newestFirst, serviceRef, setFilter, teamRef, timeParam, userRef, type Obj } from './core-render';

// The "important changes" PagerDuty shows with is_overview=true: status and escalation changes.
const OVERVIEW_TYPES = new Set([
  'trigger_log_entry',
  'acknowledgement_log_entry',
  'unacknowledge_log_entry',
  'resolve_log_entry',
  'escalate_log_entry',
  'urgency_change_log_entry',
]);

export function renderLogEntry(sim: SimContext, e: Obj): Obj {
  const out: Obj = {
    id: e.id,
    type: e.type,
    summary: e.summary,
    self: `${sim.apiBase}/log_entries/${e.id}?incident_id=${e.incident}`,
    html_url: `${sim.webBase}/incidents/${e.incident}/log_entries/${e.id}`,
    created_at: e.created_at,
    agent: anyRef(sim, e.agent),
    channel: e.channel ?? { type: 'api' },
    service: e.service ? serviceRef(sim, e.service) : null,
    incident: incidentRef(sim, e.incident),
    teams: (e.teams ?? []).map((id: string) => teamRef(sim, id)),
    contexts: [],
    event_details: e.event_details ?? {},
  };
  if (e.assignees) out.assignees = e.assignees.map((id: string) => userRef(sim, id));
  if (e.user) out.user = userRef(sim, e.user);
  return out;
}

function list(req: SimRequest, sim: SimContext, incidentId?: string) {
  const since = timeParam(req, 'since');
  const until = timeParam(req, 'until');
  if (Number.isNaN(since) || Number.isNaN(until)) return invalid(sim, ["Invalid time values in 'since' and/or 'until'"], 2004);
  const teamIds = incidentId ? [] : setFilter(req, 'team_ids');
  const overview = req.query.get('is_overview') === 'true';
  const entries = newestFirst([...coll(sim.db, 'log_entries').values()], 'created_at')
    .filter((e) => !incidentId || e.incident === incidentId)
    .filter((e) => since === undefined || Date.parse(e.created_at) >= since)
    .filter((e) => until === undefined || Date.parse(e.created_at) < until)
    .filter((e) => !teamIds.length || (e.teams ?? []).some((t: string) => teamIds.includes(t)))
    .filter((e) => !overview || OVERVIEW_TYPES.has(e.type))
    .map((e) => renderLogEntry(sim, e));
  return sim.paginate(req, entries, 'log_entries');
}

export function seed(_db: SimDb): void {}

export function routes(router: SimRouter): void {
  const opts = { scope: 'incidents' };
  router.route('GET', '/log_entries', opts, (req, sim) => list(req, sim));
  router.route('GET', '/log_entries/:id', opts, (req, sim) => {
    const e = coll(sim.db, 'log_entries').get(req.params.id);
    if (!e) return sim.error(404, 5001, 'Log Entry Not Found');
    return { status: 200, body: { log_entry: renderLogEntry(sim, e) } };
  });
  router.route('GET', '/incidents/:id/log_entries', opts, (req, sim) => {
    if (!coll(sim.db, 'incidents').has(req.params.id)) return sim.error(404, 5001, 'Incident Not Found');
    return list(req, sim, req.params.id);
  });
}
