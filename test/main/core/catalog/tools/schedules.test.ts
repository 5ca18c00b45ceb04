import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED } from '../../../../simulator';
import { startHarness, type Harness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

const HOUR = 3_600_000;

describe('schedules', () => {
  it('lists layer-based and shift-based schedules together, each with its kind', async () => {
    const out = await h.call('list_schedules');
    const kinds = Object.fromEntries(out.schedules.map((s: any) => [s.name, s.kind]));
    expect(kinds['Platform Primary']).toBe('layer_based');
    expect(kinds['Payments On-Call']).toBe('layer_based');
    expect(Object.values(kinds)).toContain('shift_based');
    const platform = out.schedules.find((s: any) => s.name === 'Platform Primary');
    expect(platform.escalation_policies.map((e: any) => e.summary).sort()).toEqual(['Payments Escalation', 'Platform Escalation']);
  });

  it('filters by name and limits, saying when there are more', async () => {
    const byName = await h.call('list_schedules', { query: 'payments' });
    expect(byName.schedules.map((s: any) => s.name)).toEqual(['Payments On-Call']);
    const one = await h.call('list_schedules', { limit: 1 });
    expect(one.count).toBe(1);
    expect(one.more).toBe(true);
  });

  it('gets a layer-based schedule with its final schedule, override included', async () => {
    const now = Date.now();
    const out = await h.call('get_schedule', { schedule_id: SEED.schedules.platformPrimary, since: new Date(now - HOUR).toISOString(), until: new Date(now + HOUR).toISOString() });
    expect(out.kind).toBe('layer_based');
    expect(out.layers[0].users.map((u: any) => u.summary)).toEqual(['Sam Rivera', 'Mei Chen', 'Alex Morgan']);
    // Priya's seeded override covers now, so the final schedule shows her for the whole window.
    expect(out.final_schedule.entries.map((e: any) => e.user.summary)).toEqual(['Priya Shah']);
    expect(out.final_schedule.coverage_percentage).toBe(100);
  });

  it('finds a shift-based schedule by id with or without kind, and explains an unknown id', async () => {
    const list = await h.call('list_schedules');
    const v3 = list.schedules.find((s: any) => s.kind === 'shift_based');
    const guessed = await h.call('get_schedule', { schedule_id: v3.id });
    expect(guessed).toMatchObject({ id: v3.id, kind: 'shift_based' });
    expect(guessed.rotations.length).toBeGreaterThan(0);
    await expect(h.call('get_schedule', { schedule_id: 'PNOPE01' })).rejects.toThrow(/No schedule with id PNOPE01/);
  });

  it('lists the users of a schedule', async () => {
    const out = await h.call('list_schedule_users', { schedule_id: SEED.schedules.paymentsOnCall });
    expect(out.users.map((u: any) => u.name).sort()).toEqual(['Jordan Lee', 'Lukas Becker', 'Priya Shah']);
  });

  it('creates overrides, reporting each one, and the override changes who is on call', async () => {
    const base = Math.floor(Date.now() / HOUR) * HOUR + 10 * 24 * HOUR;
    const start = new Date(base).toISOString();
    const end = new Date(base + 4 * HOUR).toISOString();
    const out = await h.call('create_schedule_override', {
      schedule_id: SEED.schedules.paymentsOnCall,
      overrides: [
        { start, end, user_id: SEED.users.taylor },
        { start, end, user_id: 'PNOBODY' },
      ],
    });
    expect(out).toMatchObject({ created: 1, failed: 1 });
    expect(out.results[1].errors).toEqual(['User not found']);
    const oncall = await h.call('get_schedule', { schedule_id: SEED.schedules.paymentsOnCall, since: start, until: end });
    expect(oncall.final_schedule.entries.map((e: any) => e.user.summary)).toEqual(['Taylor Brooks']);
    await expect(
      h.call('create_schedule_override', { schedule_id: SEED.schedules.paymentsOnCall, overrides: [{ start: end, end: start, user_id: SEED.users.taylor }] }),
    ).rejects.toThrow(/must be after start.*Nothing was created/);
  });
});
