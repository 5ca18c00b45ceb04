import { useState, type FormEvent } from 'react';
import type { ConnectionView, Region } from '../../../../shared/model';
import { describedBy, ErrorText, Field, useAction, useBridge } from '../../ui';
import { RegionSelect } from './RegionSelect';

export function ApiKeyForm(props: { view: ConnectionView; onView: (v: ConnectionView) => void; onResult: (r: { ok: boolean; message: string }) => void }) {
  const bridge = useBridge();
  const { view } = props;
  const [apiKey, setApiKey] = useState('');
  const [actorEmail, setActorEmail] = useState(view.apiKey.actorEmail ?? '');
  const [region, setRegion] = useState<Region>(view.region);
  const [baseUrl, setBaseUrl] = useState(view.baseUrl ?? '');
  const [rotateKey, setRotateKey] = useState('');
  const save = useAction();
  const rotate = useAction();
  const fieldError = (f: string) => (save.error?.field === f ? save.error.message : null);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!apiKey.trim()) {
      save.setError({ message: 'Paste a PagerDuty REST API key (Integrations → API Access Keys).', field: 'apiKey' });
      return;
    }
    void save.run('save', async () => {
      const r = await bridge.invoke('connection.saveApiKey', { apiKey: apiKey.trim(), actorEmail: actorEmail.trim(), region, baseUrl: baseUrl.trim() || null });
      // The key is in the keychain now; it never comes back to this window.
      setApiKey('');
      props.onView(r.connection);
      props.onResult({ ok: r.ok, message: r.message });
    });
  };
  const submitRotate = (e: FormEvent) => {
    e.preventDefault();
    if (!rotateKey.trim()) {
      rotate.setError({ message: 'Paste the new REST API key.', field: 'apiKey' });
      return;
    }
    void rotate.run('rotate', async () => {
      const r = await bridge.invoke('connection.rotateApiKey', { apiKey: rotateKey.trim() });
      setRotateKey('');
      props.onView(r.connection);
      props.onResult({ ok: r.ok, message: r.message });
    });
  };

  return (
    <>
      <form className="form" onSubmit={submit} aria-label="API key settings" noValidate>
        <Field
          label="REST API key"
          id="api-key"
          error={fieldError('apiKey')}
          hint={view.apiKey.configured ? 'A key is stored in your system keychain. Paste a key only to replace it.' : 'Stored in your system keychain, never shown again.'}
        >
          <input
            id="api-key"
            type="password"
            autoComplete="off"
            spellCheck={false}
            value={apiKey}
            placeholder={view.apiKey.configured ? '•••••••••••• (stored)' : 'e.g. u+AbCdEf123456'}
            onChange={(e) => setApiKey(e.target.value)}
            aria-invalid={!!fieldError('apiKey')}
            aria-describedby={describedBy('api-key', fieldError('apiKey'), true)}
          />
        </Field>
        <Field label="Actor email" id="actor-email" error={fieldError('actorEmail')} hint="PagerDuty records writes as this user (the From header).">
          <input
            id="actor-email"
            type="email"
            autoComplete="email"
            value={actorEmail}
            onChange={(e) => setActorEmail(e.target.value)}
            aria-invalid={!!fieldError('actorEmail')}
            aria-describedby={describedBy('actor-email', fieldError('actorEmail'), true)}
          />
        </Field>
        <RegionSelect id="api-region" value={region} onChange={setRegion} error={fieldError('region')} />
        <details className="advanced" open={!!baseUrl || !!fieldError('baseUrl')}>
          <summary>Advanced</summary>
          <Field label="API base URL" id="api-base-url" error={fieldError('baseUrl')} hint="Leave empty for PagerDuty. Set only for a test server such as the demo simulator.">
            <input
              id="api-base-url"
              type="url"
              value={baseUrl}
              placeholder="https://api.pagerduty.com"
              onChange={(e) => setBaseUrl(e.target.value)}
              aria-invalid={!!fieldError('baseUrl')}
              aria-describedby={describedBy('api-base-url', fieldError('baseUrl'), true)}
            />
          </Field>
        </details>
        {save.error && !['apiKey', 'actorEmail', 'region', 'baseUrl'].includes(save.error.field ?? '') && <ErrorText>{save.error.message}</ErrorText>}
        <div className="actions">
          <button type="submit" className="button-primary" disabled={!!save.busy}>
            {save.busy ? 'Saving and testing…' : view.apiKey.configured ? 'Save and test' : 'Connect'}
          </button>
        </div>
      </form>

      {view.apiKey.configured && (
        <form className="form form-inline" onSubmit={submitRotate} aria-label="Rotate API key" noValidate>
          <Field label="Rotate API key" id="rotate-key" error={rotate.error?.message ?? null} hint="The new key is tested before the old one is replaced.">
            <input
              id="rotate-key"
              type="password"
              autoComplete="off"
              value={rotateKey}
              onChange={(e) => setRotateKey(e.target.value)}
              aria-invalid={!!rotate.error}
              aria-describedby={describedBy('rotate-key', rotate.error?.message, true)}
            />
          </Field>
          <button type="submit" className="button-secondary" disabled={!!rotate.busy}>
            {rotate.busy ? 'Rotating…' : 'Rotate key'}
          </button>
        </form>
      )}
    </>
  );
}
