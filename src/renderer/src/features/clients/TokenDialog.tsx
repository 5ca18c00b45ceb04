// Shown once, right after a client is created or its token rotated: the token, and ready-to-paste
// configuration for each AI client with a one-click "Add to …". Closing it forgets the token.
import { useId, useMemo, useState } from 'react';
import { allClientConfigs } from '../../../../shared/client-configs';
import type { ClientApp, ClientView } from '../../../../shared/model';
import { CopyButton, Dialog, ErrorText, useAction, useBridge, useStatus } from '../../ui';

export function TokenDialog(props: { client: ClientView; token: string; rotated: boolean; onClose: () => void }) {
  const bridge = useBridge();
  const { status } = useStatus();
  const configs = useMemo(
    () => allClientConfigs({ serverName: 'pagerduty', mcpUrl: status.gateway.mcpUrl, token: props.token, bridgeCommand: status.gateway.bridgeCommand, bridgeEnv: status.gateway.bridgeEnv }),
    [status.gateway.mcpUrl, status.gateway.bridgeCommand, status.gateway.bridgeEnv, props.token],
  );
  const [tab, setTab] = useState<ClientApp>('claude_code');
  const [installed, setInstalled] = useState<Partial<Record<ClientApp, { path: string; backupPath: string | null }>>>({});
  const action = useAction();
  const tabsId = useId();
  const current = configs.find((c) => c.app === tab)!;

  const install = (app: ClientApp) =>
    action.run(app, async () => {
      const r = await bridge.invoke('clients.install', { app, token: props.token, serverName: 'pagerduty' });
      setInstalled((prev) => ({ ...prev, [app]: r }));
    });
  const onTabKey = (e: React.KeyboardEvent) => {
    const i = configs.findIndex((c) => c.app === tab);
    const next = e.key === 'ArrowRight' ? i + 1 : e.key === 'ArrowLeft' ? i - 1 : null;
    if (next === null) return;
    e.preventDefault();
    const app = configs[(next + configs.length) % configs.length]!.app;
    setTab(app);
    document.getElementById(`${tabsId}-${app}`)?.focus();
  };

  return (
    <Dialog title={props.rotated ? `New token for ${props.client.name}` : `${props.client.name} is ready`} onClose={props.onClose} className="dialog-wide" testId="token-dialog">
      <div className="notice notice-warn">
        <strong>Copy this token now.</strong> It is shown only once; the app keeps only a hash of it.
        {props.rotated && ' The old token stopped working.'}
      </div>
      <div className="token-box">
        <code data-testid="client-token">{props.token}</code>
        <CopyButton text={props.token} what="client token" />
      </div>

      <h3>Add it to your AI client</h3>
      <div role="tablist" aria-label="AI client" className="tabs" onKeyDown={onTabKey}>
        {configs.map((c) => (
          <button
            key={c.app}
            id={`${tabsId}-${c.app}`}
            type="button"
            role="tab"
            aria-selected={tab === c.app}
            aria-controls={`${tabsId}-panel`}
            tabIndex={tab === c.app ? 0 : -1}
            onClick={() => setTab(c.app)}
          >
            {c.title}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`${tabsId}-panel`} aria-labelledby={`${tabsId}-${tab}`} className="tab-panel">
        {current.snippets.map((s) => (
          <div key={s.label} className="snippet">
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
        <div className="actions">
          <button type="button" className="button-primary" onClick={() => void install(current.app)} disabled={!!action.busy}>
            {action.busy === current.app ? 'Adding…' : `Add to ${current.title}`}
          </button>
          <span className="muted small">{current.afterwards}</span>
        </div>
        {installed[current.app] && (
          <p className="success-text" role="status" data-testid="install-result">
            Added to {installed[current.app]!.path}.{' '}
            {installed[current.app]!.backupPath ? `The previous file was saved as ${installed[current.app]!.backupPath}.` : 'The file was new; nothing to back up.'}
          </p>
        )}
        {action.error && <ErrorText>{action.error.message}</ErrorText>}
      </div>
      <div className="dialog-foot">
        <button type="button" className="button-secondary" onClick={props.onClose}>
          Done
        </button>
      </div>
    </Dialog>
  );
}
