// The demo account is consistent, so every area can trust it.
import { describe, expect, it } from 'vitest';
import { createDb } from './db';
import { SEED, seedAccount, seedIdentity } from './seed';

function seeded() {
  const db = createDb();
  const now = new Date('2026-11-30T12:00:00Z');
  const users = seedIdentity(db, now);
  seedAccount(db, now);
  const all = (name: string) => [...db.collection<any>(name).values()];
  return { db, users, all, now };
}

describe('seed', () => {
  it('has the documented sizes, owner first, unique emails', () => {
    const { users, all } = seeded();
    expect(users).toHaveLength(8);
    expect(users[0]).toMatchObject({ name: 'Alex Morgan', email: 'alex.morgan@example.com', role: 'owner' });
    expect(new Set(users.map((u) => u.email)).size).toBe(8);
    expect([all('teams').length, all('schedules').length, all('escalation_policies').length, all('services').length]).toEqual([3, 3, 3, 5]);
    expect([all('business_services').length, all('priorities').length, all('incidents').length]).toEqual([2, 3, 12]);
    expect(all('change_events').length).toBeGreaterThan(0);
    expect(all('overrides').length).toBeGreaterThan(0);
  });

  it('every stored reference points at an existing object', () => {
    const { db, all } = seeded();
    const has = (name: string, id: string) => expect(db.collection(name).has(id), `${name} ${id}`).toBe(true);
    for (const t of all('teams')) for (const m of t.members) {
      has('users', m.user);
      expect(db.users.get(m.user)!.teams).toContain(t.id);
    }
    for (const s of all('schedules')) for (const l of s.schedule_layers) for (const u of l.users) has('users', u);
    for (const o of all('overrides')) {
      has('schedules', o.schedule_id);
      has('users', o.user);
    }
    for (const ep of all('escalation_policies')) for (const r of ep.escalation_rules) for (const t of r.targets) has(t.type === 'user_reference' ? 'users' : 'schedules', t.id);
    for (const s of all('services')) {
      has('escalation_policies', s.escalation_policy);
      s.teams.forEach((t: string) => has('teams', t));
    }
    for (const b of all('business_services')) b.supporting_services.forEach((s: string) => has('services', s));
    for (const i of all('incidents')) {
      has('services', i.service);
      has('escalation_policies', i.escalation_policy);
      if (i.priority) has('priorities', i.priority);
      has('log_entries', i.first_trigger_log_entry);
    }
    for (const n of all('notes')) {
      has('incidents', n.incident_id);
      has('users', n.user);
    }
    for (const e of all('log_entries')) has('incidents', e.incident);
    for (const c of all('change_events')) c.services.forEach((s: string) => has('services', s));
  });

  it('incidents cover every state and follow PagerDuty semantics', () => {
    const { db, all } = seeded();
    const incidents = all('incidents');
    expect(new Set(incidents.map((i) => i.status))).toEqual(new Set(['triggered', 'acknowledged', 'resolved']));
    expect(new Set(incidents.map((i) => i.urgency))).toEqual(new Set(['high', 'low']));
    expect(incidents.map((i) => i.incident_number)).toEqual(SEED.incidents.map((_, n) => n + 1));
    expect(db.counter('incident_number')).toBe(13);
    for (const i of incidents) {
      const logs = all('log_entries').filter((e) => e.incident === i.id);
      const types = logs.map((e) => e.type);
      expect(types[0]).toBe('trigger_log_entry');
      const alerts = all('alerts').filter((a) => a.incident_id === i.id);
      expect(i.alert_counts.all).toBe(alerts.length);
      expect(i.alert_counts.triggered).toBe(alerts.filter((a) => a.status === 'triggered').length);
      const notes = all('notes').filter((n) => n.incident_id === i.id);
      expect(types.filter((t) => t === 'annotate_log_entry')).toHaveLength(notes.length);
      if (i.status === 'resolved') {
        expect(i.assignments).toEqual([]);
        expect(i.resolved_at).not.toBeNull();
        expect(types).toContain('resolve_log_entry');
      } else {
        expect(i.assignments.length).toBeGreaterThan(0);
        expect(i.resolved_at).toBeNull();
      }
      if (i.acknowledgements.length) expect(types).toContain('acknowledgement_log_entry');
      if (i.status === 'acknowledged') expect(i.acknowledgements.length).toBeGreaterThan(0);
      const times = logs.map((e) => e.created_at);
      expect([...times].sort()).toEqual(times);
    }
    expect(all('log_entries').some((e) => e.type === 'acknowledgement_log_entry')).toBe(true);
  });

  it('service status follows open incidents', () => {
    const { all } = seeded();
    const services = all('services');
    const open = (id: string) => all('incidents').filter((i) => i.service === id && i.status !== 'resolved');
    for (const s of services) {
      if (s.status === 'disabled') continue;
      const o = open(s.id);
      const expected = o.some((i) => i.status === 'triggered' && i.urgency === 'high') ? 'critical' : o.length ? 'warning' : 'active';
      expect(s.status, s.name).toBe(expected);
    }
    expect(services.find((s) => s.id === SEED.services.apiGateway).status).toBe('critical');
  });

  it('is deterministic: two seeds produce the same ids', () => {
    const a = seeded().all('log_entries').map((e) => e.id);
    const b = seeded().all('log_entries').map((e) => e.id);
    expect(a).toEqual(b);
    expect(a[0]).toMatch(/^Q[A-Z0-9]{13}$/);
  });
});
