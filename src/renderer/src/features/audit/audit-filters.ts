// Pure helpers for the audit timeline: filter form → query, live-entry matching, merge, chart geometry.
import type { AuditDecision, AuditEntry, AuditFilter, AuditOutcome } from '../../../../shared/model';

export type RangePreset = '1h' | '24h' | '7d' | '30d' | 'all' | 'custom';

export interface AuditFilterForm {
  clientId: string;
  tool: string;
  decision: AuditDecision | '';
  outcome: AuditOutcome | '';
  range: RangePreset;
  /** datetime-local values (local wall time), used when range is "custom". */
  since: string;
  until: string;
}

export const EMPTY_AUDIT_FORM: AuditFilterForm = { clientId: '', tool: '', decision: '', outcome: '', range: 'all', since: '', until: '' };

const HOUR = 3600_000;
export const RANGE_MS: Record<Exclude<RangePreset, 'all' | 'custom'>, number> = { '1h': HOUR, '24h': 24 * HOUR, '7d': 7 * 24 * HOUR, '30d': 30 * 24 * HOUR };

function localToIso(value: string): string | undefined {
  if (!value) return undefined;
  const t = new Date(value).getTime();
  return Number.isNaN(t) ? undefined : new Date(t).toISOString();
}

/** The form as the contract's AuditFilter; a custom range whose end is before its start is an error. */
export function toAuditFilter(form: AuditFilterForm, now: number = Date.now()): { filter: AuditFilter; error: string | null } {
  const filter: AuditFilter = {};
  if (form.clientId) filter.clientId = form.clientId;
  if (form.tool.trim()) filter.tool = form.tool.trim();
  if (form.decision) filter.decision = form.decision;
  if (form.outcome) filter.outcome = form.outcome;
  if (form.range === 'custom') {
    const since = localToIso(form.since);
    const until = localToIso(form.until);
    if (since) filter.since = since;
    if (until) filter.until = until;
    if (since && until && since > until) return { filter: {}, error: 'The “from” time is after the “to” time: swap them or pick a preset range.' };
  } else if (form.range !== 'all') {
    filter.since = new Date(now - RANGE_MS[form.range]).toISOString();
  }
  return { filter, error: null };
}

/** Whether a live entry belongs in the list the person is looking at. */
export function matchesFilter(entry: AuditEntry, f: AuditFilter): boolean {
  if (f.clientId && entry.clientId !== f.clientId) return false;
  if (f.tool && entry.tool !== f.tool) return false;
  if (f.decision && entry.decision !== f.decision) return false;
  if (f.outcome && entry.outcome !== f.outcome) return false;
  const t = Date.parse(entry.time);
  if (f.since && t < Date.parse(f.since)) return false;
  if (f.until && t > Date.parse(f.until)) return false;
  return true;
}

/** The histogram's window for a filter: its own range, or the last 24 hours. */
export function chartWindow(filter: AuditFilter, now: number = Date.now()): { since: string; until: string } {
  const until = filter.until ?? new Date(now).toISOString();
  const since = filter.since ?? new Date(Date.parse(until) - RANGE_MS['24h']).toISOString();
  return { since, until };
}

export interface ChartBucket {
  start: string;
  calls: number;
  errors: number;
  refused: number;
}

export interface ChartBar {
  x: number;
  width: number;
  start: string;
  /** Stacked from the bottom: ok, then errors, then refused. */
  segments: { kind: 'ok' | 'errors' | 'refused'; y: number; height: number; value: number }[];
}

/** Stacked bars in a width × height box; the tallest bucket fills the height. */
export function chartBars(buckets: ChartBucket[], width: number, height: number): { bars: ChartBar[]; max: number } {
  const max = Math.max(1, ...buckets.map((b) => b.calls));
  const slot = buckets.length ? width / buckets.length : width;
  const gap = Math.min(2, slot * 0.2);
  const bars = buckets.map((b, i) => {
    const ok = Math.max(0, b.calls - b.errors - b.refused);
    let y = height;
    const segments: ChartBar['segments'] = [];
    for (const [kind, value] of [['ok', ok], ['errors', b.errors], ['refused', b.refused]] as const) {
      const h = (value / max) * height;
      if (value > 0) {
        y -= h;
        segments.push({ kind, y, height: h, value });
      }
    }
    return { x: i * slot + gap / 2, width: Math.max(0.5, slot - gap), start: b.start, segments };
  });
  return { bars, max };
}

/** CSV of what the timeline shows is the core's job (audit.export); this is only for the summary line. */
export function summarize(buckets: ChartBucket[]): { calls: number; errors: number; refused: number } {
  return buckets.reduce((s, b) => ({ calls: s.calls + b.calls, errors: s.errors + b.errors, refused: s.refused + b.refused }), { calls: 0, errors: 0, refused: 0 });
}
