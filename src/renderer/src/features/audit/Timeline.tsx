// The virtualised list: only the rows in view exist in the DOM; reaching the end asks for the next page.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useLayoutEffect, useRef } from 'react';
import type { AuditEntry } from '../../../../shared/model';
import { formatDuration, formatTime, LABELS } from '../../ui';

const ROW = 44;

const OUTCOME_TONE = { ok: 'ok', error: 'bad', refused: 'warn', started: 'info' } as const;

export function outcomeTone(e: AuditEntry): (typeof OUTCOME_TONE)[AuditEntry['outcome']] {
  return OUTCOME_TONE[e.outcome];
}

/** How many entries arrived above the one that was on top before (0 if it is gone or nothing changed). */
export function rowsAddedAbove(entries: readonly AuditEntry[], previousFirstSeq: number | undefined): number {
  if (previousFirstSeq === undefined) return 0;
  const index = entries.findIndex((e) => e.seq === previousFirstSeq);
  return index > 0 ? index : 0;
}

export function Timeline(props: { entries: AuditEntry[]; hasMore: boolean; loading: boolean; onMore: () => void; onOpen: (e: AuditEntry) => void }) {
  const parent = useRef<HTMLDivElement>(null);
  const count = props.entries.length + (props.hasMore ? 1 : 0);
  const virtualizer = useVirtualizer({ count, getScrollElement: () => parent.current, estimateSize: () => ROW, overscan: 12 });
  const items = virtualizer.getVirtualItems();

  // Live entries are added on top: if the person has scrolled down to read, keep the same rows in view.
  const firstSeq = props.entries[0]?.seq;
  const previousFirst = useRef(firstSeq);
  useLayoutEffect(() => {
    const el = parent.current;
    const added = rowsAddedAbove(props.entries, previousFirst.current);
    previousFirst.current = firstSeq;
    if (el && added > 0 && el.scrollTop > 0) el.scrollTop += added * ROW;
  }, [firstSeq, props.entries]);
  const last = items[items.length - 1];

  const { hasMore, loading, onMore } = props;
  useEffect(() => {
    if (last && last.index >= props.entries.length - 1 && hasMore && !loading) onMore();
  }, [last, props.entries.length, hasMore, loading, onMore]);

  return (
    <div className="timeline" role="region" aria-label="Audit entries">
      <div className="timeline-head" aria-hidden="true">
        <span>Time</span>
        <span>Client</span>
        <span>Tool</span>
        <span>Decision</span>
        <span>Outcome</span>
        <span className="num">Duration</span>
        <span className="num">PagerDuty</span>
      </div>
      <div ref={parent} className="timeline-scroll" data-testid="timeline-scroll">
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {items.map((item) => {
            const e = props.entries[item.index];
            return (
              <div key={item.key} className="timeline-slot" style={{ transform: `translateY(${item.start}px)`, height: item.size }}>
                {e ? (
                  <button type="button" className={`audit-row tone-${outcomeTone(e)}`} onClick={() => props.onOpen(e)} data-seq={e.seq} data-testid="audit-row">
                    <span className="mono">{formatTime(e.time)}</span>
                    <span className="ellipsis">{e.clientName ?? '—'}</span>
                    <span className="ellipsis mono">{e.tool}</span>
                    <span className="ellipsis">{LABELS.decision[e.decision]}</span>
                    <span>
                      <span className={`badge badge-${outcomeTone(e)}`}>{LABELS.outcome[e.outcome]}</span>
                    </span>
                    <span className="num mono">{formatDuration(e.durationMs)}</span>
                    <span className="num mono">{e.pdStatus ?? '—'}</span>
                  </button>
                ) : (
                  <div className="audit-row audit-row-loading" role="status">
                    Loading more…
                  </div>
                )}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
