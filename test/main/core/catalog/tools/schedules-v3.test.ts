// The 22 shift-based (v3) schedule tools, called through the catalog against the PagerDuty simulator.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalog, type ToolContext } from '../../../../../src/main/core/catalog';
import { createPagerDutyClient } from '../../../../../src/main/core/pagerduty';
import { createSimulator, type Simulator } from '../../../../simulator';

let sim: Simulator;
let ctx: ToolContext;

async function call(name: string, args: Record<string, unknown>): Promise<any> {
  const tool = catalog.find((t) => t.name === name);
  if (!tool) throw new Error(`no tool ${name}`);
  return tool.run(tool.input.parse(args), ctx);
}

interface Seeded {
  scheduleId: string;
  rotationId: string;
  eventId: string;
  shiftId: string;
  overrideId: string;
}
let seeded: Seeded;

const DAY = 86_400_000;
const at = (offsetMs: number) => new Date(Date.now() + offsetMs).toISOString().replace(/\.\d{3}Z$/, 'Z');
const week = { since: at(-DAY), until: at(7 * DAY) };

beforeAll(async () => {
  sim = await createSimulator();
  ctx = {
    pd: createPagerDutyClient({
      baseUrl: sim.apiUrl('us'),
      auth: { current: async () => ({ authorization: `Token token=${sim.keys.account}`, fromEmail: sim.users[0].email }) },
    }),
    signal: new AbortController().signal,
    userId: null,
    fromEmail: sim.users[0].email,
  };
  const [schedule] = [...sim.db.collection<any>('v3_schedules').values()];
  seeded = {
    scheduleId: schedule.id,
    rotationId: schedule.rotations[0].id,
    eventId: schedule.rotations[0].events[0].id,
    shiftId: schedule.custom_shifts[0].id,
    overrideId: schedule.overrides[0].id,
  };
});

afterAll(async () => {
  await sim?.close();
});

function futureEvent(name: string, userIds: string[]) {
  const start = Date.now() + 10 * DAY;
  return {
    name,
    start_time: { date_time: at(10 * DAY), time_zone: 'America/New_York' },
    end_time: { date_time: new Date(start + 7 * DAY).toISOString(), time_zone: 'America/New_York' },
    effective_since: at(10 * DAY),
    recurrence: ['RRULE:FREQ=WEEKLY'],
    assignment_strategy: {
      type: 'rotating_member_assignment_strategy',
      shifts_per_member: 1,
      members: userIds.map((user_id) => ({ type: 'user_member', user_id })),
    },
  };
}

describe('v3 schedule reads (seeded schedule)', () => {
  it('list_schedule_v3_rotations returns the rotation with its weekly event and members', async () => {
    const out = await call('list_schedule_v3_rotations', { schedule_id: seeded.scheduleId });
    expect(out.rotations).toHaveLength(1);
    expect(out.rotations[0].id).toBe(seeded.rotationId);
    const event = out.rotations[0].events[0];
    expect(event.recurrence).toEqual(['RRULE:FREQ=WEEKLY']);
    expect(event.assignment_strategy.members[0]).toEqual({ type: 'user_member', user_id: sim.users[0].id });
  });

  it('get_schedule_v3_rotation returns one rotation', async () => {
    const out = await call('get_schedule_v3_rotation', { schedule_id: seeded.scheduleId, rotation_id: seeded.rotationId });
    expect(out.id).toBe(seeded.rotationId);
    expect(out.events.map((e: any) => e.id)).toEqual([seeded.eventId]);
  });

  it('list_schedule_v3_rotation_events and get_schedule_v3_rotation_event return the event', async () => {
    const list = await call('list_schedule_v3_rotation_events', { schedule_id: seeded.scheduleId, rotation_id: seeded.rotationId });
    expect(list.events.map((e: any) => e.name)).toEqual(['Weekly on-call']);
    const one = await call('get_schedule_v3_rotation_event', { schedule_id: seeded.scheduleId, rotation_id: seeded.rotationId, event_id: seeded.eventId });
    expect(one).toMatchObject({ id: seeded.eventId, name: 'Weekly on-call', effective_until: null });
    expect(one.start_time.time_zone).toBe('Europe/Berlin');
  });

  it('list_schedule_v3_custom_shifts returns shifts in the window only', async () => {
    const inWeek = await call('list_schedule_v3_custom_shifts', { schedule_id: seeded.scheduleId, ...week });
    expect(inWeek.custom_shifts.map((c: any) => c.id)).toEqual([seeded.shiftId]);
    const later = await call('list_schedule_v3_custom_shifts', { schedule_id: seeded.scheduleId, since: at(30 * DAY), until: at(31 * DAY) });
    expect(later.custom_shifts).toEqual([]);
  });

  it('get_schedule_v3_custom_shift returns the assigned member', async () => {
    const out = await call('get_schedule_v3_custom_shift', { schedule_id: seeded.scheduleId, custom_shift_id: seeded.shiftId });
    expect(out.assignments).toEqual([{ member: { type: 'user_member', user_id: sim.users[2 % sim.users.length].id } }]);
  });

  it('list_schedule_v3_overrides and get_schedule_v3_override return who replaces whom', async () => {
    const list = await call('list_schedule_v3_overrides', { schedule_id: seeded.scheduleId, ...week });
    expect(list.overrides.map((o: any) => o.id)).toEqual([seeded.overrideId]);
    const one = await call('get_schedule_v3_override', { schedule_id: seeded.scheduleId, override_id: seeded.overrideId });
    expect(one).toMatchObject({ rotation_id: seeded.rotationId, overridden_member: { user_id: sim.users[0].id }, overriding_member: { user_id: sim.users[1].id } });
  });

  it('lists require since before until, rejected before any request', () => {
    const tool = catalog.find((t) => t.name === 'list_schedule_v3_overrides')!;
    expect(tool.input.safeParse({ schedule_id: 'P1', since: at(DAY), until: at(0) }).success).toBe(false);
    expect(tool.input.safeParse({ schedule_id: 'P1', since: 'yesterday', until: at(0) }).success).toBe(false);
  });

  it("the seeded v3 schedule appears in list_schedules as shift-based (GET /v3/schedules)", async () => {
    const out = await call('list_schedules', {});
    expect(out.schedules).toContainEqual(expect.objectContaining({ id: seeded.scheduleId, kind: 'shift_based', name: 'Platform Follow-the-Sun (shift-based)' }));
  });

  it('an unknown schedule gives a 404 error that says what to check', async () => {
    await expect(call('list_schedule_v3_rotations', { schedule_id: 'PNOPE00' })).rejects.toThrow(/not found in PagerDuty's shift-based \(v3\) schedules/);
  });
});

describe('v3 schedule writes', () => {
  it('create_schedule creates a v3 schedule with its rotation; get_schedule reads it back', async () => {
    const created = await call('create_schedule', {
      schedule_data: {
        name: 'Database on-call',
        time_zone: 'America/New_York',
        description: 'DBAs',
        rotations: [{ events: [futureEvent('Weekdays', [sim.users[0].id])] }],
      },
    });
    expect(created).toMatchObject({ kind: 'shift_based', name: 'Database on-call', time_zone: 'America/New_York' });
    expect(created.rotations[0].events[0].name).toBe('Weekdays');
    const read = await call('get_schedule', { schedule_id: created.id, kind: 'shift_based' });
    expect(JSON.stringify(read)).toContain('Database on-call');
    const rotations = await call('list_schedule_v3_rotations', { schedule_id: created.id });
    expect(rotations.rotations).toHaveLength(1);
  });

  it('create_schedule refuses an unknown time zone with a clear error and creates nothing', async () => {
    const before = sim.db.collection('v3_schedules').size;
    await expect(call('create_schedule', { schedule_data: { name: 'Bad', time_zone: 'Mars/Olympus' } })).rejects.toThrow(/time_zone/);
    expect(sim.db.collection('v3_schedules').size).toBe(before);
  });

  it('update_schedule changes the name and keeps the time zone when it is omitted', async () => {
    const created = await call('create_schedule', { schedule_data: { name: 'Temp', time_zone: 'Asia/Tokyo' } });
    const updated = await call('update_schedule', { schedule_id: created.id, schedule_data: { name: 'Tokyo on-call' } });
    expect(updated).toMatchObject({ name: 'Tokyo on-call', time_zone: 'Asia/Tokyo' });
    const read = await call('get_schedule', { schedule_id: created.id, kind: 'shift_based' });
    expect(JSON.stringify(read)).toContain('Tokyo on-call');
  });

  it('delete_schedule_v3 removes the schedule; reading it then fails with 404', async () => {
    const created = await call('create_schedule', { schedule_data: { name: 'Doomed', time_zone: 'UTC' } });
    const out = await call('delete_schedule_v3', { schedule_id: created.id });
    expect(out.deleted).toBe(true);
    await expect(call('list_schedule_v3_rotations', { schedule_id: created.id })).rejects.toThrow(/not found/);
  });

  it('create_schedule_v3_rotation adds an empty rotation; delete_schedule_v3_rotation removes it', async () => {
    const rotation = await call('create_schedule_v3_rotation', { schedule_id: seeded.scheduleId });
    expect(rotation.events).toEqual([]);
    const got = await call('get_schedule_v3_rotation', { schedule_id: seeded.scheduleId, rotation_id: rotation.id });
    expect(got.id).toBe(rotation.id);
    await call('delete_schedule_v3_rotation', { schedule_id: seeded.scheduleId, rotation_id: rotation.id });
    await expect(call('get_schedule_v3_rotation', { schedule_id: seeded.scheduleId, rotation_id: rotation.id })).rejects.toThrow(/not found/);
  });

  it('creates, updates and deletes a future rotation event', async () => {
    const { scheduleId, rotationId } = seeded;
    const created = await call('create_schedule_v3_rotation_event', { schedule_id: scheduleId, rotation_id: rotationId, event_data: futureEvent('Nights', [sim.users[0].id, sim.users[1].id]) });
    expect(created.assignment_strategy.members).toHaveLength(2);
    const listed = await call('list_schedule_v3_rotation_events', { schedule_id: scheduleId, rotation_id: rotationId });
    expect(listed.events.map((e: any) => e.name)).toContain('Nights');

    const changed = { ...futureEvent('Late nights', [sim.users[1].id]), assignment_strategy: { type: 'every_member_assignment_strategy', members: [{ type: 'user_member', user_id: sim.users[1].id }] } };
    await call('update_schedule_v3_rotation_event', { schedule_id: scheduleId, rotation_id: rotationId, event_id: created.id, event_data: changed });
    const read = await call('get_schedule_v3_rotation_event', { schedule_id: scheduleId, rotation_id: rotationId, event_id: created.id });
    expect(read.name).toBe('Late nights');
    expect(read.assignment_strategy.type).toBe('every_member_assignment_strategy');

    await call('delete_schedule_v3_rotation_event', { schedule_id: scheduleId, rotation_id: rotationId, event_id: created.id });
    await expect(call('get_schedule_v3_rotation_event', { schedule_id: scheduleId, rotation_id: rotationId, event_id: created.id })).rejects.toThrow(/not found/);
  });

  it('an active event may only change effective_until', async () => {
    const { scheduleId, rotationId, eventId } = seeded;
    const current = await call('get_schedule_v3_rotation_event', { schedule_id: scheduleId, rotation_id: rotationId, event_id: eventId });
    const { id: _id, ...fields } = current;
    const base = { ...fields, assignment_strategy: { ...current.assignment_strategy, shifts_per_member: 1 } };
    await expect(
      call('update_schedule_v3_rotation_event', { schedule_id: scheduleId, rotation_id: rotationId, event_id: eventId, event_data: { ...base, name: 'Renamed' } }),
    ).rejects.toThrow(/only effective_until can be changed/);
    const until = at(60 * DAY);
    const ended = await call('update_schedule_v3_rotation_event', { schedule_id: scheduleId, rotation_id: rotationId, event_id: eventId, event_data: { ...base, effective_until: until } });
    expect(ended.effective_until).toBe(until);
    expect(ended.name).toBe('Weekly on-call');
  });

  it('a rotation event naming an unknown user is refused and nothing is added', async () => {
    const { scheduleId, rotationId } = seeded;
    const before = (await call('list_schedule_v3_rotation_events', { schedule_id: scheduleId, rotation_id: rotationId })).events.length;
    await expect(
      call('create_schedule_v3_rotation_event', { schedule_id: scheduleId, rotation_id: rotationId, event_data: futureEvent('Ghost', ['PGHOST1']) }),
    ).rejects.toThrow(/user_id must be an existing user/);
    const after = (await call('list_schedule_v3_rotation_events', { schedule_id: scheduleId, rotation_id: rotationId })).events.length;
    expect(after).toBe(before);
  });

  it('rotation event input is checked before any request (rotating strategy needs shifts_per_member)', () => {
    const tool = catalog.find((t) => t.name === 'create_schedule_v3_rotation_event')!;
    const event = futureEvent('X', ['P1']);
    const bad = { ...event, assignment_strategy: { type: 'rotating_member_assignment_strategy', members: [{ type: 'user_member', user_id: 'P1' }] } };
    expect(tool.input.safeParse({ schedule_id: 'S', rotation_id: 'R', event_data: event }).success).toBe(true);
    expect(tool.input.safeParse({ schedule_id: 'S', rotation_id: 'R', event_data: bad }).success).toBe(false);
  });

  it('creates, updates and deletes custom shifts', async () => {
    const { scheduleId } = seeded;
    const window = { start_time: at(3 * DAY), end_time: at(3 * DAY + 4 * 3_600_000) };
    const created = await call('create_schedule_v3_custom_shifts', {
      schedule_id: scheduleId,
      custom_shifts: [{ ...window, assignments: [{ member: { type: 'user_member', user_id: sim.users[1].id } }] }],
    });
    expect(created.custom_shifts).toHaveLength(1);
    const id = created.custom_shifts[0].id;
    const listed = await call('list_schedule_v3_custom_shifts', { schedule_id: scheduleId, ...week });
    expect(listed.custom_shifts.map((c: any) => c.id)).toContain(id);

    await call('update_schedule_v3_custom_shift', {
      schedule_id: scheduleId,
      custom_shift_id: id,
      shift_data: { ...window, assignments: [{ member: { type: 'empty_member' } }] },
    });
    const read = await call('get_schedule_v3_custom_shift', { schedule_id: scheduleId, custom_shift_id: id });
    expect(read.assignments[0].member).toEqual({ type: 'empty_member', user_id: null });

    await call('delete_schedule_v3_custom_shift', { schedule_id: scheduleId, custom_shift_id: id });
    await expect(call('get_schedule_v3_custom_shift', { schedule_id: scheduleId, custom_shift_id: id })).rejects.toThrow(/not found/);
  });

  it('a custom shift needs exactly one assignment (checked before any request)', () => {
    const tool = catalog.find((t) => t.name === 'create_schedule_v3_custom_shifts')!;
    const member = { member: { type: 'user_member', user_id: 'P1' } };
    expect(tool.input.safeParse({ schedule_id: 'S', custom_shifts: [{ start_time: at(0), end_time: at(DAY), assignments: [member, member] }] }).success).toBe(false);
    expect(tool.input.safeParse({ schedule_id: 'S', custom_shifts: [{ start_time: at(DAY), end_time: at(0), assignments: [member] }] }).success).toBe(false);
  });

  it('creates, updates and deletes overrides', async () => {
    const { scheduleId, rotationId } = seeded;
    const [a, b] = [sim.users[0].id, sim.users[1].id];
    const created = await call('create_schedule_v3_overrides', {
      schedule_id: scheduleId,
      overrides: [{ rotation_id: rotationId, start_time: at(2 * DAY), end_time: at(2 * DAY + 3_600_000), overridden_member: { type: 'user_member', user_id: a }, overriding_member: { type: 'user_member', user_id: b } }],
    });
    const id = created.overrides[0].id;
    const listed = await call('list_schedule_v3_overrides', { schedule_id: scheduleId, ...week });
    expect(listed.overrides.map((o: any) => o.id)).toContain(id);

    const end = at(2 * DAY + 7_200_000);
    await call('update_schedule_v3_override', {
      schedule_id: scheduleId,
      override_id: id,
      start_time: at(2 * DAY),
      end_time: end,
      overridden_member_type: 'user_member',
      overridden_member_user_id: a,
      overriding_member_type: 'empty_member',
    });
    const read = await call('get_schedule_v3_override', { schedule_id: scheduleId, override_id: id });
    expect(read).toMatchObject({ end_time: end, overriding_member: { type: 'empty_member' } });

    await call('delete_schedule_v3_override', { schedule_id: scheduleId, override_id: id });
    await expect(call('get_schedule_v3_override', { schedule_id: scheduleId, override_id: id })).rejects.toThrow(/not found/);
  });

  it('an override needs exactly one of rotation_id or custom_shift_id, and user ids for user members', () => {
    const create = catalog.find((t) => t.name === 'create_schedule_v3_overrides')!;
    const o = { start_time: at(0), end_time: at(DAY), overridden_member: { type: 'empty_member' }, overriding_member: { type: 'user_member', user_id: 'P1' } };
    expect(create.input.safeParse({ schedule_id: 'S', overrides: [{ ...o, rotation_id: 'R' }] }).success).toBe(true);
    expect(create.input.safeParse({ schedule_id: 'S', overrides: [o] }).success).toBe(false);
    expect(create.input.safeParse({ schedule_id: 'S', overrides: [{ ...o, rotation_id: 'R', custom_shift_id: 'C' }] }).success).toBe(false);
    const update = catalog.find((t) => t.name === 'update_schedule_v3_override')!;
    const args = { schedule_id: 'S', override_id: 'O', start_time: at(0), end_time: at(DAY), overridden_member_type: 'empty_member', overriding_member_type: 'user_member' };
    expect(update.input.safeParse(args).success).toBe(false);
    expect(update.input.safeParse({ ...args, overriding_member_user_id: 'P1' }).success).toBe(true);
  });
});

describe('the Early Access header', () => {
  it('the simulator refuses /v3/schedules without it, saying which header to send', async () => {
    await expect(ctx.pd.request({ method: 'GET', path: '/v3/schedules' })).rejects.toThrow(/X-EARLY-ACCESS: flex-service-early-access/);
  });

  it('every v3 tool sends it', () => {
    const v3Requests = sim.requests.filter((r) => r.path.startsWith('/v3/'));
    expect(v3Requests.length).toBeGreaterThan(20);
    const withHeader = v3Requests.filter((r) => r.headers['x-early-access'] === 'flex-service-early-access');
    expect(withHeader.length).toBe(v3Requests.length - 1); // all but the deliberate header-less request above
  });

  it('marks reads read-only, creates additive, and updates/deletes destructive', () => {
    const v3 = catalog.filter((t) => /schedule_v3|^create_schedule$|^update_schedule$/.test(t.name));
    expect(v3).toHaveLength(22);
    for (const t of v3) {
      if (t.toolClass === 'read') expect(t.annotations.readOnlyHint, t.name).toBe(true);
      else if (t.name.startsWith('create_')) expect(t.annotations.destructiveHint, t.name).toBe(false);
      else expect(t.annotations.destructiveHint, t.name).toBe(true);
    }
  });
});
