import { describe, expect, it } from 'vitest';
import { chartBars, chartWindow, EMPTY_AUDIT_FORM, matchesFilter, summarize, toAuditFilter } from '../../../../../src/renderer/src/features/audit/audit-filters';
import type { AuditEntry } from '../../../../../src/shared/model';

const now = Date.parse('2026-01-10T12:00:00Z');
const entry = (over: Partial<AuditEntry> = {}): AuditEntry => ({
  seq: 1,
  time: '2026-01-10T11:30:00Z',
  clientId: 'c1',
  clientName: 'Laptop',
  profileId: 'p1',
  profileName: 'Responder',
  tool: 'list_incidents',
  toolClass: 'read',
  decision: 'allowed',
  outcome: 'ok',
  durationMs: 12,
  pdStatus: 200,
  pdRequestId: 'r1',
  identity: 'api_key:ann@example.com',
  args: {},
  message: null,
  prevHash: '0',
  hash: '1',
  ...over,
});

describe('audit filters', () => {
  it('turns the form into the contract’s filter, presets relative to now', () => {
    expect(toAuditFilter(EMPTY_AUDIT_FORM, now)).toEqual({ filter: {}, error: null });
    expect(toAuditFilter({ ...EMPTY_AUDIT_FORM, clientId: 'c1', tool: ' list_incidents ', decision: 'ask_denied', outcome: 'refused', range: '1h' }, now)).toEqual({
      filter: { clientId: 'c1', tool: 'list_incidents', decision: 'ask_denied', outcome: 'refused', since: '2026-01-10T11:00:00.000Z' },
      error: null,
    });
  });

  it('refuses a custom range that ends before it starts, with a sentence', () => {
    const r = toAuditFilter({ ...EMPTY_AUDIT_FORM, range: 'custom', since: '2026-01-10T12:00', until: '2026-01-10T10:00' }, now);
    expect(r.error).toMatch(/after the “to” time/);
    expect(r.filter).toEqual({});
    const ok = toAuditFilter({ ...EMPTY_AUDIT_FORM, range: 'custom', since: '2026-01-10T10:00' }, now);
    expect(ok.filter.since).toBe(new Date('2026-01-10T10:00').toISOString());
  });

  it('decides whether a live entry belongs in the list being looked at', () => {
    expect(matchesFilter(entry(), {})).toBe(true);
    expect(matchesFilter(entry(), { clientId: 'c2' })).toBe(false);
    expect(matchesFilter(entry(), { tool: 'list_incidents', outcome: 'ok' })).toBe(true);
    expect(matchesFilter(entry(), { decision: 'paused' })).toBe(false);
    expect(matchesFilter(entry(), { since: '2026-01-10T11:45:00Z' })).toBe(false);
    expect(matchesFilter(entry(), { until: '2026-01-10T11:00:00Z' })).toBe(false);
  });

  it('charts the filter’s own window, or the last 24 hours', () => {
    expect(chartWindow({}, now)).toEqual({ since: '2026-01-09T12:00:00.000Z', until: '2026-01-10T12:00:00.000Z' });
    expect(chartWindow({ since: '2026-01-10T11:00:00.000Z' }, now)).toEqual({ since: '2026-01-10T11:00:00.000Z', until: '2026-01-10T12:00:00.000Z' });
  });

  it('stacks ok, errors and refused, scaled so the busiest bucket fills the height', () => {
    const buckets = [
      { start: 'a', calls: 10, errors: 2, refused: 3 },
      { start: 'b', calls: 0, errors: 0, refused: 0 },
      { start: 'c', calls: 5, errors: 0, refused: 5 },
    ];
    const { bars, max } = chartBars(buckets, 300, 100);
    expect(max).toBe(10);
    expect(bars).toHaveLength(3);
    expect(bars[0]!.segments.map((s) => [s.kind, s.value, Math.round(s.height)])).toEqual([
      ['ok', 5, 50],
      ['errors', 2, 20],
      ['refused', 3, 30],
    ]);
    expect(bars[0]!.segments[2]!.y).toBeCloseTo(0);
    expect(bars[1]!.segments).toEqual([]);
    expect(bars[2]!.segments.map((s) => s.kind)).toEqual(['refused']);
    expect(bars[2]!.x).toBeGreaterThan(bars[1]!.x);
    expect(summarize(buckets)).toEqual({ calls: 15, errors: 2, refused: 8 });
  });
});
