// Shown once, right after a client is created or its token rotated: the token, and for each AI client
// the configuration it really reads — with the token kept out of the file where the client allows it —
// plus a one-click "Add to …" that previews the change first. Closing it forgets the token.
import { useId, useState } from 'react';
import { CLIENT_APPS, PLACEMENT_LABELS } from '../../../../shared/client-configs';
import type { ClientApp, ClientView, TokenPlacement } from '../../../../shared/model';
import { CopyButton, Dialog, ErrorText, Loading, useBridge, useQuery } from '../../ui';
import { InstallPanel } from './InstallPanel';
import './clients.css';

export function TokenDialog(props: { client: ClientView; token: string; rotated: boolean; onClose: () => void }) {
  const bridge = useBridge();
  const setups = useQuery(() => bridge.invoke('clients.setups', { token: props.token, serverName: 'pagerduty' }), [bridge, props.token]);
  const [tab, setTab] = useState<ClientApp>('claude_code');
  const [chosen, setChosen] = useState<Partial<Record<ClientApp, TokenPlacement>>>({});
  const tabsId = useId();
  const apps = CLIENT_APPS.filter((app) => (setups.data ?? []).some((s) => s.app === app));
  const ofApp = (setups.data ?? []).filter((s) => s.app === tab);
  const current = ofApp.find((s) => s.placement === chosen[tab]) ?? ofApp[0];

  const onTabKey = (e: React.KeyboardEvent) => {
    const i = apps.indexOf(tab);
    const next = e.key === 'ArrowRight' ? i + 1 : e.key === 'ArrowLeft' ? i - 1 : null;
    if (next === null || apps.length === 0) return;
    e.preventDefault();
    const app = apps[(next + apps.length) % apps.length]!;
    setTab(app);
    document.getElementById(`${tabsId}-${app}`)?.focus();
  };

  return (
    <Dialog title={props.rotated ? `New token for ${props.client.name}` : `${props.client.name} is ready`} onClose={props.onClose} className="dialog-wide" testId="token-dialog">
      <div className="notice notice-warn">
        <strong>Copy this token now.</strong> It is shown only once; the app keeps only a hash of it.
        {props.rotated && ' The old token stopped working.'}
        {props.rotated && props.client.tokenInKeychain && ' Configs that read the token from the keychain already have the new one.'}
      </div>
      <div className="token-box">
        <code data-testid="client-token">{props.token}</code>
        <CopyButton text={props.token} what="client token" />
      </div>

      <h3>Add it to your AI client</h3>
      {setups.error ? (
        <ErrorText>{setups.error}</ErrorText>
      ) : !current ? (
        <Loading what="client configurations" />
      ) : (
        <>
          <div role="tablist" aria-label="AI client" className="tabs client-tabs" onKeyDown={onTabKey}>
            {apps.map((app) => (
              <button
                key={app}
                id={`${tabsId}-${app}`}
                type="button"
                role="tab"
                aria-selected={tab === app}
                aria-controls={`${tabsId}-panel`}
                tabIndex={tab === app ? 0 : -1}
                onClick={() => setTab(app)}
              >
                {(setups.data ?? []).find((s) => s.app === app)!.title}
              </button>
            ))}
          </div>
          <div role="tabpanel" id={`${tabsId}-panel`} aria-labelledby={`${tabsId}-${tab}`} className="tab-panel">
            {current.placements.length > 1 ? (
              <fieldset className="placement-choice">
                <legend>Where {current.title} keeps the token</legend>
                {current.placements.map((p) => (
                  <label key={p}>
                    <input type="radio" name={`${tabsId}-placement`} checked={current.placement === p} onChange={() => setChosen((prev) => ({ ...prev, [tab]: p }))} />
                    <span>
                      <strong>{PLACEMENT_LABELS[p].short}</strong>
                      <span className="muted small">{PLACEMENT_LABELS[p].long}</span>
                    </span>
                  </label>
                ))}
              </fieldset>
            ) : (
              <p className="muted small">{current.title} can only read the token from its config file: {PLACEMENT_LABELS.file.long.replace(/^Fallback: /, '').toLowerCase()}</p>
            )}
            {current.snippets.map((s) => (
              <div key={`${current.placement}-${s.label}`} className="snippet">
                <div className="snippet-head">
                  <span>
                    <strong>{s.label}</strong> <span className="muted small">· {s.where}</span>
                  </span>
                  <CopyButton text={s.text} what={`${current.title} ${s.label}`} />
                </div>
                <pre data-testid={`snippet-${current.app}`} tabIndex={0} aria-label={`${current.title} ${s.label}`}>
                  {s.text}
                </pre>
              </div>
            ))}
            <InstallPanel key={`${current.app}-${current.placement}`} setup={current} token={props.token} />
          </div>
        </>
      )}
      <div className="dialog-foot">
        <button type="button" className="button-secondary" onClick={props.onClose}>
          Done
        </button>
      </div>
    </Dialog>
  );
}
