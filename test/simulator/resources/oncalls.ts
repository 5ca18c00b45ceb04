// GET /oncalls, computed from escalation policies: a user target is on call permanently (start/end null),
// a schedule target contributes the final schedule's shifts in the window. There is no service filter.
import type { SimContext, SimDb, SimRouter } from '../types';
import { coll, epRef, invalid, isoOf, scheduleRef, setFilter, timeParam, userRef, type Obj } from './core-render';
import { finalShifts } from './schedules';

const DAY = 86_400_000;
const MARGIN = 31 * DAY;

export interface OnCall {
  user: string;
  escalationPolicy: string;
  level: number;
  schedule: string | null;
  start: number | null;
  end: number | null;
}

/** Every on-call of every policy over [from, to] (a zero-length window means "at that moment"). */
export function onCallsBetween(db: SimDb, from: number, to: number, policyIds?: string[]): OnCall[] {
  const out: OnCall[] = [];
  for (const ep of coll(db, 'escalation_policies').values()) {
    if (policyIds?.length && !policyIds.includes(ep.id)) continue;
    (ep.escalation_rules ?? []).forEach((rule: Obj, i: number) => {
      for (const target of rule.targets ?? []) {
        if (target.type === 'user_reference') {
          out.push({ user: target.id, escalationPolicy: ep.id, level: i + 1, schedule: null, start: null, end: null });
        } else if (target.type === 'schedule_reference') {
          const schedule = coll(db, 'schedules').get(target.id);
          if (!schedule) continue;
          // Render around the window so a shift reports its real start and end, not the window's edges.
          const shifts = finalShifts(db, schedule, from - MARGIN, to + MARGIN).filter((s) => (to > from ? s.start < to : s.start <= from) && s.end > from);
          for (const shift of shifts) {
            out.push({ user: shift.user, escalationPolicy: ep.id, level: i + 1, schedule: schedule.id, start: shift.start, end: shift.end });
          }
        }
      }
    });
  }
  return out;
}

/** Who a policy level pages right now (the first on-call found), for incident assignment. */
export function onCallUserAt(db: SimDb, policyId: string, level: number, at: number): string | null {
  const hit = onCallsBetween(db, at, at, [policyId]).find((o) => o.level === level);
  return hit?.user ?? null;
}

function render(sim: SimContext, o: OnCall): Obj {
  return {
    escalation_policy: epRef(sim, o.escalationPolicy),
    escalation_level: o.level,
    schedule: o.schedule ? scheduleRef(sim, o.schedule) : null,
    user: userRef(sim, o.user),
    start: o.start === null ? null : isoOf(o.start),
    end: o.end === null ? null : isoOf(o.end),
  };
}

export function seed(_db: SimDb): void {}

export function routes(router: SimRouter): void {
  router.route('GET', '/oncalls', { scope: 'oncalls' }, (req, sim) => {
    const now = sim.now().getTime();
    const since = timeParam(req, 'since');
    const until = timeParam(req, 'until');
    if (Number.isNaN(since) || Number.isNaN(until)) return invalid(sim, ["Invalid time values in 'since' and/or 'until'"], 2004);
    const from = since ?? now;
    const to = until ?? Math.max(now, from);
    if (to < from) return invalid(sim, ['until must be after since.'], 2004);
    if (to > now + 90 * DAY) return invalid(sim, ['until cannot be more than 90 days in the future.'], 2004);

    const userIds = setFilter(req, 'user_ids');
    const scheduleIds = setFilter(req, 'schedule_ids');
    const policyIds = setFilter(req, 'escalation_policy_ids');
    let list = onCallsBetween(sim.db, from, to, policyIds);
    if (userIds.length) list = list.filter((o) => userIds.includes(o.user));
    if (scheduleIds.length) list = list.filter((o) => (o.schedule ? scheduleIds.includes(o.schedule) : scheduleIds.includes('null')));
    if (req.query.get('earliest') === 'true') {
      const seen = new Map<string, OnCall>();
      for (const o of list) {
        const key = `${o.escalationPolicy}|${o.level}|${o.user}`;
        const prev = seen.get(key);
        if (!prev || (o.start ?? -Infinity) < (prev.start ?? -Infinity)) seen.set(key, o);
      }
      list = [...seen.values()];
    }
    list.sort((a, b) => a.level - b.level || a.escalationPolicy.localeCompare(b.escalationPolicy) || (a.start ?? 0) - (b.start ?? 0));
    return sim.paginate(req, list.map((o) => render(sim, o)), 'oncalls');
  });
}
