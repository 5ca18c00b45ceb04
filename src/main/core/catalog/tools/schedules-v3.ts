// Shift-based (v3) schedules: PagerDuty's Early Access API under /v3/schedules. A v3 schedule holds
// rotations (containers of recurring events), one-off custom shifts, and overrides.
import { z } from 'zod';
import { defineTool } from '../define';
import { capSize } from '../shape';
import type { ToolContext, ToolDefinition } from '../types';
import { PagerDutyError, type PdRequest } from '../../pagerduty/types';

/** PagerDuty refuses Early Access endpoints without this header. Exported for list_schedules' v3 merge. */
export const V3_SCHEDULES_HEADERS: Readonly<Record<string, string>> = { 'X-EARLY-ACCESS': 'flex-service-early-access' };

const AREA = 'schedules_v3';
const id = (what: string) => z.string().trim().min(1, `${what} is required`).describe(`The ID of the ${what}`);
const seg = encodeURIComponent;
const isoTime = (what: string) =>
  z.iso.datetime({ offset: true, message: `${what} must be an ISO 8601 datetime with a zone, e.g. 2025-03-15T09:00:00Z` }).describe(`${what} (ISO 8601, e.g. 2025-03-15T09:00:00Z)`);

const ShiftMember = z
  .object({
    type: z.enum(['user_member', 'empty_member']).describe("'user_member' for a specific user, 'empty_member' for an intentionally unassigned slot"),
    user_id: z.string().min(1).optional().describe("The PagerDuty user ID; required when type is 'user_member'"),
  })
  .refine((m) => m.type !== 'user_member' || !!m.user_id, { message: "user_id is required when type is 'user_member'", path: ['user_id'] });

const ZonedDateTime = z.object({
  date_time: isoTime('date_time'),
  time_zone: z.string().min(1).describe('IANA time zone, e.g. America/New_York'),
});

const AssignmentStrategy = z
  .object({
    type: z
      .enum(['rotating_member_assignment_strategy', 'every_member_assignment_strategy'])
      .describe('rotating: members take turns in order; every: all members are on call at once'),
    members: z.array(ShiftMember).min(1).max(20).describe('1 to 20 members'),
    shifts_per_member: z.number().int().min(1).optional().describe('Required for rotating_member_assignment_strategy: consecutive shifts each member covers'),
  })
  .refine((s) => s.type !== 'rotating_member_assignment_strategy' || s.shifts_per_member !== undefined, {
    message: 'shifts_per_member is required for rotating_member_assignment_strategy',
    path: ['shifts_per_member'],
  });

const RotationEventInput = z.object({
  name: z.string().trim().min(1).max(255).describe('Display name for this event'),
  start_time: ZonedDateTime.describe('Start of the first occurrence of the on-call window'),
  end_time: ZonedDateTime.describe('End of the first occurrence of the on-call window'),
  effective_since: isoTime('effective_since').describe('When this event starts producing shifts (ISO 8601)'),
  effective_until: isoTime('effective_until').nullable().optional().describe('When it stops producing shifts; omit or null for indefinite'),
  recurrence: z.array(z.string().min(1)).min(1).max(10).describe('RFC 5545 rules: exactly one RRULE plus optional EXDATE/RDATE, e.g. ["RRULE:FREQ=WEEKLY"]'),
  assignment_strategy: AssignmentStrategy,
});

const TeamRefs = z.array(z.object({ id: id('team') })).max(100);

const CustomShiftInput = z.object({
  start_time: isoTime('start_time'),
  end_time: isoTime('end_time'),
  assignments: z.array(z.object({ member: ShiftMember })).length(1).describe('Exactly one assignment: [{member: {type, user_id}}]'),
});

const OverrideInput = z
  .object({
    rotation_id: z.string().min(1).optional().describe('Rotation whose shift is overridden (or give custom_shift_id)'),
    custom_shift_id: z.string().min(1).optional().describe('Custom shift being overridden (or give rotation_id)'),
    start_time: isoTime('start_time'),
    end_time: isoTime('end_time'),
    overridden_member: ShiftMember.describe('The member being replaced'),
    overriding_member: ShiftMember.describe('The member taking over'),
  })
  .refine((o) => !!o.rotation_id !== !!o.custom_shift_id, { message: 'Give exactly one of rotation_id or custom_shift_id' });

// ---- shaping --------------------------------------------------------------------------------------

type Obj = Record<string, any>;

const member = (m: Obj | null | undefined) => (m ? { type: m.type, user_id: m.user_id ?? null } : null);

function shapeEvent(e: Obj) {
  return {
    id: e.id,
    name: e.name,
    start_time: e.start_time,
    end_time: e.end_time,
    effective_since: e.effective_since,
    effective_until: e.effective_until ?? null,
    recurrence: e.recurrence,
    assignment_strategy: e.assignment_strategy && {
      type: e.assignment_strategy.type,
      shifts_per_member: e.assignment_strategy.shifts_per_member ?? null,
      members: (e.assignment_strategy.members ?? []).map(member),
    },
  };
}

const shapeRotation = (r: Obj) => ({ id: r.id, events: (r.events ?? []).map(shapeEvent) });

function shapeSchedule(s: Obj) {
  return {
    id: s.id,
    kind: 'shift_based',
    name: s.name,
    description: s.description ?? null,
    time_zone: s.time_zone,
    teams: (s.teams ?? []).map((t: Obj) => ({ id: t.id, name: t.summary ?? t.name ?? null })),
    ...(Array.isArray(s.rotations) ? { rotations: s.rotations.map(shapeRotation) } : {}),
    html_url: s.html_url ?? null,
  };
}

const shapeShift = (c: Obj) => ({
  id: c.id,
  start_time: c.start_time,
  end_time: c.end_time,
  assignments: (c.assignments ?? []).map((a: Obj) => ({ member: member(a.member) })),
});

const shapeOverride = (o: Obj) => ({
  id: o.id,
  rotation_id: o.rotation_id ?? null,
  custom_shift_id: o.custom_shift_id ?? null,
  start_time: o.start_time,
  end_time: o.end_time,
  overridden_member: member(o.overridden_member),
  overriding_member: member(o.overriding_member),
});

// ---- requests -------------------------------------------------------------------------------------

/** A v3 call with the Early Access header; a 404 says what it means for v3 so the AI can recover. */
async function v3<T = Obj>(ctx: ToolContext, req: Omit<PdRequest, 'headers' | 'signal'>, what: string): Promise<T> {
  try {
    const res = await ctx.pd.request<T>({ ...req, headers: { ...V3_SCHEDULES_HEADERS }, signal: ctx.signal });
    return res.data;
  } catch (err) {
    if (err instanceof PagerDutyError && err.status === 404) {
      throw new PagerDutyError(
        `${what} was not found in PagerDuty's shift-based (v3) schedules. Check the IDs (list_schedules shows shift-based schedules with kind "shift_based"); layer-based schedules are not managed by the *_schedule_v3_* tools.`,
        err.kind,
        err.status,
        err.code,
        err.errors,
        err.requestId,
      );
    }
    throw err;
  }
}

const schedPath = (scheduleId: string) => `/v3/schedules/${seg(scheduleId)}`;
const unwrap = <T>(data: any, key: string): T => (data && typeof data === 'object' && key in data ? data[key] : data);
const unwrapList = (data: any, key: string): Obj[] => (Array.isArray(data) ? data : Array.isArray(data?.[key]) ? data[key] : []);

function eventBody(e: z.output<typeof RotationEventInput>) {
  return {
    name: e.name,
    start_time: e.start_time,
    end_time: e.end_time,
    effective_since: e.effective_since,
    effective_until: e.effective_until ?? null,
    recurrence: e.recurrence,
    assignment_strategy: e.assignment_strategy,
  };
}

const shiftBody = (c: z.output<typeof CustomShiftInput>) => ({
  type: 'custom_shift',
  start_time: c.start_time,
  end_time: c.end_time,
  assignments: c.assignments.map((a) => ({ type: 'shift_assignment', member: a.member })),
});

const teamRefs = (teams: Array<{ id: string }>) => teams.map((t) => ({ id: t.id, type: 'team_reference' }));

const additive = { destructiveHint: false, idempotentHint: false };
const replacing = { destructiveHint: true, idempotentHint: true };

// ---- tools ----------------------------------------------------------------------------------------

const scheduleData = {
  name: z.string().trim().min(1).max(255).describe('Schedule name'),
  description: z.string().max(1024).optional().describe('Schedule description'),
  time_zone: z.string().min(1).describe('IANA time zone of the schedule, e.g. America/New_York'),
  teams: TeamRefs.optional().describe('Teams to associate: [{id}]'),
  rotations: z
    .array(z.object({ events: z.array(RotationEventInput).max(20) }))
    .max(20)
    .optional()
    .describe('Optional rotations, each with its events; they can also be added later with create_schedule_v3_rotation(_event)'),
};

const createSchedule = defineTool({
  name: 'create_schedule',
  title: 'Create schedule (shift-based)',
  description:
    "Create a new on-call schedule. All new schedules use PagerDuty's next-gen shift-based (v3) system. " +
    'Give a name and IANA time_zone; optionally teams and rotations with events. Usually you create the schedule, then ' +
    'add a rotation (create_schedule_v3_rotation) and its recurring events (create_schedule_v3_rotation_event). ' +
    'Returns the created schedule (id, name, time_zone, teams, rotations).',
  area: 'schedules', // upstream lists the schedule-level writes under schedules
  toolClass: 'write',
  annotations: additive,
  input: z.object({ schedule_data: z.object(scheduleData).describe('The new schedule') }),
  async run({ schedule_data }, ctx) {
    const body = {
      schedule: {
        name: schedule_data.name,
        time_zone: schedule_data.time_zone,
        ...(schedule_data.description !== undefined ? { description: schedule_data.description } : {}),
        ...(schedule_data.teams ? { teams: teamRefs(schedule_data.teams) } : {}),
        ...(schedule_data.rotations ? { rotations: schedule_data.rotations.map((r) => ({ events: r.events.map(eventBody) })) } : {}),
      },
    };
    return shapeSchedule(unwrap(await v3(ctx, { method: 'POST', path: '/v3/schedules', body }, 'The schedule collection'), 'schedule'));
  },
});

const updateSchedule = defineTool({
  name: 'update_schedule',
  title: 'Update schedule (shift-based)',
  description:
    'Update an existing shift-based (v3) schedule: name, description, time_zone, teams, or (replacing all of them) rotations. ' +
    'Only the fields you give change; time_zone is kept when omitted. To change events, custom shifts or overrides one at a ' +
    'time, use the dedicated *_schedule_v3_* tools instead of replacing rotations. Returns the updated schedule.',
  area: 'schedules', // upstream lists the schedule-level writes under schedules
  toolClass: 'write',
  annotations: replacing,
  input: z.object({
    schedule_id: id('v3 schedule'),
    schedule_data: z
      .object({
        name: scheduleData.name.optional(),
        description: scheduleData.description,
        time_zone: scheduleData.time_zone.optional(),
        teams: TeamRefs.optional().describe('Replaces the associated teams: [{id}]'),
        rotations: scheduleData.rotations.describe('Replaces ALL rotations and their events'),
      })
      .refine((d) => Object.values(d).some((v) => v !== undefined), { message: 'Give at least one field to change' }),
  }),
  async run({ schedule_id, schedule_data }, ctx) {
    let timeZone = schedule_data.time_zone;
    if (!timeZone) {
      // PagerDuty's v3 API wants time_zone on every update; keep the current one.
      const current = unwrap<Obj>(await v3(ctx, { method: 'GET', path: schedPath(schedule_id) }, `Schedule ${schedule_id}`), 'schedule');
      timeZone = current.time_zone;
    }
    const body = {
      schedule: {
        time_zone: timeZone,
        ...(schedule_data.name !== undefined ? { name: schedule_data.name } : {}),
        ...(schedule_data.description !== undefined ? { description: schedule_data.description } : {}),
        ...(schedule_data.teams ? { teams: teamRefs(schedule_data.teams) } : {}),
        ...(schedule_data.rotations ? { rotations: schedule_data.rotations.map((r) => ({ events: r.events.map(eventBody) })) } : {}),
      },
    };
    return shapeSchedule(unwrap(await v3(ctx, { method: 'PUT', path: schedPath(schedule_id), body }, `Schedule ${schedule_id}`), 'schedule'));
  },
});

const deleteSchedule = defineTool({
  name: 'delete_schedule_v3',
  title: 'Delete v3 schedule',
  description:
    'Delete a shift-based (v3) schedule with all its rotations, custom shifts and overrides. Cannot be undone; escalation ' +
    'policies that target it lose that target. Returns a confirmation.',
  area: AREA,
  toolClass: 'write',
  annotations: replacing,
  input: z.object({ schedule_id: id('v3 schedule') }),
  async run({ schedule_id }, ctx) {
    await v3(ctx, { method: 'DELETE', path: schedPath(schedule_id) }, `Schedule ${schedule_id}`);
    return { deleted: true, schedule_id, message: `Schedule ${schedule_id} deleted.` };
  },
});

const listRotations = defineTool({
  name: 'list_schedule_v3_rotations',
  title: 'List v3 schedule rotations',
  description:
    'List the rotations of a shift-based (v3) schedule. A rotation is a container of recurring events that define who is on ' +
    'call when. Returns each rotation with its events (name, time window, recurrence, assignment strategy and members).',
  area: AREA,
  toolClass: 'read',
  input: z.object({ schedule_id: id('v3 schedule') }),
  async run({ schedule_id }, ctx) {
    const data = await v3(ctx, { method: 'GET', path: `${schedPath(schedule_id)}/rotations` }, `Schedule ${schedule_id}`);
    return capSize({ rotations: unwrapList(data, 'rotations').map(shapeRotation) });
  },
});

const getRotation = defineTool({
  name: 'get_schedule_v3_rotation',
  title: 'Get v3 schedule rotation',
  description: 'Get one rotation of a shift-based (v3) schedule, including its events.',
  area: AREA,
  toolClass: 'read',
  input: z.object({ schedule_id: id('v3 schedule'), rotation_id: id('rotation') }),
  async run({ schedule_id, rotation_id }, ctx) {
    const data = await v3(ctx, { method: 'GET', path: `${schedPath(schedule_id)}/rotations/${seg(rotation_id)}` }, `Rotation ${rotation_id} of schedule ${schedule_id}`);
    return shapeRotation(unwrap(data, 'rotation'));
  },
});

const createRotation = defineTool({
  name: 'create_schedule_v3_rotation',
  title: 'Create v3 schedule rotation',
  description:
    'Create a new, empty rotation within a shift-based (v3) schedule. A rotation has no effect until you add events to it ' +
    'with create_schedule_v3_rotation_event. Returns the rotation (use its id for the events).',
  area: AREA,
  toolClass: 'write',
  annotations: additive,
  input: z.object({ schedule_id: id('v3 schedule') }),
  async run({ schedule_id }, ctx) {
    const data = await v3(ctx, { method: 'POST', path: `${schedPath(schedule_id)}/rotations`, body: {} }, `Schedule ${schedule_id}`);
    return shapeRotation(unwrap(data, 'rotation'));
  },
});

const deleteRotation = defineTool({
  name: 'delete_schedule_v3_rotation',
  title: 'Delete v3 schedule rotation',
  description: 'Delete a rotation (and all its events) from a shift-based (v3) schedule. Cannot be undone. Returns a confirmation.',
  area: AREA,
  toolClass: 'write',
  annotations: replacing,
  input: z.object({ schedule_id: id('v3 schedule'), rotation_id: id('rotation') }),
  async run({ schedule_id, rotation_id }, ctx) {
    await v3(ctx, { method: 'DELETE', path: `${schedPath(schedule_id)}/rotations/${seg(rotation_id)}` }, `Rotation ${rotation_id} of schedule ${schedule_id}`);
    return { deleted: true, schedule_id, rotation_id, message: `Rotation ${rotation_id} deleted from schedule ${schedule_id}.` };
  },
});

const eventsPath = (s: string, r: string) => `${schedPath(s)}/rotations/${seg(r)}/events`;

const listEvents = defineTool({
  name: 'list_schedule_v3_rotation_events',
  title: 'List v3 rotation events',
  description:
    'List the events of a rotation in a shift-based (v3) schedule. Each event is a recurring on-call window: start/end ' +
    'time with zone, RRULE recurrence, effective_since/until, and the assignment strategy with its members (user ids).',
  area: AREA,
  toolClass: 'read',
  input: z.object({ schedule_id: id('v3 schedule'), rotation_id: id('rotation') }),
  async run({ schedule_id, rotation_id }, ctx) {
    const data = await v3(ctx, { method: 'GET', path: eventsPath(schedule_id, rotation_id) }, `Rotation ${rotation_id} of schedule ${schedule_id}`);
    return capSize({ events: unwrapList(data, 'events').map(shapeEvent) });
  },
});

const getEvent = defineTool({
  name: 'get_schedule_v3_rotation_event',
  title: 'Get v3 rotation event',
  description: 'Get one event of a rotation in a shift-based (v3) schedule: its time window, recurrence, effective period and members.',
  area: AREA,
  toolClass: 'read',
  input: z.object({ schedule_id: id('v3 schedule'), rotation_id: id('rotation'), event_id: id('event') }),
  async run({ schedule_id, rotation_id, event_id }, ctx) {
    const data = await v3(ctx, { method: 'GET', path: `${eventsPath(schedule_id, rotation_id)}/${seg(event_id)}` }, `Event ${event_id} of rotation ${rotation_id}`);
    return shapeEvent(unwrap(data, 'event'));
  },
});

const createEvent = defineTool({
  name: 'create_schedule_v3_rotation_event',
  title: 'Create v3 rotation event',
  description:
    'Create a recurring on-call event within a rotation of a shift-based (v3) schedule. Example (weekly rotation): ' +
    'name "Weekly On-Call", start_time {date_time "2025-03-03T09:00:00Z", time_zone "America/New_York"}, end_time one week ' +
    'later, effective_since "2025-03-03T09:00:00Z", recurrence ["RRULE:FREQ=WEEKLY"], assignment_strategy {type ' +
    '"rotating_member_assignment_strategy", shifts_per_member 1, members [{type "user_member", user_id "P…"}, …]}. ' +
    'Returns the created event.',
  area: AREA,
  toolClass: 'write',
  annotations: additive,
  input: z.object({ schedule_id: id('v3 schedule'), rotation_id: id('rotation'), event_data: RotationEventInput }),
  async run({ schedule_id, rotation_id, event_data }, ctx) {
    const data = await v3(ctx, { method: 'POST', path: eventsPath(schedule_id, rotation_id), body: { event: eventBody(event_data) } }, `Rotation ${rotation_id} of schedule ${schedule_id}`);
    return shapeEvent(unwrap(data, 'event'));
  },
});

const updateEvent = defineTool({
  name: 'update_schedule_v3_rotation_event',
  title: 'Update v3 rotation event',
  description:
    'Replace a rotation event in a shift-based (v3) schedule (full replace: give every field, as for create). PagerDuty ' +
    'rules: a future event may change anything; an active (already started) event may only change effective_until; a past ' +
    'event cannot change. To change an active pattern, end it with effective_until and create a new event. Returns the event.',
  area: AREA,
  toolClass: 'write',
  annotations: replacing,
  input: z.object({ schedule_id: id('v3 schedule'), rotation_id: id('rotation'), event_id: id('event'), event_data: RotationEventInput }),
  async run({ schedule_id, rotation_id, event_id, event_data }, ctx) {
    const data = await v3(
      ctx,
      { method: 'PUT', path: `${eventsPath(schedule_id, rotation_id)}/${seg(event_id)}`, body: { event: eventBody(event_data) } },
      `Event ${event_id} of rotation ${rotation_id}`,
    );
    return shapeEvent(unwrap(data, 'event'));
  },
});

const deleteEvent = defineTool({
  name: 'delete_schedule_v3_rotation_event',
  title: 'Delete v3 rotation event',
  description: 'Delete an event from a rotation of a shift-based (v3) schedule; its future shifts disappear. Returns a confirmation.',
  area: AREA,
  toolClass: 'write',
  annotations: replacing,
  input: z.object({ schedule_id: id('v3 schedule'), rotation_id: id('rotation'), event_id: id('event') }),
  async run({ schedule_id, rotation_id, event_id }, ctx) {
    await v3(ctx, { method: 'DELETE', path: `${eventsPath(schedule_id, rotation_id)}/${seg(event_id)}` }, `Event ${event_id} of rotation ${rotation_id}`);
    return { deleted: true, schedule_id, rotation_id, event_id, message: `Event ${event_id} deleted from rotation ${rotation_id}.` };
  },
});

const range = {
  since: isoTime('since').describe('Start of the time range (ISO 8601, required)'),
  until: isoTime('until').describe('End of the time range (ISO 8601, required)'),
};
const checkRange = (r: { since: string; until: string }) => Date.parse(r.until) > Date.parse(r.since);
const rangeMessage = { message: 'until must be after since', path: ['until'] };

const listCustomShifts = defineTool({
  name: 'list_schedule_v3_custom_shifts',
  title: 'List v3 custom shifts',
  description:
    'List the custom shifts of a shift-based (v3) schedule that overlap a time range (since and until are required). Custom ' +
    'shifts are one-off coverage windows outside the rotations. Returns id, start/end and the assigned member for each.',
  area: AREA,
  toolClass: 'read',
  input: z.object({ schedule_id: id('v3 schedule'), ...range }).refine(checkRange, rangeMessage),
  async run({ schedule_id, since, until }, ctx) {
    const data = await v3(ctx, { method: 'GET', path: `${schedPath(schedule_id)}/custom_shifts`, query: { since, until } }, `Schedule ${schedule_id}`);
    return capSize({ custom_shifts: unwrapList(data, 'custom_shifts').map(shapeShift) });
  },
});

const getCustomShift = defineTool({
  name: 'get_schedule_v3_custom_shift',
  title: 'Get v3 custom shift',
  description: 'Get one custom shift of a shift-based (v3) schedule: start/end and the assigned member.',
  area: AREA,
  toolClass: 'read',
  input: z.object({ schedule_id: id('v3 schedule'), custom_shift_id: id('custom shift') }),
  async run({ schedule_id, custom_shift_id }, ctx) {
    const data = await v3(ctx, { method: 'GET', path: `${schedPath(schedule_id)}/custom_shifts/${seg(custom_shift_id)}` }, `Custom shift ${custom_shift_id} of schedule ${schedule_id}`);
    return shapeShift(unwrap(data, 'custom_shift'));
  },
});

const createCustomShifts = defineTool({
  name: 'create_schedule_v3_custom_shifts',
  title: 'Create v3 custom shifts',
  description:
    'Create one or more custom shifts (one-off coverage outside the rotations) in a shift-based (v3) schedule. Each needs ' +
    'start_time, end_time and exactly one assignment, e.g. {start_time "2025-03-15T09:00:00Z", end_time ' +
    '"2025-03-15T17:00:00Z", assignments [{member {type "user_member", user_id "P…"}}]}. All or nothing. Returns the created shifts.',
  area: AREA,
  toolClass: 'write',
  annotations: additive,
  input: z.object({
    schedule_id: id('v3 schedule'),
    custom_shifts: z.array(CustomShiftInput.refine((c) => Date.parse(c.end_time) > Date.parse(c.start_time), { message: 'end_time must be after start_time' })).min(1).max(50),
  }),
  async run({ schedule_id, custom_shifts }, ctx) {
    const data = await v3(ctx, { method: 'POST', path: `${schedPath(schedule_id)}/custom_shifts`, body: { custom_shifts: custom_shifts.map(shiftBody) } }, `Schedule ${schedule_id}`);
    return capSize({ custom_shifts: unwrapList(data, 'custom_shifts').map(shapeShift) });
  },
});

const updateCustomShift = defineTool({
  name: 'update_schedule_v3_custom_shift',
  title: 'Update v3 custom shift',
  description:
    'Replace a custom shift in a shift-based (v3) schedule (full replace: start_time, end_time and exactly one assignment). Returns the updated shift.',
  area: AREA,
  toolClass: 'write',
  annotations: replacing,
  input: z.object({
    schedule_id: id('v3 schedule'),
    custom_shift_id: id('custom shift'),
    shift_data: CustomShiftInput.refine((c) => Date.parse(c.end_time) > Date.parse(c.start_time), { message: 'end_time must be after start_time' }),
  }),
  async run({ schedule_id, custom_shift_id, shift_data }, ctx) {
    const data = await v3(
      ctx,
      { method: 'PUT', path: `${schedPath(schedule_id)}/custom_shifts/${seg(custom_shift_id)}`, body: { custom_shift: shiftBody(shift_data) } },
      `Custom shift ${custom_shift_id} of schedule ${schedule_id}`,
    );
    return shapeShift(unwrap(data, 'custom_shift'));
  },
});

const deleteCustomShift = defineTool({
  name: 'delete_schedule_v3_custom_shift',
  title: 'Delete v3 custom shift',
  description: 'Delete a custom shift from a shift-based (v3) schedule (overrides of that shift go with it). Returns a confirmation.',
  area: AREA,
  toolClass: 'write',
  annotations: replacing,
  input: z.object({ schedule_id: id('v3 schedule'), custom_shift_id: id('custom shift') }),
  async run({ schedule_id, custom_shift_id }, ctx) {
    await v3(ctx, { method: 'DELETE', path: `${schedPath(schedule_id)}/custom_shifts/${seg(custom_shift_id)}` }, `Custom shift ${custom_shift_id} of schedule ${schedule_id}`);
    return { deleted: true, schedule_id, custom_shift_id, message: `Custom shift ${custom_shift_id} deleted from schedule ${schedule_id}.` };
  },
});

const listOverrides = defineTool({
  name: 'list_schedule_v3_overrides',
  title: 'List v3 overrides',
  description:
    'List the overrides of a shift-based (v3) schedule that overlap a time range (since and until are required). An override ' +
    'temporarily replaces the scheduled member of a rotation or custom shift. Returns who is replaced by whom, and when.',
  area: AREA,
  toolClass: 'read',
  input: z.object({ schedule_id: id('v3 schedule'), ...range }).refine(checkRange, rangeMessage),
  async run({ schedule_id, since, until }, ctx) {
    const data = await v3(ctx, { method: 'GET', path: `${schedPath(schedule_id)}/overrides`, query: { since, until } }, `Schedule ${schedule_id}`);
    return capSize({ overrides: unwrapList(data, 'overrides').map(shapeOverride) });
  },
});

const getOverride = defineTool({
  name: 'get_schedule_v3_override',
  title: 'Get v3 override',
  description: 'Get one override of a shift-based (v3) schedule: time window, overridden and overriding member.',
  area: AREA,
  toolClass: 'read',
  input: z.object({ schedule_id: id('v3 schedule'), override_id: id('override') }),
  async run({ schedule_id, override_id }, ctx) {
    const data = await v3(ctx, { method: 'GET', path: `${schedPath(schedule_id)}/overrides/${seg(override_id)}` }, `Override ${override_id} of schedule ${schedule_id}`);
    return shapeOverride(unwrap(data, 'override'));
  },
});

const createOverrides = defineTool({
  name: 'create_schedule_v3_overrides',
  title: 'Create v3 overrides',
  description:
    'Create one or more overrides in a shift-based (v3) schedule: for a time window, replace the scheduled member of a ' +
    'rotation (rotation_id) or of a custom shift (custom_shift_id) — exactly one of the two — with another member. Example: ' +
    '{rotation_id "R…", start_time "2025-03-15T09:00:00Z", end_time "2025-03-15T17:00:00Z", overridden_member {type ' +
    '"user_member", user_id "P1…"}, overriding_member {type "user_member", user_id "P2…"}}. All or nothing. Returns the created overrides.',
  area: AREA,
  toolClass: 'write',
  annotations: additive,
  input: z.object({
    schedule_id: id('v3 schedule'),
    overrides: z.array(OverrideInput.refine((o) => Date.parse(o.end_time) > Date.parse(o.start_time), { message: 'end_time must be after start_time' })).min(1).max(50),
  }),
  async run({ schedule_id, overrides }, ctx) {
    const body = {
      overrides: overrides.map((o) => ({
        type: 'override_shift',
        ...(o.rotation_id ? { rotation_id: o.rotation_id } : { custom_shift_id: o.custom_shift_id }),
        start_time: o.start_time,
        end_time: o.end_time,
        overridden_member: o.overridden_member,
        overriding_member: o.overriding_member,
      })),
    };
    const data = await v3(ctx, { method: 'POST', path: `${schedPath(schedule_id)}/overrides`, body }, `Schedule ${schedule_id}`);
    return capSize({ overrides: unwrapList(data, 'overrides').map(shapeOverride) });
  },
});

const memberType = z.enum(['user_member', 'empty_member']);

const updateOverride = defineTool({
  name: 'update_schedule_v3_override',
  title: 'Update v3 override',
  description:
    'Replace an override in a shift-based (v3) schedule: new time window and members (full replace). Member types are ' +
    "'user_member' (then give the matching *_user_id) or 'empty_member'. Returns the updated override.",
  area: AREA,
  toolClass: 'write',
  annotations: replacing,
  input: z
    .object({
      schedule_id: id('v3 schedule'),
      override_id: id('override'),
      start_time: isoTime('start_time'),
      end_time: isoTime('end_time'),
      overridden_member_type: memberType.describe('Type of the member being replaced'),
      overriding_member_type: memberType.describe('Type of the member taking over'),
      overridden_member_user_id: z.string().min(1).optional().describe("User ID of the member being replaced (required for 'user_member')"),
      overriding_member_user_id: z.string().min(1).optional().describe("User ID of the member taking over (required for 'user_member')"),
    })
    .refine((a) => Date.parse(a.end_time) > Date.parse(a.start_time), { message: 'end_time must be after start_time', path: ['end_time'] })
    .refine((a) => a.overridden_member_type !== 'user_member' || !!a.overridden_member_user_id, {
      message: "overridden_member_user_id is required when overridden_member_type is 'user_member'",
      path: ['overridden_member_user_id'],
    })
    .refine((a) => a.overriding_member_type !== 'user_member' || !!a.overriding_member_user_id, {
      message: "overriding_member_user_id is required when overriding_member_type is 'user_member'",
      path: ['overriding_member_user_id'],
    }),
  async run(a, ctx) {
    const m = (type: string, userId?: string) => (type === 'user_member' ? { type, user_id: userId } : { type });
    const body = {
      override: {
        type: 'override_shift',
        start_time: a.start_time,
        end_time: a.end_time,
        overridden_member: m(a.overridden_member_type, a.overridden_member_user_id),
        overriding_member: m(a.overriding_member_type, a.overriding_member_user_id),
      },
    };
    const data = await v3(ctx, { method: 'PUT', path: `${schedPath(a.schedule_id)}/overrides/${seg(a.override_id)}`, body }, `Override ${a.override_id} of schedule ${a.schedule_id}`);
    return shapeOverride(unwrap(data, 'override'));
  },
});

const deleteOverride = defineTool({
  name: 'delete_schedule_v3_override',
  title: 'Delete v3 override',
  description: 'Delete an override from a shift-based (v3) schedule; the originally scheduled member is on call again. Returns a confirmation.',
  area: AREA,
  toolClass: 'write',
  annotations: replacing,
  input: z.object({ schedule_id: id('v3 schedule'), override_id: id('override') }),
  async run({ schedule_id, override_id }, ctx) {
    await v3(ctx, { method: 'DELETE', path: `${schedPath(schedule_id)}/overrides/${seg(override_id)}` }, `Override ${override_id} of schedule ${schedule_id}`);
    return { deleted: true, schedule_id, override_id, message: `Override ${override_id} deleted from schedule ${schedule_id}.` };
  },
});

export const schedulesV3Tools: ToolDefinition<any>[] = [
  createSchedule,
  updateSchedule,
  deleteSchedule,
  listRotations,
  getRotation,
  createRotation,
  deleteRotation,
  listEvents,
  getEvent,
  createEvent,
  updateEvent,
  deleteEvent,
  listCustomShifts,
  getCustomShift,
  createCustomShifts,
  updateCustomShift,
  deleteCustomShift,
  listOverrides,
  getOverride,
  createOverrides,
  updateOverride,
  deleteOverride,
];
