import type { AuditEntry } from '../../../../shared/model';
import { Badge, Dialog, formatDuration, LABELS } from '../../ui';
import { outcomeTone } from './Timeline';

export function DetailDrawer({ entry, onClose }: { entry: AuditEntry; onClose: () => void }) {
  const rows: [string, React.ReactNode][] = [
    ['Time', new Date(entry.time).toLocaleString()],
    ['Client', entry.clientName ?? '—'],
    ['Profile', entry.profileName ?? '—'],
    ['Tool', <code key="t">{entry.tool}</code>],
    ['Class', entry.toolClass ?? '—'],
    ['Decision', LABELS.decision[entry.decision]],
    ['Outcome', <Badge key="o" tone={outcomeTone(entry)}>{LABELS.outcome[entry.outcome]}</Badge>],
    ['Duration', formatDuration(entry.durationMs)],
    ['PagerDuty status', entry.pdStatus ?? '—'],
    ['PagerDuty request id', entry.pdRequestId ? <code key="r">{entry.pdRequestId}</code> : '—'],
    ['Identity', entry.identity ?? '—'],
  ];
  return (
    <Dialog title={`Call #${entry.seq}`} onClose={onClose} className="drawer" testId="audit-detail">
      {entry.message && <p className={entry.outcome === 'ok' ? 'status-message' : 'error-text'}>{entry.message}</p>}
      <dl className="facts">
        {rows.map(([k, v]) => (
          <div key={k} className="fact">
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
      <h3>Arguments (redacted)</h3>
      <pre className="args" tabIndex={0} aria-label="Arguments">
        {JSON.stringify(entry.args, null, 2)}
      </pre>
      <p className="muted small mono" title="Hash chain">
        hash {entry.hash.slice(0, 16)}… · prev {entry.prevHash.slice(0, 16)}…
      </p>
    </Dialog>
  );
}
