import { useEffect, useState } from 'react';
import type { Bridge } from '../../shared/contract';
import type { AppStatus } from '../../shared/model';

export function App({ bridge }: { bridge: Bridge | null }) {
  const [status, setStatus] = useState<AppStatus | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!bridge) return;
    bridge.invoke('status.get', {}).then(setStatus, (e: Error) => setError(e.message));
    return bridge.on('status.changed', setStatus);
  }, [bridge]);
  if (!bridge) return <p role="alert">Open the dashboard with the URL that `npm run serve` printed (it carries the access token).</p>;
  if (error) return <p role="alert">{error}</p>;
  if (!status) return <p>Loading…</p>;
  return (
    <main>
      <h1>PagerDuty MCP</h1>
      <p data-testid="connection-status">{status.connection.status}</p>
      <p data-testid="mcp-url">{status.gateway.mcpUrl}</p>
    </main>
  );
}
