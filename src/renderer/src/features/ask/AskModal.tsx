// Ask-each-time: a tool call is waiting for the person's yes or no. One modal at a time, oldest first,
// with a countdown to when the call gives up on its own. It shows everything that will be sent (only
// secrets masked, and said so), the names of the ids in it, and why it asks; the decision carries the
// arguments' hash, so it approves only what is shown.
import { useEffect, useId, useState } from 'react';
import type { AskPrompt } from '../../../../shared/model';
import { Badge, countdown, Dialog, ErrorText, plural, useAction, useBridge, useEvent } from '../../ui';
import { argumentLines } from './argument-lines';
import { GrantsNotice } from './GrantsNotice';
import { addPrompt, mergePrompts, removePrompt } from './queue';

export function AskQueue() {
  const bridge = useBridge();
  const [queue, setQueue] = useState<AskPrompt[]>([]);
  useEffect(() => {
    bridge.invoke('ask.list', {}).then((listed) => setQueue((q) => mergePrompts(q, listed)), () => undefined);
  }, [bridge]);
  useEvent('ask.requested', (p) => setQueue((q) => addPrompt(q, p)));
  useEvent('ask.resolved', (r) => setQueue((q) => removePrompt(q, r.id)));
  const current = queue[0];
  return (
    <>
      <GrantsNotice />
      {current && <AskModal key={current.id} prompt={current} waiting={queue.length - 1} onDone={() => setQueue((q) => removePrompt(q, current.id))} />}
    </>
  );
}

const clock = (ms: number) => new Date(ms).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });

function AskModal({ prompt, waiting, onDone }: { prompt: AskPrompt; waiting: number; onDone: () => void }) {
  const bridge = useBridge();
  const [now, setNow] = useState(() => Date.now());
  const action = useAction();
  const descId = useId();
  const grantId = useId();
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(timer);
  }, []);
  const left = countdown(prompt.expiresAt, now);
  const expired = left.seconds === 0;
  useEffect(() => {
    // The core resolves it as a timeout too; drop it here a moment later in case that event is missed.
    if (!expired) return;
    const t = setTimeout(onDone, 1500);
    return () => clearTimeout(t);
  }, [expired, onDone]);

  const decide = (approve: boolean, grant = false) =>
    action.run(grant ? 'grant' : approve ? 'approve' : 'deny', async () => {
      await bridge.invoke('ask.decide', { id: prompt.id, approve, argsHash: prompt.argsHash, grant });
      onDone();
    });
  const lines = argumentLines(prompt.args, prompt.labels);
  const busy = !!action.busy || expired;

  return (
    <Dialog title="Allow this tool call?" className="ask-dialog dialog-wide" describedBy={descId} testId="ask-dialog">
      <p id={descId}>
        <strong>{prompt.clientName}</strong> wants to run <code>{prompt.tool}</code>
        {prompt.toolTitle && prompt.toolTitle !== prompt.tool ? ` (${prompt.toolTitle})` : ''}.{' '}
        {prompt.toolClass === 'write' ? <Badge tone="warn">Changes data in PagerDuty</Badge> : <Badge tone="muted">Reads data</Badge>}
      </p>
      <p className="muted small" data-testid="ask-reason">
        {prompt.reason}
      </p>
      <h3>Arguments — exactly what will be sent</h3>
      {prompt.masked.length > 0 && (
        <p className="notice notice-warn small" data-testid="ask-masked">
          {plural(prompt.masked.length, 'value')} shown as [redacted] because {prompt.masked.length === 1 ? 'it looks' : 'they look'} like a secret ({prompt.masked.join(', ')}). It is
          sent as the client gave it.
        </p>
      )}
      <pre className="args" tabIndex={0} aria-label="Arguments of the call" data-testid="ask-args">
        {lines.map((line, i) => (
          <span key={i}>
            {line.text}
            {line.label && (
              <span className={line.label.label ? 'arg-note' : 'arg-note muted'}>
                {'  ← '}
                {line.label.label ?? `(${line.label.error})`}
              </span>
            )}
            {'\n'}
          </span>
        ))}
      </pre>
      {prompt.ignored.length > 0 && (
        <p className="muted small" data-testid="ask-ignored">
          The client also sent {prompt.ignored.join(', ')}, which this tool does not take: not sent.
        </p>
      )}
      <p className={`countdown ${left.seconds <= 10 ? 'countdown-urgent' : ''}`} aria-live={left.seconds <= 10 ? 'polite' : 'off'}>
        {expired ? 'Timed out: the call was refused.' : `Refused automatically in ${left.text}`}
        {waiting > 0 && <span className="muted"> · {plural(waiting, 'more request')} waiting</span>}
      </p>
      <p className="muted small" id={grantId}>
        “Approve for {prompt.grantMinutes} minutes” also lets {prompt.clientName} run {prompt.tool} without asking until {clock(now + prompt.grantMinutes * 60_000)}. It ends then, when
        you revoke it (shown in the corner of the window), or when the app quits. Deny rules still apply.
      </p>
      {action.error && <ErrorText>{action.error.message}</ErrorText>}
      <div className="dialog-foot">
        <button type="button" className="button-danger-quiet" onClick={() => void decide(false)} disabled={busy} data-autofocus>
          Deny
        </button>
        <button type="button" className="button-secondary" onClick={() => void decide(true, true)} disabled={busy} aria-describedby={grantId}>
          Approve for {prompt.grantMinutes} minutes
        </button>
        <button type="button" className="button-primary" onClick={() => void decide(true)} disabled={busy}>
          Approve
        </button>
      </div>
    </Dialog>
  );
}
