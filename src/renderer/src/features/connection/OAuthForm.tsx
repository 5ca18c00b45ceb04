import { useState, type FormEvent } from 'react';
import type { ConnectionView, OAuthProgress, Region } from '../../../../shared/model';
import { describedBy, ErrorText, Field, useAction, useBridge } from '../../ui';
import { RegionSelect } from './RegionSelect';

const PHASE_TEXT: Record<OAuthProgress['phase'], string> = {
  waiting_for_browser: 'Waiting for you to sign in in your browser…',
  exchanging: 'Finishing sign-in…',
  connected: 'Signed in.',
  failed: 'Sign-in failed.',
  cancelled: 'Sign-in cancelled.',
};

export function OAuthForm(props: {
  view: ConnectionView;
  onView: (v: ConnectionView) => void;
  progress: OAuthProgress | null;
  onProgress: (p: OAuthProgress | null) => void;
}) {
  const bridge = useBridge();
  const { view, progress } = props;
  const o = view.oauth;
  const [clientId, setClientId] = useState(o.clientId ?? '');
  const [clientSecret, setClientSecret] = useState('');
  const [removeSecret, setRemoveSecret] = useState(false);
  const [scopes, setScopes] = useState(o.scopes || 'read write');
  const [port, setPort] = useState(String(o.port || 8976));
  const [region, setRegion] = useState<Region>(view.region);
  const [baseUrl, setBaseUrl] = useState(view.baseUrl ?? '');
  const [authBaseUrl, setAuthBaseUrl] = useState('');
  const save = useAction();
  const flow = useAction();
  const fieldError = (f: string) => (save.error?.field === f ? save.error.message : null);
  const pending = o.pending || progress?.phase === 'waiting_for_browser' || progress?.phase === 'exchanging';

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const portNumber = Number(port);
    if (!Number.isInteger(portNumber)) {
      save.setError({ message: 'Use a port from 1024 to 65535.', field: 'port' });
      return;
    }
    void save.run('save', async () => {
      props.onView(
        await bridge.invoke('connection.saveOAuthSettings', {
          clientId: clientId.trim(),
          // undefined keeps the stored secret; null removes it.
          clientSecret: removeSecret ? null : clientSecret.trim() || undefined,
          scopes: scopes.trim(),
          port: portNumber,
          region,
          baseUrl: baseUrl.trim() || null,
          authBaseUrl: authBaseUrl.trim() || null,
        }),
      );
      setClientSecret('');
      setRemoveSecret(false);
    });
  };
  const start = () =>
    flow.run('start', async () => {
      props.onProgress(await bridge.invoke('connection.startOAuth', {}));
    });
  const cancel = () =>
    flow.run('cancel', async () => {
      props.onView(await bridge.invoke('connection.cancelOAuth', {}));
      // The same state the core's 'cancelled' event brings, whichever of the two arrives first.
      props.onProgress({ phase: 'cancelled', message: null, authorizeUrl: null });
    });

  return (
    <>
      <form className="form" onSubmit={submit} aria-label="OAuth settings" noValidate>
        <Field label="OAuth client ID" id="oauth-client-id" error={fieldError('clientId')} hint="From your PagerDuty app registration (My Apps).">
          <input id="oauth-client-id" value={clientId} onChange={(e) => setClientId(e.target.value)} aria-invalid={!!fieldError('clientId')} aria-describedby={describedBy('oauth-client-id', fieldError('clientId'), true)} />
        </Field>
        <Field
          label="Client secret (optional)"
          id="oauth-client-secret"
          error={fieldError('clientSecret')}
          hint={o.hasClientSecret ? 'A secret is stored in your keychain. Paste one only to replace it.' : 'Only for confidential apps; public apps use PKCE alone.'}
        >
          <input
            id="oauth-client-secret"
            type="password"
            autoComplete="off"
            value={clientSecret}
            placeholder={o.hasClientSecret ? '•••••••• (stored)' : ''}
            disabled={removeSecret}
            onChange={(e) => setClientSecret(e.target.value)}
            aria-describedby={describedBy('oauth-client-secret', fieldError('clientSecret'), true)}
          />
        </Field>
        {o.hasClientSecret && (
          <label className="checkbox">
            <input type="checkbox" checked={removeSecret} onChange={(e) => setRemoveSecret(e.target.checked)} /> Remove the stored client secret
          </label>
        )}
        <Field label="Scopes" id="oauth-scopes" error={fieldError('scopes')} hint='Space-separated, e.g. "read write" or "incidents.read services.read".'>
          <input id="oauth-scopes" value={scopes} onChange={(e) => setScopes(e.target.value)} aria-invalid={!!fieldError('scopes')} aria-describedby={describedBy('oauth-scopes', fieldError('scopes'), true)} />
        </Field>
        <Field label="Loopback port" id="oauth-port" error={fieldError('port')} hint="The redirect URL registered with PagerDuty must use this port: http://127.0.0.1:PORT/callback.">
          <input id="oauth-port" inputMode="numeric" value={port} onChange={(e) => setPort(e.target.value)} aria-invalid={!!fieldError('port')} aria-describedby={describedBy('oauth-port', fieldError('port'), true)} />
        </Field>
        <RegionSelect id="oauth-region" value={region} onChange={setRegion} error={fieldError('region')} />
        <details className="advanced" open={!!fieldError('baseUrl') || !!fieldError('authBaseUrl')}>
          <summary>Advanced</summary>
          <Field label="API base URL" id="oauth-base-url" error={fieldError('baseUrl')}>
            <input id="oauth-base-url" type="url" value={baseUrl} placeholder="https://api.pagerduty.com" onChange={(e) => setBaseUrl(e.target.value)} aria-describedby={describedBy('oauth-base-url', fieldError('baseUrl'))} />
          </Field>
          <Field label="Auth base URL" id="oauth-auth-base-url" error={fieldError('authBaseUrl')}>
            <input id="oauth-auth-base-url" type="url" value={authBaseUrl} placeholder="https://identity.pagerduty.com" onChange={(e) => setAuthBaseUrl(e.target.value)} aria-describedby={describedBy('oauth-auth-base-url', fieldError('authBaseUrl'))} />
          </Field>
        </details>
        {save.error && !['clientId', 'clientSecret', 'scopes', 'port', 'region', 'baseUrl', 'authBaseUrl'].includes(save.error.field ?? '') && <ErrorText>{save.error.message}</ErrorText>}
        <div className="actions">
          <button type="submit" className="button-secondary" disabled={!!save.busy}>
            {save.busy ? 'Saving…' : 'Save OAuth settings'}
          </button>
          {!pending && (
            <button type="button" className="button-primary" onClick={start} disabled={!!flow.busy || !o.clientId}>
              {o.connected ? 'Reauthorize' : 'Connect with PagerDuty'}
            </button>
          )}
        </div>
      </form>

      {(pending || (progress && progress.phase !== 'connected')) && progress && (
        <div className={`progress-panel ${progress.phase === 'failed' ? 'notice-error' : ''}`} role="status" aria-live="polite" data-testid="oauth-progress">
          {pending && <span className="spinner" aria-hidden="true" />}
          <div>
            <p>
              <strong>{PHASE_TEXT[progress.phase]}</strong> {progress.message}
            </p>
            {progress.authorizeUrl && pending && (
              <p className="muted small">
                Browser did not open?{' '}
                <button type="button" className="link-button" onClick={() => void bridge.invoke('app.openExternal', { url: progress.authorizeUrl! }).catch(() => undefined)}>
                  Open the sign-in page again
                </button>
              </p>
            )}
          </div>
          {pending && (
            <button type="button" className="button-secondary" onClick={cancel} disabled={flow.busy === 'cancel'}>
              Cancel
            </button>
          )}
        </div>
      )}
      {flow.error && <ErrorText>{flow.error.message}</ErrorText>}
    </>
  );
}
