// Always visible: connection status, the pause switch, the MCP URL to copy, and the theme toggle.
import type { AppStatus } from '../../../shared/model';
import { statusTone } from '../features/connection';
import { CopyButton, ErrorText, LABELS, useAction, useBridge, useStatus } from '../ui';

export function Header(props: { theme: 'light' | 'dark'; onToggleTheme: () => void }) {
  const bridge = useBridge();
  const { status, setStatus } = useStatus();
  const action = useAction();
  const c = status.connection;
  const paused = status.gateway.paused;
  const who = c.identity?.email ?? c.identity?.actorEmail ?? c.identity?.name;
  return (
    <header className="app-header">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true">
          PD
        </span>
        <span className="brand-name">PagerDuty MCP</span>
      </div>
      <div className={`conn-pill tone-${statusTone(c.status)}`} title={c.message ?? undefined}>
        <span className="dot" aria-hidden="true" />
        <span data-testid="connection-status" data-status={c.status}>
          {LABELS.connectionPill[c.status]}
        </span>
        {who && <span className="muted"> · {who}</span>}
        <span className="muted"> · {c.region.toUpperCase()}</span>
      </div>
      <span className="spacer" />
      <div className="mcp-url">
        <span className="muted small">MCP URL</span>
        <code data-testid="mcp-url">{status.gateway.mcpUrl}</code>
        <CopyButton text={status.gateway.mcpUrl} what="MCP URL" />
      </div>
      <label className="switch">
        <input
          type="checkbox"
          role="switch"
          aria-checked={paused}
          checked={paused}
          disabled={!!action.busy}
          onChange={(e) => void action.run('pause', async () => setStatus((await bridge.invoke('gateway.setPaused', { paused: e.target.checked })) as AppStatus))}
        />
        <span className="switch-track" aria-hidden="true" />
        <span>{paused ? 'Paused' : 'Serving'}</span>
      </label>
      <button type="button" className="icon-button" onClick={props.onToggleTheme} aria-label={props.theme === 'dark' ? 'Switch to light theme' : 'Switch to dark theme'} title="Toggle theme">
        {props.theme === 'dark' ? '☀' : '☾'}
      </button>
      {action.error && (
        <div className="header-error">
          <ErrorText>{action.error.message}</ErrorText>
        </div>
      )}
    </header>
  );
}
