// Connection: how the app reaches PagerDuty (API key + actor email, or per-user OAuth), its status and
// identity, and the actions to test, connect, rotate and disconnect. Secrets go in and never come back.
import { useEffect, useState } from 'react';
import type { ConnectionView, OAuthProgress } from '../../../../shared/model';
import { Badge, ErrorText, LABELS, formatRelative, useAction, useBridge, useEvent, useStatus } from '../../ui';
import { ApiKeyForm } from './ApiKeyForm';
import { OAuthForm } from './OAuthForm';

export function statusTone(status: ConnectionView['status']): 'ok' | 'warn' | 'bad' | 'muted' {
  return status === 'connected' ? 'ok' : status === 'error' ? 'bad' : status === 'needs_auth' ? 'warn' : 'muted';
}

export function ConnectionPage() {
  const bridge = useBridge();
  const { status } = useStatus();
  const [view, setView] = useState<ConnectionView>(status.connection);
  const [result, setResult] = useState<{ ok: boolean; message: string } | null>(null);
  const [progress, setProgress] = useState<OAuthProgress | null>(null);
  const action = useAction();

  useEffect(() => setView(status.connection), [status.connection]);
  useEffect(() => {
    bridge.invoke('connection.get', {}).then(setView, () => undefined);
  }, [bridge]);
  useEvent('oauth.progress', (p) => {
    setProgress(p);
    if (p.phase === 'connected' || p.phase === 'failed' || p.phase === 'cancelled') bridge.invoke('connection.get', {}).then(setView, () => undefined);
  });

  // The radio follows the click at once; it falls back to the core's mode if the switch fails.
  const [modeChoice, setModeChoice] = useState<'api_key' | 'oauth' | null>(null);
  const mode = modeChoice ?? view.mode ?? 'api_key';
  const setMode = async (next: 'api_key' | 'oauth') => {
    setModeChoice(next);
    const done = await action.run('mode', async () => {
      setResult(null);
      setView(await bridge.invoke('connection.setMode', { mode: next }));
      return true;
    });
    if (!done) setModeChoice(null);
  };
  const test = () =>
    action.run('test', async () => {
      const r = await bridge.invoke('connection.test', {});
      setView(r.connection);
      setResult({ ok: r.ok, message: r.message });
    });
  const disconnect = () =>
    action.run('disconnect', async () => {
      setView(await bridge.invoke('connection.disconnect', {}));
      setResult(null);
      setProgress(null);
    });

  const id = view.identity;
  return (
    <div className="page" aria-labelledby="connection-title">
      <header className="page-head">
        <h1 id="connection-title">Connection</h1>
        <p className="page-sub">How this app reaches PagerDuty on your behalf.</p>
      </header>

      <section className="card" aria-label="Connection status">
        <div className="status-row">
          <Badge tone={statusTone(view.status)}>{LABELS.connection[view.status]}</Badge>
          <span className="muted">Region {view.region.toUpperCase()}</span>
          {view.baseUrl && <span className="muted">via {view.baseUrl}</span>}
          {view.readOnly && <Badge tone="warn">Read-only</Badge>}
          <span className="spacer" />
          <button type="button" className="button-secondary" onClick={test} disabled={!!action.busy || view.status === 'not_configured'}>
            {action.busy === 'test' ? 'Testing…' : 'Test connection'}
          </button>
          <button type="button" className="button-danger-quiet" onClick={disconnect} disabled={!!action.busy || view.status === 'not_configured'}>
            Disconnect
          </button>
        </div>
        {view.message && <p className="status-message">{view.message}</p>}
        {id && (
          <dl className="facts" data-testid="identity">
            <dt>Acting as</dt>
            <dd>{id.name ?? id.email ?? (id.kind === 'api_key' ? 'Account-level API key' : 'OAuth user')}</dd>
            {id.email && (
              <>
                <dt>Email</dt>
                <dd>{id.email}</dd>
              </>
            )}
            {id.actorEmail && (
              <>
                <dt>Actor email (From)</dt>
                <dd>{id.actorEmail}</dd>
              </>
            )}
            {id.keyLevel && (
              <>
                <dt>Key level</dt>
                <dd>{id.keyLevel === 'account' ? 'Account (general access) key' : 'User key'}</dd>
              </>
            )}
            <dt>Last checked</dt>
            <dd>{formatRelative(view.checkedAt)}</dd>
          </dl>
        )}
        {result && (
          <p className={result.ok ? 'success-text' : 'error-text'} role={result.ok ? 'status' : 'alert'} data-testid="test-result">
            {result.message}
          </p>
        )}
        {action.error && !action.error.field && <ErrorText>{action.error.message}</ErrorText>}
      </section>

      <section className="card" aria-labelledby="mode-title">
        <h2 id="mode-title">Sign-in method</h2>
        <div className="segmented" role="radiogroup" aria-label="Sign-in method">
          {(['api_key', 'oauth'] as const).map((m) => (
            <label key={m} className={mode === m ? 'selected' : ''}>
              <input type="radio" name="mode" value={m} checked={mode === m} onChange={() => void setMode(m)} disabled={!!action.busy} />
              {m === 'api_key' ? 'REST API key' : 'OAuth (your own account)'}
            </label>
          ))}
        </div>
        {mode === 'api_key' ? (
          <ApiKeyForm view={view} onView={setView} onResult={setResult} />
        ) : (
          <OAuthForm view={view} onView={setView} progress={progress} onProgress={setProgress} />
        )}
      </section>
    </div>
  );
}
