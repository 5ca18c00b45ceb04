// Calls, errors and refusals over time as stacked bars: inline SVG, no chart library.
import type { ChartBucket } from './audit-filters';
import { chartBars, summarize } from './audit-filters';
import { formatTime } from '../../ui';

const W = 720;
const H = 110;

export function AuditChart({ buckets, since, until }: { buckets: ChartBucket[]; since: string; until: string }) {
  const { bars, max } = chartBars(buckets, W, H);
  const total = summarize(buckets);
  return (
    <figure className="chart" aria-label={`Calls over time: ${total.calls} calls, ${total.errors} errors, ${total.refused} refused`}>
      <div className="chart-legend">
        <span>
          <i className="swatch swatch-ok" /> Calls {total.calls}
        </span>
        <span>
          <i className="swatch swatch-errors" /> Errors {total.errors}
        </span>
        <span>
          <i className="swatch swatch-refused" /> Refused {total.refused}
        </span>
        <span className="spacer" />
        <span className="muted small">max {max} per bucket</span>
      </div>
      <svg viewBox={`0 0 ${W} ${H}`} preserveAspectRatio="none" role="img" aria-hidden="true" className="chart-svg">
        <line x1="0" x2={W} y1={H - 0.5} y2={H - 0.5} className="chart-axis" />
        {bars.map((b) =>
          b.segments.map((s) => (
            <rect key={`${b.start}-${s.kind}`} x={b.x} y={s.y} width={b.width} height={s.height} className={`bar-${s.kind}`} rx="1">
              <title>{`${formatTime(b.start)}: ${s.value} ${s.kind === 'ok' ? 'calls ok' : s.kind}`}</title>
            </rect>
          )),
        )}
      </svg>
      <figcaption className="chart-axis-labels">
        <span>{formatTime(since)}</span>
        <span>{formatTime(until)}</span>
      </figcaption>
    </figure>
  );
}
