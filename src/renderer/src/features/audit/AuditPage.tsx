// Audit timeline: every call and refusal, filterable, live, with a chart, export and chain check.
import { useEffect, useMemo, useRef, useState } from 'react';
import type { AuditDecision, AuditEntry, AuditOutcome } from '../../../../shared/model';
import { Badge, ErrorText, LABELS, Loading, plural, useAction, useBridge, useEvent, useQuery } from '../../ui';
import { AuditChart } from './AuditChart';
import { chartWindow, EMPTY_AUDIT_FORM, toAuditFilter, type AuditFilterForm, type RangePreset } from './audit-filters';
import { DetailDrawer } from './DetailDrawer';
import { Timeline } from './Timeline';
import { useAuditPages } from './useAuditPages';

const RANGES: { value: RangePreset; label: string }[] = [
  { value: '1h', label: 'Last hour' },
  { value: '24h', label: 'Last 24 hours' },
  { value: '7d', label: 'Last 7 days' },
  { value: '30d', label: 'Last 30 days' },
  { value: 'all', label: 'All time' },
  { value: 'custom', label: 'Custom range…' },
];

export function AuditPage() {
  const bridge = useBridge();
  const [form, setForm] = useState<AuditFilterForm>(EMPTY_AUDIT_FORM);
  // The preset's "now" is fixed when the filter changes, so the query does not shift on every render.
  const [now, setNow] = useState(() => Date.now());
  const { filter, error: filterError } = useMemo(() => toAuditFilter(form, now), [form, now]);
  const pages = useAuditPages(filter);
  const [open, setOpen] = useState<AuditEntry | null>(null);
  const clients = useQuery(() => bridge.invoke('clients.list', {}), [bridge]);
  const tools = useQuery(() => bridge.invoke('tools.list', {}), [bridge]);
  // The window is taken at load time, so a reload after a live entry includes that entry.
  const histogram = useQuery(async () => {
    const win = chartWindow(filter, Date.now());
    return { ...win, buckets: await bridge.invoke('audit.histogram', { ...win, buckets: 48 }) };
  }, [bridge, JSON.stringify(filter)]);
  const verify = useQuery(() => bridge.invoke('audit.verify', {}), [bridge]);
  const exporting = useAction();
  const [exported, setExported] = useState<{ path: string; count: number } | null>(null);

  // A live entry also moves the chart; one refresh per burst of entries (not one per entry) is enough.
  const chartTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEvent('audit.appended', () => {
    if (chartTimer.current) return;
    chartTimer.current = setTimeout(() => {
      chartTimer.current = null;
      histogram.reload();
    }, 500);
  });
  useEffect(() => () => clearTimeout(chartTimer.current ?? undefined), []);

  const update = (patch: Partial<AuditFilterForm>) => {
    setNow(Date.now());
    setForm((f) => ({ ...f, ...patch }));
  };
  const doExport = (format: 'jsonl' | 'csv') =>
    exporting.run(format, async () => {
      setExported(await bridge.invoke('audit.export', { format, filter }));
    });

  return (
    <div className="page page-audit" aria-labelledby="audit-title">
      <header className="page-head">
        <h1 id="audit-title">Audit timeline</h1>
        <p className="page-sub">Every tool call and refusal, in order. Entries are append-only and hash-chained.</p>
        <div className="page-head-side">
          {verify.data ? (
            <Badge tone={verify.data.ok ? 'ok' : 'bad'} title={verify.data.message}>
              {verify.data.ok ? `Chain intact · ${plural(verify.data.entries, 'entry', 'entries')}` : `Chain broken at #${verify.data.brokenAt}`}
            </Badge>
          ) : verify.error ? (
            <Badge tone="muted" title={verify.error}>
              Chain not checked
            </Badge>
          ) : null}
          <button type="button" className="button-secondary button-small" onClick={verify.reload}>
            Verify chain
          </button>
          <span className="toolbar-group">
            <button type="button" className="button-secondary button-small" onClick={() => void doExport('jsonl')} disabled={!!exporting.busy}>
              Export JSONL
            </button>
            <button type="button" className="button-secondary button-small" onClick={() => void doExport('csv')} disabled={!!exporting.busy}>
              Export CSV
            </button>
          </span>
        </div>
      </header>
      {verify.data && !verify.data.ok && <ErrorText>{verify.data.message}</ErrorText>}

      <section className="card card-compact" aria-label="Calls over time">
        {histogram.data ? <AuditChart buckets={histogram.data.buckets} since={histogram.data.since} until={histogram.data.until} /> : histogram.error ? <ErrorText>{histogram.error}</ErrorText> : <Loading what="chart" />}
      </section>

      <section className="card card-fill" aria-label="Timeline">
        <div className="toolbar" role="search">
          <select aria-label="Filter by client" value={form.clientId} onChange={(e) => update({ clientId: e.target.value })}>
            <option value="">All clients</option>
            {(clients.data ?? []).map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
          <input className="tool-filter" list="audit-tools" aria-label="Filter by tool" placeholder="Any tool" value={form.tool} onChange={(e) => update({ tool: e.target.value })} />
          <datalist id="audit-tools">
            {(tools.data ?? []).map((t) => (
              <option key={t.name} value={t.name} />
            ))}
          </datalist>
          <select aria-label="Filter by decision" value={form.decision} onChange={(e) => update({ decision: e.target.value as AuditDecision | '' })}>
            <option value="">Any decision</option>
            {Object.entries(LABELS.decision).map(([k, v]) => (
              <option key={k} value={k}>
                {v}
              </option>
            ))}
          </select>
          <select aria-label="Filter by outcome" value={form.outcome} onChange={(e) => update({ outcome: e.target.value as AuditOutcome | '' })}>
            <option value="">Any outcome</option>
            {Object.entries(LABELS.outcome).map(([k, v]) => (
              <option key={k} value={k}>
                {v}
              </option>
            ))}
          </select>
          <select aria-label="Time range" value={form.range} onChange={(e) => update({ range: e.target.value as RangePreset })}>
            {RANGES.map((r) => (
              <option key={r.value} value={r.value}>
                {r.label}
              </option>
            ))}
          </select>
          {form.range === 'custom' && (
            <>
              <input type="datetime-local" aria-label="From" value={form.since} onChange={(e) => update({ since: e.target.value })} />
              <input type="datetime-local" aria-label="To" value={form.until} onChange={(e) => update({ until: e.target.value })} />
            </>
          )}
        </div>
        {filterError && <ErrorText>{filterError}</ErrorText>}
        {exported && (
          <p className="success-text" role="status" data-testid="export-result">
            Exported {plural(exported.count, 'entry', 'entries')} to {exported.path}
          </p>
        )}
        {exporting.error && <ErrorText>{exporting.error.message}</ErrorText>}
        {pages.error && (
          <div className="notice notice-error" role="alert">
            {pages.error}{' '}
            <button type="button" className="link-button" onClick={pages.retry}>
              Try again
            </button>
          </div>
        )}
        {!pages.error && pages.entries.length === 0 && !pages.loading && pages.done ? (
          <p className="empty">No calls match. Calls from your AI clients appear here as they happen.</p>
        ) : (
          <Timeline entries={pages.entries} hasMore={!pages.done} loading={pages.loading} onMore={pages.loadMore} onOpen={setOpen} />
        )}
      </section>
      {open && <DetailDrawer entry={open} onClose={() => setOpen(null)} />}
    </div>
  );
}
