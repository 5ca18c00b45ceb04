// /analytics/metrics/...: PagerDuty Analytics, computed from the simulator's own incidents and log entries
// so numbers move when tests create, acknowledge or resolve incidents. These POSTs are reads: marked
// write:false (read-only keys and *.read scopes may call them) and they need no From header.
import type { SimContext, SimDb, SimRequest, SimResponse, SimRouter } from '../types';
import { incidents, invalid, isObject, services, teams, type Obj } from './platform-util';

export function seed(_db: SimDb): void {}

interface Window {
  start: number;
  end: number;
  teamIds: string[] | null;
  serviceIds: string[] | null;
  responderIds: string[] | null;
  urgency: string | null;
  timeZone: string;
  order: 'asc' | 'desc';
  orderBy: string | null;
  aggregateUnit: 'day' | 'week' | 'month' | null;
  echo: Obj;
}

const ms = (iso: unknown) => (typeof iso === 'string' ? Date.parse(iso) : NaN);
const secs = (fromIso: string, toIso: string) => Math.round((ms(toIso) - ms(fromIso)) / 1000);

function validZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** Reads the body's filters; `kind` says whether the window is on created_at or date_range. */
function readWindow(req: SimRequest, sim: SimContext, kind: 'incidents' | 'responders'): Window | SimResponse {
  const errors: string[] = [];
  const b = isObject(req.body) ? req.body : {};
  const f = isObject(b.filters) ? b.filters : null;
  if (!f) return invalid(sim, ['filters is required']);
  // Responder endpoints name the window date_range_*; created_at_* is accepted as PagerDuty's incident spelling.
  const [sk, ek] = kind === 'responders' && f.date_range_start !== undefined ? ['date_range_start', 'date_range_end'] : ['created_at_start', 'created_at_end'];
  const start = ms(f[sk]);
  const end = ms(f[ek]);
  if (Number.isNaN(start)) errors.push(`filters.${sk} must be an ISO-8601 date-time`);
  if (Number.isNaN(end)) errors.push(`filters.${ek} must be an ISO-8601 date-time`);
  if (!errors.length && end <= start) errors.push(`filters.${ek} must be after filters.${sk}`);
  const list = (key: string): string[] | null => {
    const v = f[key];
    if (v === undefined || v === null) return null;
    if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) {
      errors.push(`filters.${key} must be a list of ids`);
      return null;
    }
    return v;
  };
  const teamIds = list('team_ids');
  const serviceIds = list('service_ids');
  const responderIds = list('responder_ids');
  const urgency = f.urgency ?? null;
  if (urgency !== null && urgency !== 'high' && urgency !== 'low') errors.push("filters.urgency must be 'high' or 'low'");
  const timeZone = typeof b.time_zone === 'string' ? b.time_zone : 'Etc/UTC';
  if (!validZone(timeZone)) errors.push(`time_zone ${String(b.time_zone)} is not a valid IANA time zone`);
  const order = b.order ?? 'desc';
  if (order !== 'asc' && order !== 'desc') errors.push("order must be 'asc' or 'desc'");
  const aggregateUnit = b.aggregate_unit ?? null;
  if (aggregateUnit !== null && !['day', 'week', 'month'].includes(aggregateUnit)) errors.push("aggregate_unit must be 'day', 'week' or 'month'");
  if (errors.length) return invalid(sim, errors);
  return {
    start,
    end,
    teamIds,
    serviceIds,
    responderIds,
    urgency,
    timeZone,
    order,
    orderBy: typeof b.order_by === 'string' ? b.order_by : null,
    aggregateUnit,
    echo: { filters: f, time_zone: timeZone, order, order_by: b.order_by ?? null, aggregate_unit: aggregateUnit },
  };
}

function selectIncidents(db: SimDb, w: Window): Obj[] {
  return [...incidents(db).values()].filter((inc) => {
    const created = ms(inc.created_at);
    if (!(created >= w.start && created < w.end)) return false;
    if (w.urgency && inc.urgency !== w.urgency) return false;
    if (w.serviceIds && !w.serviceIds.includes(inc.service)) return false;
    if (w.teamIds && !(inc.teams ?? []).some((t: string) => w.teamIds!.includes(t))) return false;
    return true;
  });
}

function percentile(values: number[], p: number): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const idx = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[idx];
}

const mean = (values: number[]) => (values.length ? Math.round(values.reduce((a, b) => a + b, 0) / values.length) : null);

function logEntriesOf(db: SimDb, incidentId: string): Obj[] {
  return [...db.collection<Obj & { id: string }>('log_entries').values()].filter((l) => l.incident === incidentId);
}

/** The incident metrics PagerDuty reports for a group of incidents over the window. */
function incidentMetrics(db: SimDb, list: Obj[], w: Window, withPercentiles: boolean): Obj {
  const toAck = list.filter((i) => i.acknowledgements?.length).map((i) => secs(i.created_at, i.acknowledgements[0].at));
  const toResolve = list.filter((i) => i.resolved_at).map((i) => secs(i.created_at, i.resolved_at));
  const escalations = list.reduce((n, i) => n + logEntriesOf(db, i.id).filter((l) => l.type === 'escalate_log_entry').length, 0);
  // Uptime: the share of the window without an open high-urgency incident.
  const windowMs = w.end - w.start;
  const downMs = list
    .filter((i) => i.urgency === 'high')
    .reduce((sum, i) => sum + Math.max(0, Math.min(ms(i.resolved_at ?? null) || w.end, w.end) - Math.max(ms(i.created_at), w.start)), 0);
  const metrics: Obj = {
    total_incident_count: list.length,
    total_incidents_acknowledged: toAck.length,
    total_incidents_resolved: toResolve.length,
    total_high_urgency_incidents: list.filter((i) => i.urgency === 'high').length,
    total_low_urgency_incidents: list.filter((i) => i.urgency === 'low').length,
    mean_seconds_to_first_ack: mean(toAck),
    mean_seconds_to_resolve: mean(toResolve),
    p50_seconds_to_resolve: percentile(toResolve, 50),
    p90_seconds_to_resolve: percentile(toResolve, 90),
    total_escalation_count: escalations,
    total_incidents_manual_escalated: escalations,
    total_interruptions: list.length,
    up_time_pct: Math.round(Math.max(0, 100 - (downMs / windowMs) * 100) * 1000) / 1000,
  };
  if (withPercentiles) {
    for (const p of [50, 75, 90, 95]) {
      metrics[`p${p}_seconds_to_first_ack`] = percentile(toAck, p);
      metrics[`p${p}_seconds_to_resolve`] = percentile(toResolve, p);
    }
  }
  return metrics;
}

function localParts(t: number, tz: string): { date: string; hour: number; weekday: number } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', hourCycle: 'h23', weekday: 'short' })
      .formatToParts(new Date(t))
      .map((p) => [p.type, p.value]),
  );
  const weekday = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(parts.weekday);
  return { date: `${parts.year}-${parts.month}-${parts.day}`, hour: Number(parts.hour), weekday };
}

function periodStart(t: number, w: Window): string {
  const { date } = localParts(t, w.timeZone);
  if (w.aggregateUnit === 'month') return `${date.slice(0, 8)}01`;
  if (w.aggregateUnit === 'week') {
    const d = new Date(`${date}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
    return d.toISOString().slice(0, 10);
  }
  return date;
}

/** The responders of an incident: everyone it was assigned to (log entries outlive assignments) or who acknowledged it. */
function respondersOf(db: SimDb, inc: Obj): string[] {
  const ids = new Set<string>();
  for (const l of logEntriesOf(db, inc.id)) if (l.type === 'assign_log_entry') for (const u of l.assignees ?? []) ids.add(u);
  for (const a of inc.assignments ?? []) ids.add(a.assignee);
  for (const a of inc.acknowledgements ?? []) ids.add(a.acknowledger);
  return [...ids];
}

function responderMetrics(db: SimDb, userId: string, list: Obj[]): Obj {
  const user = db.users.get(userId);
  const tz = user?.time_zone && validZone(user.time_zone) ? user.time_zone : 'Etc/UTC';
  let business = 0;
  let off = 0;
  let sleep = 0;
  const acked = list.filter((i) => (i.acknowledgements ?? []).some((a: Obj) => a.acknowledger === userId));
  for (const inc of list) {
    const { hour, weekday } = localParts(ms(inc.created_at), tz);
    if (hour >= 22 || hour < 8) sleep++;
    else if (weekday >= 1 && weekday <= 5 && hour < 18) business++;
    else off++;
  }
  const toAck = acked.map((i) => secs(i.created_at, i.acknowledgements.find((a: Obj) => a.acknowledger === userId).at));
  const engaged = acked.filter((i) => i.resolved_at).map((i) => secs(i.acknowledgements.find((a: Obj) => a.acknowledger === userId).at, i.resolved_at));
  return {
    responder_id: userId,
    responder_name: user?.name ?? null,
    total_incident_count: list.length,
    total_incidents_acknowledged: acked.length,
    total_interruptions: list.length,
    total_business_hour_interruptions: business,
    total_off_hour_interruptions: off,
    total_sleep_hour_interruptions: sleep,
    total_engaged_seconds: engaged.reduce((a, b) => a + b, 0),
    mean_engaged_seconds: mean(engaged),
    mean_time_to_acknowledge_seconds: mean(toAck),
    total_notifications: list.length,
    // On-call time needs PagerDuty's schedule engine; the simulator does not compute it.
    total_seconds_on_call: null,
  };
}

/** Rows sorted as asked, or the unknown order_by key. */
function sortRows(rows: Obj[], w: Window, fallback: string): Obj[] | string {
  const key = w.orderBy ?? fallback;
  if (rows.length && !(key in rows[0])) return key;
  const dir = w.order === 'asc' ? 1 : -1;
  return rows.sort((a, b) => {
    const x = a[key] ?? -Infinity;
    const y = b[key] ?? -Infinity;
    return (x < y ? -1 : x > y ? 1 : 0) * dir;
  });
}

function answer(sim: SimContext, w: Window, rows: Obj[], fallback: string): SimResponse {
  const sorted = sortRows(rows, w, fallback);
  if (typeof sorted === 'string') return invalid(sim, [`order_by ${sorted} is not a metric of this report`]);
  return { status: 200, body: { data: sorted, ...w.echo } };
}

const teamName = (db: SimDb, id: string | null) => (id ? ((teams(db).get(id)?.name as string | undefined) ?? null) : null);

export function routes(router: SimRouter): void {
  const opts = { scope: 'analytics', write: false, requiresFrom: false };

  router.route('POST', '/analytics/metrics/incidents/all', opts, (req, sim) => {
    const w = readWindow(req, sim, 'incidents');
    if ('status' in w) return w;
    return { status: 200, body: { data: [incidentMetrics(sim.db, selectIncidents(sim.db, w), w, true)], ...w.echo } };
  });

  router.route('POST', '/analytics/metrics/incidents/services', opts, (req, sim) => {
    const w = readWindow(req, sim, 'incidents');
    if ('status' in w) return w;
    const byService = new Map<string, Obj[]>();
    for (const inc of selectIncidents(sim.db, w)) byService.set(inc.service, [...(byService.get(inc.service) ?? []), inc]);
    const rows = [...byService].map(([sid, list]) => {
      const svc = services(sim.db).get(sid);
      const teamId = (svc?.teams?.[0] as string | undefined) ?? null;
      return { service_id: sid, service_name: svc?.name ?? null, team_id: teamId, team_name: teamName(sim.db, teamId), ...incidentMetrics(sim.db, list, w, false) };
    });
    return answer(sim, w, rows, 'total_incident_count');
  });

  router.route('POST', '/analytics/metrics/incidents/teams', opts, (req, sim) => {
    const w = readWindow(req, sim, 'incidents');
    if ('status' in w) return w;
    const groups = new Map<string, { teamId: string; period: string | null; list: Obj[] }>();
    for (const inc of selectIncidents(sim.db, w)) {
      const period = w.aggregateUnit ? periodStart(ms(inc.created_at), w) : null;
      for (const teamId of inc.teams ?? []) {
        if (w.teamIds && !w.teamIds.includes(teamId)) continue;
        const key = `${teamId}|${period}`;
        const g = groups.get(key) ?? { teamId: teamId as string, period, list: [] as Obj[] };
        g.list.push(inc);
        groups.set(key, g);
      }
    }
    const rows = [...groups.values()].map((g) => ({
      team_id: g.teamId,
      team_name: teamName(sim.db, g.teamId),
      ...(g.period ? { range_start: `${g.period}T00:00:00` } : {}),
      ...incidentMetrics(sim.db, g.list, w, false),
    }));
    return answer(sim, w, rows, 'total_incident_count');
  });

  router.route('POST', '/analytics/metrics/responders/teams', opts, (req, sim) => {
    const w = readWindow(req, sim, 'responders');
    if ('status' in w) return w;
    const groups = new Map<string, { userId: string; teamId: string | null; list: Obj[] }>();
    for (const inc of selectIncidents(sim.db, w)) {
      for (const userId of respondersOf(sim.db, inc)) {
        if (w.responderIds && !w.responderIds.includes(userId)) continue;
        const userTeams: string[] = sim.db.users.get(userId)?.teams ?? [];
        const shared = userTeams.filter((t) => (inc.teams ?? []).includes(t) && (!w.teamIds || w.teamIds.includes(t)));
        for (const teamId of shared.length ? shared : w.teamIds ? [] : [null]) {
          const key = `${userId}|${teamId}`;
          const g = groups.get(key) ?? { userId, teamId, list: [] as Obj[] };
          g.list.push(inc);
          groups.set(key, g);
        }
      }
    }
    const rows = [...groups.values()].map((g) => ({ ...responderMetrics(sim.db, g.userId, g.list), team_id: g.teamId, team_name: teamName(sim.db, g.teamId) }));
    return answer(sim, w, rows, 'total_incident_count');
  });

  router.route('POST', '/analytics/metrics/responders/all', opts, (req, sim) => {
    const w = readWindow(req, sim, 'responders');
    if ('status' in w) return w;
    const byUser = new Map<string, Obj[]>();
    for (const inc of selectIncidents(sim.db, w)) for (const userId of respondersOf(sim.db, inc)) byUser.set(userId, [...(byUser.get(userId) ?? []), inc]);
    const rows = [...byUser].map(([userId, list]) => {
      const m = responderMetrics(sim.db, userId, list);
      return {
        responder_id: m.responder_id,
        responder_name: m.responder_name,
        total_incident_count: m.total_incident_count,
        total_incidents_acknowledged: m.total_incidents_acknowledged,
        total_sleep_hour_interruptions: m.total_sleep_hour_interruptions,
        total_engaged_seconds: m.total_engaged_seconds,
        mean_time_to_acknowledge_seconds: m.mean_time_to_acknowledge_seconds,
        total_seconds_on_call: null,
      };
    });
    return answer(sim, w, rows, 'total_incident_count');
  });
}
