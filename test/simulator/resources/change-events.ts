// Change events (deploys, config changes): account-wide, per service, and related to an incident.
import type { SimContext, SimDb, SimRequest, SimRouter } from '../types';
import { coll, invalid, newestFirst, serviceRef, setFilter, timeParam, type Obj } from './core-render';
import { allDependencies } from './services';

const HOUR = 3_600_000;

export function renderChangeEvent(sim: SimContext, e: Obj): Obj {
  return {
    id: e.id,
    type: 'change_event',
    summary: e.summary,
    self: `${sim.apiBase}/change_events/${e.id}`,
    html_url: null,
    timestamp: e.timestamp,
    source: e.source ?? null,
    services: (e.services ?? []).map((id: string) => serviceRef(sim, id)),
    integration: e.integration ? { id: e.integration, type: 'inbound_integration_reference' } : null,
    links: e.links ?? [],
    custom_details: e.custom_details ?? {},
  };
}

/** Filters shared by the list routes; returns a 400 response for malformed times. */
function filtered(req: SimRequest, sim: SimContext, serviceId?: string) {
  const since = timeParam(req, 'since');
  const until = timeParam(req, 'until');
  if (Number.isNaN(since) || Number.isNaN(until)) return invalid(sim, ["Invalid time values in 'since' and/or 'until'"], 2004);
  const teamIds = setFilter(req, 'team_ids');
  const integrationIds = setFilter(req, 'integration_ids');
  const services = coll(sim.db, 'services');
  const list = newestFirst([...coll(sim.db, 'change_events').values()], 'timestamp')
    .filter((e) => !serviceId || (e.services ?? []).includes(serviceId))
    .filter((e) => since === undefined || Date.parse(e.timestamp) >= since)
    .filter((e) => until === undefined || Date.parse(e.timestamp) < until)
    .filter((e) => !integrationIds.length || integrationIds.includes(e.integration))
    .filter((e) => !teamIds.length || (e.services ?? []).some((sid: string) => (services.get(sid)?.teams ?? []).some((t: string) => teamIds.includes(t))));
  return list.map((e) => renderChangeEvent(sim, e));
}

export function seed(_db: SimDb): void {}

export function routes(router: SimRouter): void {
  const opts = { scope: 'change_events' };
  router.route('GET', '/change_events', opts, (req, sim) => {
    const list = filtered(req, sim);
    return Array.isArray(list) ? sim.paginate(req, list, 'change_events') : list;
  });
  router.route('GET', '/change_events/:id', opts, (req, sim) => {
    const e = coll(sim.db, 'change_events').get(req.params.id);
    if (!e) return sim.error(404, 2100, 'Not Found', ['Change Event not found.']);
    return { status: 200, body: { change_event: renderChangeEvent(sim, e) } };
  });
  router.route('GET', '/services/:id/change_events', opts, (req, sim) => {
    if (!coll(sim.db, 'services').has(req.params.id)) return sim.error(404, 5002, 'Service Not Found');
    const list = filtered(req, sim, req.params.id);
    return Array.isArray(list) ? sim.paginate(req, list, 'change_events') : list;
  });
  // Changes in the 24 hours before an incident on its service, or on a service it depends on.
  router.route('GET', '/incidents/:id/related_change_events', { scope: 'incidents' }, (req, sim) => {
    const inc = coll(sim.db, 'incidents').get(req.params.id);
    if (!inc) return sim.error(404, 5001, 'Incident Not Found');
    const created = Date.parse(inc.created_at);
    const supporting = allDependencies(sim.db)
      .filter((d) => d.dependent.id === inc.service && d.supporting.kind === 'technical_service')
      .map((d) => d.supporting.id);
    const related = newestFirst([...coll(sim.db, 'change_events').values()], 'timestamp')
      .filter((e) => {
        const t = Date.parse(e.timestamp);
        return t <= created && t >= created - 24 * HOUR;
      })
      .map((e) => {
        const reasons: string[] = [];
        if ((e.services ?? []).includes(inc.service)) reasons.push('same_service');
        if ((e.services ?? []).some((s: string) => supporting.includes(s))) reasons.push('dependent_service');
        return { e, reasons };
      })
      .filter((x) => x.reasons.length > 0)
      .map(({ e, reasons }) => ({ ...renderChangeEvent(sim, e), reasons }));
    const limit = Math.min(Number(req.query.get('limit') ?? 25) || 25, 100);
    return { status: 200, body: { change_events: related.slice(0, limit) } };
  });
}
