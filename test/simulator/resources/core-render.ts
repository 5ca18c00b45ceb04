// Shared by the simulator's core areas (incidents, services, schedules, on-calls, …): turning stored
// records (references kept as ids, see seed.ts) into PagerDuty's JSON, and PagerDuty's query conventions.
import type { SimContext, SimDb, SimRequest, SimResponse } from '../types';

export type Obj = Record<string, any>;

export const coll = (db: SimDb, name: string): Map<string, Obj> => db.collection<Obj & { id: string }>(name);

export const isoOf = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
export const nowIso = (sim: SimContext): string => isoOf(sim.now().getTime());

/** A set filter as PagerDuty takes it: `key[]=a&key[]=b` (the bare `key=` form is accepted too). */
export function setFilter(req: SimRequest, key: string): string[] {
  return [...req.query.getAll(`${key}[]`), ...req.query.getAll(key)].filter((v) => v !== '');
}

export function invalid(sim: SimContext, errors: string[], code = 2001): SimResponse {
  return sim.error(400, code, code === 2001 ? 'Invalid Input Provided' : 'Arguments Caused Error', errors);
}

/** Parses an ISO time query parameter; undefined when absent, NaN when malformed. */
export function timeParam(req: SimRequest, key: string): number | undefined {
  const raw = req.query.get(key);
  if (raw === null || raw === '') return undefined;
  return Date.parse(raw);
}

export function userRef(sim: SimContext, id: string): Obj {
  return sim.ref('user', id, sim.db.users.get(id)?.name ?? id);
}

export function teamRef(sim: SimContext, id: string): Obj {
  return sim.ref('team', id, coll(sim.db, 'teams').get(id)?.name ?? id);
}

export function serviceRef(sim: SimContext, id: string): Obj {
  return sim.ref('service', id, coll(sim.db, 'services').get(id)?.name ?? id);
}

export function epRef(sim: SimContext, id: string): Obj {
  return sim.ref('escalation_policy', id, coll(sim.db, 'escalation_policies').get(id)?.name ?? id);
}

export function scheduleRef(sim: SimContext, id: string): Obj {
  return sim.ref('schedule', id, coll(sim.db, 'schedules').get(id)?.name ?? id);
}

export function priorityRef(sim: SimContext, id: string | null): Obj | null {
  if (!id) return null;
  const p = coll(sim.db, 'priorities').get(id);
  const r = sim.ref('priority', id, p?.name ?? id);
  return { ...r, html_url: null };
}

export function businessServiceRef(sim: SimContext, id: string): Obj {
  return sim.ref('business_service', id, coll(sim.db, 'business_services').get(id)?.name ?? id, `/business_services/${id}`);
}

export function incidentRef(sim: SimContext, id: string): Obj {
  const inc = coll(sim.db, 'incidents').get(id);
  return sim.ref('incident', id, inc ? `[#${inc.incident_number}] ${inc.title}` : id);
}

/** `{type, id}` as stored (user_reference / service_reference / schedule_reference …) → a full reference. */
export function anyRef(sim: SimContext, r: { type: string; id: string } | null | undefined): Obj | null {
  if (!r) return null;
  switch (r.type) {
    case 'user_reference':
      return userRef(sim, r.id);
    case 'service_reference':
      return serviceRef(sim, r.id);
    case 'schedule_reference':
      return scheduleRef(sim, r.id);
    case 'escalation_policy_reference':
      return epRef(sim, r.id);
    default:
      return { id: r.id, type: r.type };
  }
}

export function logEntryRef(sim: SimContext, id: string): Obj | null {
  const e = coll(sim.db, 'log_entries').get(id);
  if (!e) return null;
  return {
    id,
    type: `${e.type}_reference`,
    summary: e.summary,
    self: `${sim.apiBase}/log_entries/${id}?incident_id=${e.incident}`,
    html_url: `${sim.webBase}/incidents/${e.incident}/log_entries/${id}`,
  };
}

export function renderUser(sim: SimContext, id: string): Obj | null {
  const u = sim.db.users.get(id);
  if (!u) return null;
  const { teams, ...rest } = u;
  return { ...rest, ...userRef(sim, id), type: 'user', summary: u.name, teams: teams.map((t) => teamRef(sim, t)) };
}

/** Sorts newest first by a time field; records created in the same second keep newest-inserted first. */
export function newestFirst<T extends Obj>(items: T[], field: string): T[] {
  return [...items].reverse().sort((a, b) => Date.parse(b[field]) - Date.parse(a[field]));
}
