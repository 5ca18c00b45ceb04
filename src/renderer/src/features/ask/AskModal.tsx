// Ask-each-time: a tool call is waiting for the person's yes or no. One modal at a time, oldest first,
// with a countdown to when the call gives up on its own.
import { useEffect, useId, useState } from 'react';
import type { AskPrompt } from '../../../../shared/model';
import { Badge, countdown, Dialog, ErrorText, plural, useAction, useBridge, useEvent } from '../../ui';
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
  if (!current) return null;
  return <AskModal key={current.id} prompt={current} waiting={queue.length - 1} onDone={() => setQueue((q) => removePrompt(q, current.id))} />;
}

function AskModal({ prompt, waiting, onDone }: { prompt: AskPrompt; waiting: number; onDone: () => void }) {
  const bridge = useBridge();
  const [now, setNow] = useState(() => Date.now());
  const action = useAction();
  const descId = useId();
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

  const decide = (approve: boolean) =>
    action.run(approve ? 'approve' : 'deny', async () => {
      await bridge.invoke('ask.decide', { id: prompt.id, approve });
      onDone();
    });

  return (
    <Dialog title="Allow this tool call?" className="ask-dialog" describedBy={descId} testId="ask-dialog">
      <p id={descId}>
        <strong>{prompt.clientName}</strong> wants to run <code>{prompt.tool}</code>
        {prompt.toolTitle && prompt.toolTitle !== prompt.tool ? ` (${prompt.toolTitle})` : ''}.{' '}
        {prompt.toolClass === 'write' ? <Badge tone="warn">Changes data in PagerDuty</Badge> : <Badge tone="muted">Reads data</Badge>}
      </p>
      <h3>Arguments</h3>
      <pre className="args" tabIndex={0} aria-label="Arguments of the call">
        {JSON.stringify(prompt.args, null, 2)}
      </pre>
      <p className={`countdown ${left.seconds <= 10 ? 'countdown-urgent' : ''}`} aria-live={left.seconds <= 10 ? 'polite' : 'off'}>
        {expired ? 'Timed out: the call was refused.' : `Refused automatically in ${left.text}`}
        {waiting > 0 && <span className="muted"> · {plural(waiting, 'more request')} waiting</span>}
      </p>
      {action.error && <ErrorText>{action.error.message}</ErrorText>}
      <div className="dialog-foot">
        <button type="button" className="button-danger-quiet" onClick={() => void decide(false)} disabled={!!action.busy || expired} data-autofocus>
          Deny
        </button>
        <button type="button" className="button-primary" onClick={() => void decide(true)} disabled={!!action.busy || expired}>
          Approve
        </button>
      </div>
    </Dialog>
  );
}
