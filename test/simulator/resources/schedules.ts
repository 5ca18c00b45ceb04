// Layer-based (v2) schedules: rendering who is on call from the layers (rotation + restrictions, later
// layers win) and overrides (win over all layers), as PagerDuty's final schedule does. Times are
// computed in UTC; restrictions use UTC clock times (the seeded zones are UTC/London, equal in winter).
import type { SimContext, SimDb, SimRequest, SimRouter } from '../types';
import { coll, epRef, invalid, isoOf, renderUser, scheduleRef, setFilter, teamRef, timeParam, userRef, type Obj } from './core-render';

const DAY = 86_400_000;
const WEEK = 7 * DAY;

export interface Shift {
  start: number;
  end: number;
  user: string;
}

function secondsOf(time: string): number {
  const [h, m, s] = time.split(':').map(Number);
  return ((h || 0) * 3600 + (m || 0) * 60 + (s || 0)) * 1000;
}

/** Restriction windows (ms ranges) that overlap [from, to). */
function restrictionWindows(layer: Obj, from: number, to: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const r of layer.restrictions ?? []) {
    const dur = Number(r.duration_seconds) * 1000;
    const offset = secondsOf(String(r.start_time_of_day ?? '00:00:00'));
    if (r.type === 'weekly_restriction') {
      // ISO weeks start on Monday; 1970-01-05 was a Monday.
      const monday0 = Date.UTC(1970, 0, 5);
      const firstWeek = Math.floor((from - monday0) / WEEK) - 1;
      for (let w = firstWeek; monday0 + w * WEEK < to; w++) {
        const start = monday0 + w * WEEK + ((Number(r.start_day_of_week) || 1) - 1) * DAY + offset;
        if (start + dur > from && start < to) out.push([start, start + dur]);
      }
    } else {
      for (let d = Math.floor(from / DAY) - 1; d * DAY < to; d++) {
        const start = d * DAY + offset;
        if (start + dur > from && start < to) out.push([start, start + dur]);
      }
    }
  }
  return out;
}

function layerUserAt(layer: Obj, t: number): string | null {
  const start = Date.parse(layer.start);
  if (t < start || (layer.end && t >= Date.parse(layer.end))) return null;
  const users: string[] = layer.users ?? [];
  if (users.length === 0) return null;
  const v = Date.parse(layer.rotation_virtual_start ?? layer.start);
  const turn = Number(layer.rotation_turn_length_seconds) * 1000;
  const k = Math.floor((t - v) / turn);
  return users[((k % users.length) + users.length) % users.length];
}

function layerBoundaries(layer: Obj, from: number, to: number): number[] {
  const points = [Date.parse(layer.start)];
  if (layer.end) points.push(Date.parse(layer.end));
  const v = Date.parse(layer.rotation_virtual_start ?? layer.start);
  const turn = Number(layer.rotation_turn_length_seconds) * 1000;
  for (let k = Math.floor((from - v) / turn); v + k * turn < to; k++) points.push(v + k * turn);
  for (const [a, b] of restrictionWindows(layer, from, to)) points.push(a, b);
  return points;
}

function activeAt(layer: Obj, windows: Array<[number, number]>, t: number): boolean {
  if (!layer.restrictions?.length) return true;
  return windows.some(([a, b]) => t >= a && t < b);
}

/** Merges a per-interval user function over [from, to) into shifts. */
function render(points: number[], from: number, to: number, userAt: (t: number) => string | null): Shift[] {
  const cuts = [...new Set([from, to, ...points.filter((p) => p > from && p < to)])].sort((a, b) => a - b);
  const shifts: Shift[] = [];
  for (let i = 0; i < cuts.length - 1; i++) {
    const user = userAt(cuts[i]);
    if (!user) continue;
    const last = shifts[shifts.length - 1];
    if (last && last.user === user && last.end === cuts[i]) last.end = cuts[i + 1];
    else shifts.push({ start: cuts[i], end: cuts[i + 1], user });
  }
  return shifts;
}

export function overridesOf(db: SimDb, scheduleId: string): Obj[] {
  return [...coll(db, 'overrides').values()].filter((o) => o.schedule_id === scheduleId);
}

export function layerShifts(layer: Obj, from: number, to: number): Shift[] {
  const windows = restrictionWindows(layer, from, to);
  return render(layerBoundaries(layer, from, to), from, to, (t) => (activeAt(layer, windows, t) ? layerUserAt(layer, t) : null));
}

/** The final schedule over [from, to): overrides first, then the last layer that covers the moment. */
export function finalShifts(db: SimDb, schedule: Obj, from: number, to: number): Shift[] {
  const layers: Obj[] = schedule.schedule_layers ?? [];
  const overrides = overridesOf(db, schedule.id);
  const windows = layers.map((l) => restrictionWindows(l, from, to));
  const points = layers.flatMap((l) => layerBoundaries(l, from, to));
  for (const o of overrides) points.push(Date.parse(o.start), Date.parse(o.end));
  return render(points, from, to, (t) => {
    const o = overrides.find((x) => t >= Date.parse(x.start) && t < Date.parse(x.end));
    if (o) return o.user;
    for (let i = layers.length - 1; i >= 0; i--) {
      if (!activeAt(layers[i], windows[i], t)) continue;
      const u = layerUserAt(layers[i], t);
      if (u) return u;
    }
    return null;
  });
}

function coverage(shifts: Shift[], from: number, to: number): number {
  const covered = shifts.reduce((sum, s) => sum + (s.end - s.start), 0);
  return to > from ? Math.round((covered / (to - from)) * 1000) / 10 : 0;
}

const entriesOut = (sim: SimContext, shifts: Shift[]) => shifts.map((s) => ({ start: isoOf(s.start), end: isoOf(s.end), user: userRef(sim, s.user) }));

function policiesTargeting(db: SimDb, scheduleId: string): string[] {
  return [...coll(db, 'escalation_policies').values()]
    .filter((ep) => (ep.escalation_rules ?? []).some((r: Obj) => (r.targets ?? []).some((t: Obj) => t.type === 'schedule_reference' && t.id === scheduleId)))
    .map((ep) => ep.id);
}

function layerUsers(schedule: Obj): string[] {
  return [...new Set<string>((schedule.schedule_layers ?? []).flatMap((l: Obj) => l.users ?? []))];
}

function scheduleOut(sim: SimContext, s: Obj, opts: { layers: boolean; window?: { from: number; to: number } }): Obj {
  const out: Obj = {
    ...scheduleRef(sim, s.id),
    type: 'schedule',
    name: s.name,
    description: s.description ?? null,
    time_zone: s.time_zone,
    escalation_policies: policiesTargeting(sim.db, s.id).map((id) => epRef(sim, id)),
    users: layerUsers(s).map((id) => userRef(sim, id)),
    teams: (s.teams ?? []).map((id: string) => teamRef(sim, id)),
  };
  if (opts.layers) {
    out.schedule_layers = (s.schedule_layers ?? []).map((l: Obj) => {
      const layer: Obj = {
        id: l.id,
        name: l.name,
        start: l.start,
        end: l.end ?? null,
        rotation_virtual_start: l.rotation_virtual_start,
        rotation_turn_length_seconds: l.rotation_turn_length_seconds,
        users: (l.users ?? []).map((id: string) => ({ user: userRef(sim, id) })),
        restrictions: l.restrictions ?? [],
      };
      if (opts.window) {
        const shifts = layerShifts(l, opts.window.from, opts.window.to);
        layer.rendered_schedule_entries = entriesOut(sim, shifts);
        layer.rendered_coverage_percentage = coverage(shifts, opts.window.from, opts.window.to);
      }
      return layer;
    });
  }
  if (opts.window) {
    const { from, to } = opts.window;
    const overrideShifts = overridesOf(sim.db, s.id)
      .map((o) => ({ start: Math.max(from, Date.parse(o.start)), end: Math.min(to, Date.parse(o.end)), user: o.user as string }))
      .filter((o) => o.end > o.start)
      .sort((a, b) => a.start - b.start);
    const final = finalShifts(sim.db, s, from, to);
    out.overrides_subschedule = { name: 'Overrides', rendered_schedule_entries: entriesOut(sim, overrideShifts), rendered_coverage_percentage: coverage(overrideShifts, from, to) };
    out.final_schedule = { name: 'Final Schedule', rendered_schedule_entries: entriesOut(sim, final), rendered_coverage_percentage: coverage(final, from, to) };
  }
  return out;
}

/** since/until from the query with defaults; a 400 response when malformed or reversed. */
function windowOf(req: SimRequest, sim: SimContext, defaults: { from: number; to: number }) {
  const since = timeParam(req, 'since');
  const until = timeParam(req, 'until');
  if (Number.isNaN(since) || Number.isNaN(until)) return invalid(sim, ["Invalid time values in 'since' and/or 'until'"], 2004);
  const from = since ?? defaults.from;
  const to = until ?? Math.max(defaults.to, from);
  if (to < from) return invalid(sim, ['until must not be before since'], 2004);
  return { from, to };
}

export function seed(_db: SimDb): void {}

export function routes(router: SimRouter): void {
  const opts = { scope: 'schedules' };

  router.route('GET', '/schedules', opts, (req, sim) => {
    const q = (req.query.get('query') ?? '').toLowerCase();
    const teamIds = setFilter(req, 'team_ids');
    const include = setFilter(req, 'include');
    const all = [...coll(sim.db, 'schedules').values()]
      .filter((s) => !q || String(s.name).toLowerCase().includes(q))
      .filter((s) => !teamIds.length || (s.teams ?? []).some((t: string) => teamIds.includes(t)))
      .sort((a, b) => String(a.name).localeCompare(String(b.name)))
      .map((s) => scheduleOut(sim, s, { layers: include.includes('schedule_layers') }));
    return sim.paginate(req, all, 'schedules');
  });

  router.route('GET', '/schedules/:id', opts, (req, sim) => {
    const s = coll(sim.db, 'schedules').get(req.params.id);
    if (!s) return sim.error(404, 3004, 'Schedule Not Found');
    const now = sim.now().getTime();
    const window = windowOf(req, sim, { from: now - 14 * DAY, to: now + 14 * DAY });
    if ('status' in window) return window;
    return { status: 200, body: { schedule: scheduleOut(sim, s, { layers: true, window }) } };
  });

  router.route('GET', '/schedules/:id/users', { scope: 'users' }, (req, sim) => {
    const s = coll(sim.db, 'schedules').get(req.params.id);
    if (!s) return sim.error(404, 3004, 'Schedule Not Found');
    let ids: string[];
    if (req.query.get('since') || req.query.get('until')) {
      const now = sim.now().getTime();
      const window = windowOf(req, sim, { from: now, to: now });
      if ('status' in window) return window;
      ids = [...new Set(finalShifts(sim.db, s, window.from, Math.max(window.to, window.from + 1)).map((x) => x.user))];
    } else {
      ids = layerUsers(s);
    }
    return { status: 200, body: { users: ids.map((id) => renderUser(sim, id)).filter(Boolean) } };
  });

  router.route('GET', '/schedules/:id/overrides', opts, (req, sim) => {
    const s = coll(sim.db, 'schedules').get(req.params.id);
    if (!s) return sim.error(404, 3004, 'Schedule Not Found');
    const since = timeParam(req, 'since');
    const until = timeParam(req, 'until');
    if (since === undefined || until === undefined || Number.isNaN(since) || Number.isNaN(until)) {
      return invalid(sim, ['since and until are required (ISO 8601).']);
    }
    const list = overridesOf(sim.db, s.id)
      .sort((a, b) => Date.parse(a.start) - Date.parse(b.start))
      .filter((o) => Date.parse(o.end) > since && Date.parse(o.start) < until)
      .map((o) => ({ id: o.id, start: o.start, end: o.end, user: userRef(sim, o.user) }));
    return { status: 200, body: { overrides: list } };
  });

  // PagerDuty answers 201 with a bare array: one result per requested override, each accepted or not.
  router.route('POST', '/schedules/:id/overrides', { scope: 'schedules', write: true }, (req, sim) => {
    const s = coll(sim.db, 'schedules').get(req.params.id);
    if (!s) return sim.error(404, 3004, 'Schedule Not Found');
    const list = req.body?.overrides;
    if (!Array.isArray(list) || list.length === 0) return invalid(sim, ['overrides must be a non-empty array.']);
    const results = list.map((o: Obj) => {
      const errors: string[] = [];
      const start = Date.parse(o?.start);
      const end = Date.parse(o?.end);
      if (Number.isNaN(start)) errors.push('Override start is not a valid time');
      if (Number.isNaN(end)) errors.push('Override end is not a valid time');
      if (!errors.length && end <= start) errors.push('Override must end after its start');
      const userId = o?.user?.id;
      if (typeof userId !== 'string' || !sim.db.users.has(userId)) errors.push('User not found');
      if (errors.length) return { status: 400, errors, override: o };
      const id = sim.db.newId('long');
      const stored = { id, schedule_id: s.id, user: userId, start: isoOf(start), end: isoOf(end) };
      coll(sim.db, 'overrides').set(id, stored);
      return { status: 201, override: { id, start: stored.start, end: stored.end, user: userRef(sim, userId), time_zone: o.time_zone ?? 'UTC' } };
    });
    return { status: 201, body: results };
  });
}
