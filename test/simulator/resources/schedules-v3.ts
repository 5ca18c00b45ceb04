// Shift-based (v3) schedules: PagerDuty's Early Access API under /v3/schedules. A schedule holds
// rotations (containers of recurring events), one-off custom shifts, and overrides. Every route
// demands the early-access header, as PagerDuty does for Early Access endpoints.
import type { SimContext, SimDb, SimHandler, SimRequest, SimResponse, SimRouter } from '../types';

export const EARLY_ACCESS_HEADER = 'x-early-access';
export const EARLY_ACCESS_VALUE = 'flex-service-early-access';
export const V3_COLLECTION = 'v3_schedules';

export interface V3Member {
  type: 'user_member' | 'empty_member';
  user_id?: string | null;
}
export interface V3Event {
  id: string;
  name: string;
  start_time: { date_time: string; time_zone: string };
  end_time: { date_time: string; time_zone: string };
  effective_since: string;
  effective_until: string | null;
  recurrence: string[];
  assignment_strategy: { type: string; shifts_per_member?: number | null; members: V3Member[] };
}
export interface V3Rotation {
  id: string;
  events: V3Event[];
}
export interface V3CustomShift {
  id: string;
  start_time: string;
  end_time: string;
  assignments: Array<{ type: 'shift_assignment'; member: V3Member }>;
}
export interface V3Override {
  id: string;
  rotation_id: string | null;
  custom_shift_id: string | null;
  start_time: string;
  end_time: string;
  overridden_member: V3Member;
  overriding_member: V3Member;
}
export interface V3Schedule {
  id: string;
  name: string;
  description: string | null;
  time_zone: string;
  teams: string[];
  rotations: V3Rotation[];
  custom_shifts: V3CustomShift[];
  overrides: V3Override[];
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const iso = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

export function seed(db: SimDb): void {
  const users = [...db.users.values()];
  const member = (i: number): V3Member =>
    users[i % Math.max(users.length, 1)] ? { type: 'user_member', user_id: users[i % users.length].id } : { type: 'empty_member' };
  const now = Date.now();
  const since = Math.floor((now - 7 * DAY) / DAY) * DAY + 9 * HOUR;
  const tomorrow = Math.floor((now + DAY) / DAY) * DAY;
  const schedule: V3Schedule = {
    id: db.newId(),
    name: 'Platform Follow-the-Sun (shift-based)',
    description: 'Next-gen schedule: weekly rotation plus ad-hoc coverage.',
    time_zone: 'Europe/Berlin',
    teams: [...db.collection<{ id: string }>('teams').keys()].slice(0, 1),
    rotations: [],
    custom_shifts: [],
    overrides: [],
  };
  const rotation: V3Rotation = { id: db.newId(), events: [] };
  rotation.events.push({
    id: db.newId(),
    name: 'Weekly on-call',
    start_time: { date_time: iso(since), time_zone: 'Europe/Berlin' },
    end_time: { date_time: iso(since + 7 * DAY), time_zone: 'Europe/Berlin' },
    effective_since: iso(since),
    effective_until: null,
    recurrence: ['RRULE:FREQ=WEEKLY'],
    assignment_strategy: { type: 'rotating_member_assignment_strategy', shifts_per_member: 1, members: [member(0), member(1)] },
  });
  schedule.rotations.push(rotation);
  const shift: V3CustomShift = {
    id: db.newId(),
    start_time: iso(tomorrow + 9 * HOUR),
    end_time: iso(tomorrow + 17 * HOUR),
    assignments: [{ type: 'shift_assignment', member: member(2) }],
  };
  schedule.custom_shifts.push(shift);
  schedule.overrides.push({
    id: db.newId(),
    rotation_id: rotation.id,
    custom_shift_id: null,
    start_time: iso(tomorrow + 18 * HOUR),
    end_time: iso(tomorrow + 22 * HOUR),
    overridden_member: member(0),
    overriding_member: member(1),
  });
  db.collection<V3Schedule>(V3_COLLECTION).set(schedule.id, schedule);
}

// ---- validation -----------------------------------------------------------------------------------

type Problems = string[];

function isIso(value: unknown): value is string {
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value) && !Number.isNaN(Date.parse(value));
}

function isTimeZone(value: unknown): value is string {
  if (typeof value !== 'string' || value === '') return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

function checkMember(sim: SimContext, m: any, label: string, problems: Problems): void {
  if (!m || typeof m !== 'object') return void problems.push(`${label} is required`);
  if (m.type === 'empty_member') return;
  if (m.type !== 'user_member') return void problems.push(`${label}.type must be user_member or empty_member`);
  if (typeof m.user_id !== 'string' || !sim.db.users.has(m.user_id)) problems.push(`${label}.user_id must be an existing user (got ${JSON.stringify(m.user_id ?? null)})`);
}

function cleanMember(m: any): V3Member {
  return m.type === 'user_member' ? { type: 'user_member', user_id: m.user_id } : { type: 'empty_member' };
}

function checkZoned(v: any, label: string, problems: Problems): void {
  if (!v || typeof v !== 'object' || !isIso(v.date_time) || !isTimeZone(v.time_zone)) {
    problems.push(`${label} must be {date_time: ISO 8601, time_zone: IANA zone}`);
  }
}

function checkEvent(sim: SimContext, e: any, problems: Problems): void {
  if (!e || typeof e !== 'object') return void problems.push('event is required');
  if (typeof e.name !== 'string' || e.name.trim() === '' || e.name.length > 255) problems.push('name is required (max 255 characters)');
  checkZoned(e.start_time, 'start_time', problems);
  checkZoned(e.end_time, 'end_time', problems);
  if (isIso(e.start_time?.date_time) && isIso(e.end_time?.date_time) && Date.parse(e.end_time.date_time) <= Date.parse(e.start_time.date_time)) {
    problems.push('end_time must be after start_time');
  }
  if (!isIso(e.effective_since)) problems.push('effective_since must be an ISO 8601 datetime');
  if (e.effective_until != null && !isIso(e.effective_until)) problems.push('effective_until must be an ISO 8601 datetime or null');
  if (isIso(e.effective_since) && isIso(e.effective_until) && Date.parse(e.effective_until) <= Date.parse(e.effective_since)) {
    problems.push('effective_until must be after effective_since');
  }
  const rrules = Array.isArray(e.recurrence) ? e.recurrence.filter((r: unknown) => typeof r === 'string' && r.startsWith('RRULE:')) : [];
  if (!Array.isArray(e.recurrence) || rrules.length !== 1) problems.push('recurrence must hold exactly one RRULE (e.g. ["RRULE:FREQ=WEEKLY"])');
  const s = e.assignment_strategy;
  if (!s || typeof s !== 'object') return void problems.push('assignment_strategy is required');
  if (s.type !== 'rotating_member_assignment_strategy' && s.type !== 'every_member_assignment_strategy') {
    problems.push('assignment_strategy.type must be rotating_member_assignment_strategy or every_member_assignment_strategy');
  }
  if (!Array.isArray(s.members) || s.members.length < 1 || s.members.length > 20) problems.push('assignment_strategy.members must hold 1 to 20 members');
  else s.members.forEach((m: any, i: number) => checkMember(sim, m, `assignment_strategy.members[${i}]`, problems));
  if (s.type === 'rotating_member_assignment_strategy' && !(Number.isInteger(s.shifts_per_member) && s.shifts_per_member >= 1)) {
    problems.push('assignment_strategy.shifts_per_member (≥ 1) is required for rotating_member_assignment_strategy');
  }
}

function toEvent(id: string, e: any): V3Event {
  const s = e.assignment_strategy;
  return {
    id,
    name: e.name,
    start_time: { date_time: e.start_time.date_time, time_zone: e.start_time.time_zone },
    end_time: { date_time: e.end_time.date_time, time_zone: e.end_time.time_zone },
    effective_since: e.effective_since,
    effective_until: e.effective_until ?? null,
    recurrence: [...e.recurrence],
    assignment_strategy: {
      type: s.type,
      ...(s.type === 'rotating_member_assignment_strategy' ? { shifts_per_member: s.shifts_per_member } : {}),
      members: s.members.map(cleanMember),
    },
  };
}

function checkWindow(v: any, problems: Problems): void {
  if (!isIso(v?.start_time)) problems.push('start_time must be an ISO 8601 datetime');
  if (!isIso(v?.end_time)) problems.push('end_time must be an ISO 8601 datetime');
  if (isIso(v?.start_time) && isIso(v?.end_time) && Date.parse(v.end_time) <= Date.parse(v.start_time)) problems.push('end_time must be after start_time');
}

function checkCustomShift(sim: SimContext, c: any, problems: Problems): void {
  if (!c || typeof c !== 'object') return void problems.push('custom shift is required');
  checkWindow(c, problems);
  if (!Array.isArray(c.assignments) || c.assignments.length !== 1) return void problems.push('assignments must hold exactly one assignment');
  checkMember(sim, c.assignments[0]?.member, 'assignments[0].member', problems);
}

function toCustomShift(id: string, c: any): V3CustomShift {
  return { id, start_time: c.start_time, end_time: c.end_time, assignments: [{ type: 'shift_assignment', member: cleanMember(c.assignments[0].member) }] };
}

function checkOverride(sim: SimContext, sched: V3Schedule, o: any, problems: Problems, creating: boolean): void {
  if (!o || typeof o !== 'object') return void problems.push('override is required');
  checkWindow(o, problems);
  checkMember(sim, o.overridden_member, 'overridden_member', problems);
  checkMember(sim, o.overriding_member, 'overriding_member', problems);
  if (!creating) return;
  const hasRotation = o.rotation_id != null;
  const hasShift = o.custom_shift_id != null;
  if (hasRotation === hasShift) problems.push('exactly one of rotation_id or custom_shift_id is required');
  if (hasRotation && !sched.rotations.some((r) => r.id === o.rotation_id)) problems.push(`rotation_id ${o.rotation_id} is not a rotation of this schedule`);
  if (hasShift && !sched.custom_shifts.some((c) => c.id === o.custom_shift_id)) problems.push(`custom_shift_id ${o.custom_shift_id} is not a custom shift of this schedule`);
}

function checkSchedule(sim: SimContext, s: any, problems: Problems, creating: boolean): void {
  if (!s || typeof s !== 'object') return void problems.push('schedule is required');
  if (creating || s.name !== undefined) {
    if (typeof s.name !== 'string' || s.name.trim() === '') problems.push('name is required');
  }
  // PagerDuty's v3 API wants time_zone on every write, updates included.
  if (!isTimeZone(s.time_zone)) problems.push('time_zone is required and must be an IANA time zone (e.g. America/New_York)');
  if (s.teams !== undefined) {
    if (!Array.isArray(s.teams)) problems.push('teams must be a list of {id}');
    else {
      const teams = sim.db.collection<{ id: string }>('teams');
      for (const t of s.teams) if (!t || typeof t.id !== 'string' || !teams.has(t.id)) problems.push(`team ${JSON.stringify(t?.id ?? null)} does not exist`);
    }
  }
  if (s.rotations !== undefined) {
    if (!Array.isArray(s.rotations)) problems.push('rotations must be a list');
    else s.rotations.forEach((r: any) => (Array.isArray(r?.events) ? r.events : []).forEach((e: any) => checkEvent(sim, e, problems)));
  }
}

// ---- output shapes --------------------------------------------------------------------------------

function scheduleOut(sim: SimContext, s: V3Schedule, full: boolean): Record<string, unknown> {
  const teams = sim.db.collection<{ id: string; name?: string }>('teams');
  return {
    id: s.id,
    type: 'schedule',
    summary: s.name,
    name: s.name,
    description: s.description,
    time_zone: s.time_zone,
    teams: s.teams.map((id) => sim.ref('team', id, teams.get(id)?.name ?? id)),
    ...(full ? { rotations: s.rotations.map((r) => rotationOut(sim, s, r)) } : {}),
    self: `${sim.apiBase}/v3/schedules/${s.id}`,
    html_url: `${sim.webBase}/schedules/${s.id}`,
  };
}

function rotationOut(sim: SimContext, s: V3Schedule, r: V3Rotation): Record<string, unknown> {
  return {
    id: r.id,
    type: 'rotation',
    events: r.events.map((e) => eventOut(sim, s, r, e)),
    self: `${sim.apiBase}/v3/schedules/${s.id}/rotations/${r.id}`,
    html_url: `${sim.webBase}/schedules/${s.id}`,
  };
}

function eventOut(sim: SimContext, s: V3Schedule, r: V3Rotation, e: V3Event): Record<string, unknown> {
  return { ...e, type: 'rotation_event', self: `${sim.apiBase}/v3/schedules/${s.id}/rotations/${r.id}/events/${e.id}`, html_url: `${sim.webBase}/schedules/${s.id}` };
}

function shiftOut(sim: SimContext, s: V3Schedule, c: V3CustomShift): Record<string, unknown> {
  return { ...c, type: 'custom_shift', self: `${sim.apiBase}/v3/schedules/${s.id}/custom_shifts/${c.id}`, html_url: `${sim.webBase}/schedules/${s.id}` };
}

function overrideOut(sim: SimContext, s: V3Schedule, o: V3Override): Record<string, unknown> {
  return { ...o, type: 'override_shift', self: `${sim.apiBase}/v3/schedules/${s.id}/overrides/${o.id}`, html_url: `${sim.webBase}/schedules/${s.id}` };
}

// ---- routes ---------------------------------------------------------------------------------------

const invalid = (sim: SimContext, problems: Problems): SimResponse => sim.error(400, 2001, 'Invalid Input Provided', problems);

/** Wraps a handler with the early-access check and the schedule lookup every v3 route needs. */
function v3(handler: (req: SimRequest, sim: SimContext, sched: V3Schedule | null) => SimResponse | Promise<SimResponse>): SimHandler {
  return (req, sim) => {
    const header = Object.entries(req.headers).find(([k]) => k.toLowerCase() === EARLY_ACCESS_HEADER)?.[1];
    if (header !== EARLY_ACCESS_VALUE) {
      return sim.error(400, 2001, 'Early Access header required', [
        `The v3 Schedules API is Early Access: send the header "X-EARLY-ACCESS: ${EARLY_ACCESS_VALUE}".`,
      ]);
    }
    if (req.params.id === undefined) return handler(req, sim, null);
    const sched = sim.db.collection<V3Schedule>(V3_COLLECTION).get(req.params.id);
    if (!sched) return sim.error(404, 2100, 'Not Found');
    return handler(req, sim, sched);
  };
}

function findRotation(sched: V3Schedule, id: string): V3Rotation | undefined {
  return sched.rotations.find((r) => r.id === id);
}

/** Returns the window, or a 400 when since/until are missing or reversed (both are required here). */
function rangeOf(req: SimRequest, sim: SimContext): { since: number; until: number } | SimResponse {
  const since = req.query.get('since');
  const until = req.query.get('until');
  const problems: Problems = [];
  if (!isIso(since)) problems.push('since is required (ISO 8601)');
  if (!isIso(until)) problems.push('until is required (ISO 8601)');
  if (problems.length) return invalid(sim, problems);
  const range = { since: Date.parse(since!), until: Date.parse(until!) };
  if (range.until <= range.since) return invalid(sim, ['until must be after since']);
  return range;
}

/** Key-order-independent JSON, to compare two events field by field. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

const overlaps = (w: { start_time: string; end_time: string }, r: { since: number; until: number }): boolean =>
  Date.parse(w.start_time) < r.until && Date.parse(w.end_time) > r.since;

export function routes(router: SimRouter): void {
  const opts = { scope: 'schedules' };
  const base = '/v3/schedules';

  router.route('GET', base, opts, v3((req, sim) => {
    const q = (req.query.get('query') ?? '').toLowerCase();
    const all = [...sim.db.collection<V3Schedule>(V3_COLLECTION).values()]
      .filter((s) => !q || s.name.toLowerCase().includes(q))
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((s) => scheduleOut(sim, s, false));
    return sim.paginate(req, all, 'schedules');
  }));

  router.route('POST', base, opts, v3((req, sim) => {
    const s = req.body?.schedule;
    const problems: Problems = [];
    checkSchedule(sim, s, problems, true);
    if (problems.length) return invalid(sim, problems);
    const sched: V3Schedule = {
      id: sim.db.newId(),
      name: s.name.trim(),
      description: typeof s.description === 'string' ? s.description : null,
      time_zone: s.time_zone,
      teams: (s.teams ?? []).map((t: any) => t.id),
      rotations: (s.rotations ?? []).map((r: any) => ({ id: sim.db.newId(), events: (r?.events ?? []).map((e: any) => toEvent(sim.db.newId(), e)) })),
      custom_shifts: [],
      overrides: [],
    };
    sim.db.collection<V3Schedule>(V3_COLLECTION).set(sched.id, sched);
    return { status: 201, body: { schedule: scheduleOut(sim, sched, true) } };
  }));

  router.route('GET', `${base}/:id`, opts, v3((_req, sim, sched) => ({ status: 200, body: { schedule: scheduleOut(sim, sched!, true) } })));

  router.route('PUT', `${base}/:id`, opts, v3((req, sim, sched) => {
    const s = req.body?.schedule;
    const problems: Problems = [];
    checkSchedule(sim, s, problems, false);
    if (problems.length) return invalid(sim, problems);
    const target = sched!;
    if (s.name !== undefined) target.name = s.name.trim();
    if (s.description !== undefined) target.description = s.description;
    target.time_zone = s.time_zone;
    if (s.teams !== undefined) target.teams = s.teams.map((t: any) => t.id);
    if (s.rotations !== undefined) {
      target.rotations = s.rotations.map((r: any) => ({ id: sim.db.newId(), events: (r?.events ?? []).map((e: any) => toEvent(sim.db.newId(), e)) }));
      // Overrides of replaced rotations have nothing left to override.
      target.overrides = target.overrides.filter((o) => o.rotation_id === null);
    }
    return { status: 200, body: { schedule: scheduleOut(sim, target, true) } };
  }));

  router.route('DELETE', `${base}/:id`, opts, v3((_req, sim, sched) => {
    sim.db.collection<V3Schedule>(V3_COLLECTION).delete(sched!.id);
    return { status: 204 };
  }));

  // Rotations
  router.route('GET', `${base}/:id/rotations`, opts, v3((_req, sim, sched) => ({
    status: 200,
    body: { rotations: sched!.rotations.map((r) => rotationOut(sim, sched!, r)) },
  })));

  router.route('POST', `${base}/:id/rotations`, opts, v3((_req, sim, sched) => {
    const rotation: V3Rotation = { id: sim.db.newId(), events: [] };
    sched!.rotations.push(rotation);
    return { status: 201, body: { rotation: rotationOut(sim, sched!, rotation) } };
  }));

  router.route('GET', `${base}/:id/rotations/:rotationId`, opts, v3((req, sim, sched) => {
    const rotation = findRotation(sched!, req.params.rotationId);
    return rotation ? { status: 200, body: { rotation: rotationOut(sim, sched!, rotation) } } : sim.notFound('Rotation');
  }));

  router.route('DELETE', `${base}/:id/rotations/:rotationId`, opts, v3((req, sim, sched) => {
    const before = sched!.rotations.length;
    sched!.rotations = sched!.rotations.filter((r) => r.id !== req.params.rotationId);
    if (sched!.rotations.length === before) return sim.notFound('Rotation');
    // Overrides of a deleted rotation have nothing left to override.
    sched!.overrides = sched!.overrides.filter((o) => o.rotation_id !== req.params.rotationId);
    return { status: 204 };
  }));

  // Rotation events
  router.route('GET', `${base}/:id/rotations/:rotationId/events`, opts, v3((req, sim, sched) => {
    const rotation = findRotation(sched!, req.params.rotationId);
    if (!rotation) return sim.notFound('Rotation');
    return { status: 200, body: { events: rotation.events.map((e) => eventOut(sim, sched!, rotation, e)) } };
  }));

  router.route('POST', `${base}/:id/rotations/:rotationId/events`, opts, v3((req, sim, sched) => {
    const rotation = findRotation(sched!, req.params.rotationId);
    if (!rotation) return sim.notFound('Rotation');
    const problems: Problems = [];
    checkEvent(sim, req.body?.event, problems);
    if (problems.length) return invalid(sim, problems);
    const event = toEvent(sim.db.newId(), req.body.event);
    rotation.events.push(event);
    return { status: 201, body: { event: eventOut(sim, sched!, rotation, event) } };
  }));

  router.route('GET', `${base}/:id/rotations/:rotationId/events/:eventId`, opts, v3((req, sim, sched) => {
    const rotation = findRotation(sched!, req.params.rotationId);
    const event = rotation?.events.find((e) => e.id === req.params.eventId);
    return rotation && event ? { status: 200, body: { event: eventOut(sim, sched!, rotation, event) } } : sim.notFound('Event');
  }));

  router.route('PUT', `${base}/:id/rotations/:rotationId/events/:eventId`, opts, v3((req, sim, sched) => {
    const rotation = findRotation(sched!, req.params.rotationId);
    const index = rotation?.events.findIndex((e) => e.id === req.params.eventId) ?? -1;
    if (!rotation || index < 0) return sim.notFound('Event');
    const problems: Problems = [];
    checkEvent(sim, req.body?.event, problems);
    if (problems.length) return invalid(sim, problems);
    const current = rotation.events[index];
    const next = toEvent(current.id, req.body.event);
    const now = sim.now().getTime();
    // PagerDuty's rules: past events are frozen; an active event may only change effective_until.
    if (current.effective_until && Date.parse(current.effective_until) <= now) {
      return invalid(sim, ['This event has ended; past events cannot be changed. Create a new event instead.']);
    }
    if (Date.parse(current.effective_since) <= now) {
      const { effective_until: _a, ...restCurrent } = current;
      const { effective_until: _b, ...restNext } = next;
      if (canonical(restCurrent) !== canonical(restNext)) {
        return invalid(sim, ['This event is active; only effective_until can be changed. End it (set effective_until) and create a new event for the new pattern.']);
      }
    }
    rotation.events[index] = next;
    return { status: 200, body: { event: eventOut(sim, sched!, rotation, next) } };
  }));

  router.route('DELETE', `${base}/:id/rotations/:rotationId/events/:eventId`, opts, v3((req, sim, sched) => {
    const rotation = findRotation(sched!, req.params.rotationId);
    const before = rotation?.events.length ?? 0;
    if (rotation) rotation.events = rotation.events.filter((e) => e.id !== req.params.eventId);
    if (!rotation || rotation.events.length === before) return sim.notFound('Event');
    return { status: 204 };
  }));

  // Custom shifts
  router.route('GET', `${base}/:id/custom_shifts`, opts, v3((req, sim, sched) => {
    const range = rangeOf(req, sim);
    if ('status' in range) return range;
    return { status: 200, body: { custom_shifts: sched!.custom_shifts.filter((c) => overlaps(c, range)).map((c) => shiftOut(sim, sched!, c)) } };
  }));

  router.route('POST', `${base}/:id/custom_shifts`, opts, v3((req, sim, sched) => {
    const list = req.body?.custom_shifts;
    if (!Array.isArray(list) || list.length === 0) return invalid(sim, ['custom_shifts must be a non-empty list']);
    const problems: Problems = [];
    list.forEach((c: any, i: number) => {
      const p: Problems = [];
      checkCustomShift(sim, c, p);
      problems.push(...p.map((m) => `custom_shifts[${i}]: ${m}`));
    });
    // All or nothing: a half-created batch is worse than a clear error.
    if (problems.length) return invalid(sim, problems);
    const created = list.map((c: any) => toCustomShift(sim.db.newId(), c));
    sched!.custom_shifts.push(...created);
    return { status: 201, body: { custom_shifts: created.map((c) => shiftOut(sim, sched!, c)) } };
  }));

  router.route('GET', `${base}/:id/custom_shifts/:shiftId`, opts, v3((req, sim, sched) => {
    const shift = sched!.custom_shifts.find((c) => c.id === req.params.shiftId);
    return shift ? { status: 200, body: { custom_shift: shiftOut(sim, sched!, shift) } } : sim.notFound('Custom shift');
  }));

  router.route('PUT', `${base}/:id/custom_shifts/:shiftId`, opts, v3((req, sim, sched) => {
    const index = sched!.custom_shifts.findIndex((c) => c.id === req.params.shiftId);
    if (index < 0) return sim.notFound('Custom shift');
    const problems: Problems = [];
    checkCustomShift(sim, req.body?.custom_shift, problems);
    if (problems.length) return invalid(sim, problems);
    const next = toCustomShift(req.params.shiftId, req.body.custom_shift);
    sched!.custom_shifts[index] = next;
    return { status: 200, body: { custom_shift: shiftOut(sim, sched!, next) } };
  }));

  router.route('DELETE', `${base}/:id/custom_shifts/:shiftId`, opts, v3((req, sim, sched) => {
    const before = sched!.custom_shifts.length;
    sched!.custom_shifts = sched!.custom_shifts.filter((c) => c.id !== req.params.shiftId);
    if (sched!.custom_shifts.length === before) return sim.notFound('Custom shift');
    sched!.overrides = sched!.overrides.filter((o) => o.custom_shift_id !== req.params.shiftId);
    return { status: 204 };
  }));

  // Overrides
  router.route('GET', `${base}/:id/overrides`, opts, v3((req, sim, sched) => {
    const range = rangeOf(req, sim);
    if ('status' in range) return range;
    return { status: 200, body: { overrides: sched!.overrides.filter((o) => overlaps(o, range)).map((o) => overrideOut(sim, sched!, o)) } };
  }));

  router.route('POST', `${base}/:id/overrides`, opts, v3((req, sim, sched) => {
    const list = req.body?.overrides;
    if (!Array.isArray(list) || list.length === 0) return invalid(sim, ['overrides must be a non-empty list']);
    const problems: Problems = [];
    list.forEach((o: any, i: number) => {
      const p: Problems = [];
      checkOverride(sim, sched!, o, p, true);
      problems.push(...p.map((m) => `overrides[${i}]: ${m}`));
    });
    if (problems.length) return invalid(sim, problems);
    const created: V3Override[] = list.map((o: any) => ({
      id: sim.db.newId(),
      rotation_id: o.rotation_id ?? null,
      custom_shift_id: o.custom_shift_id ?? null,
      start_time: o.start_time,
      end_time: o.end_time,
      overridden_member: cleanMember(o.overridden_member),
      overriding_member: cleanMember(o.overriding_member),
    }));
    sched!.overrides.push(...created);
    return { status: 201, body: { overrides: created.map((o) => overrideOut(sim, sched!, o)) } };
  }));

  router.route('GET', `${base}/:id/overrides/:overrideId`, opts, v3((req, sim, sched) => {
    const o = sched!.overrides.find((x) => x.id === req.params.overrideId);
    return o ? { status: 200, body: { override: overrideOut(sim, sched!, o) } } : sim.notFound('Override');
  }));

  router.route('PUT', `${base}/:id/overrides/:overrideId`, opts, v3((req, sim, sched) => {
    const o = sched!.overrides.find((x) => x.id === req.params.overrideId);
    if (!o) return sim.notFound('Override');
    const problems: Problems = [];
    checkOverride(sim, sched!, req.body?.override, problems, false);
    if (problems.length) return invalid(sim, problems);
    const body = req.body.override;
    Object.assign(o, {
      start_time: body.start_time,
      end_time: body.end_time,
      overridden_member: cleanMember(body.overridden_member),
      overriding_member: cleanMember(body.overriding_member),
    });
    return { status: 200, body: { override: overrideOut(sim, sched!, o) } };
  }));

  router.route('DELETE', `${base}/:id/overrides/:overrideId`, opts, v3((req, sim, sched) => {
    const before = sched!.overrides.length;
    sched!.overrides = sched!.overrides.filter((o) => o.id !== req.params.overrideId);
    if (sched!.overrides.length === before) return sim.notFound('Override');
    return { status: 204 };
  }));
}
