// The tray as a state machine: everything it shows is a pure function of the core's status, so it is
// tested without Electron. tray.ts renders this with a few lines of Electron code.
import type { AppStatus } from '../shared/model';

export type TrayIcon = 'connected' | 'needs_auth' | 'error' | 'paused' | 'not_configured';
export type TrayAction = 'open' | 'reauthorize' | 'connect' | 'pause' | 'resume' | 'copy_mcp_url' | 'review_tools' | 'quit';

export type TrayItem =
  | { kind: 'separator' }
  | { kind: 'status'; label: string }
  | { kind: 'action'; label: string; action: TrayAction; enabled: boolean };

export interface TrayModel {
  icon: TrayIcon;
  tooltip: string;
  items: TrayItem[];
}

const regionLabel = (region: string) => region.toUpperCase();

function statusLine(status: AppStatus): string {
  const c = status.connection;
  const who = c.identity?.email ?? c.identity?.actorEmail ?? null;
  switch (c.status) {
    case 'connected':
      return `Connected${who ? ` as ${who}` : ''} (${regionLabel(c.region)})`;
    case 'needs_auth':
      return 'PagerDuty sign-in needed';
    case 'error':
      return `PagerDuty error: ${c.message ?? 'unknown'}`;
    default:
      return 'PagerDuty not connected';
  }
}

export function trayIcon(status: AppStatus): TrayIcon {
  if (status.connection.status === 'needs_auth') return 'needs_auth';
  if (status.connection.status === 'error' || !status.keychain.available) return 'error';
  if (status.gateway.paused) return 'paused';
  return status.connection.status === 'connected' ? 'connected' : 'not_configured';
}

export function trayModel(status: AppStatus): TrayModel {
  const line = statusLine(status);
  const paused = status.gateway.paused;
  const items: TrayItem[] = [{ kind: 'status', label: line }];
  if (paused) items.push({ kind: 'status', label: 'Gateway paused — AI clients are refused' });
  if (!status.keychain.available) items.push({ kind: 'status', label: 'Keychain unavailable — secrets cannot be stored' });
  if (status.pendingReview > 0) {
    items.push({ kind: 'action', label: `Review ${status.pendingReview} pending tool${status.pendingReview === 1 ? '' : 's'}…`, action: 'review_tools', enabled: true });
  }
  items.push({ kind: 'separator' }, { kind: 'action', label: 'Open PagerDuty MCP', action: 'open', enabled: true });
  if (status.connection.status === 'needs_auth') items.push({ kind: 'action', label: 'Reauthorize PagerDuty…', action: 'reauthorize', enabled: !status.connection.oauth.pending });
  if (status.connection.status === 'not_configured') items.push({ kind: 'action', label: 'Connect PagerDuty…', action: 'connect', enabled: true });
  items.push(
    paused
      ? { kind: 'action', label: 'Resume gateway', action: 'resume', enabled: true }
      : { kind: 'action', label: 'Pause gateway', action: 'pause', enabled: true },
    { kind: 'action', label: 'Copy MCP URL', action: 'copy_mcp_url', enabled: true },
    { kind: 'separator' },
    { kind: 'action', label: 'Quit', action: 'quit', enabled: true },
  );
  const clients = status.connectedClients;
  const tooltip = [`PagerDuty MCP — ${line}`, paused ? 'paused' : null, clients ? `${clients} client${clients === 1 ? '' : 's'} connected` : null]
    .filter(Boolean)
    .join(' · ');
  return { icon: trayIcon(status), tooltip, items };
}

/** Quitting with AI clients connected cuts them off: ask first. null = quit at once. */
export function quitConfirmation(status: AppStatus): { message: string; detail: string } | null {
  const n = status.connectedClients;
  if (n === 0) return null;
  return {
    message: `Quit PagerDuty MCP while ${n} AI client${n === 1 ? ' is' : 's are'} connected?`,
    detail: 'Connected clients lose access to PagerDuty tools until the app runs again. Closing the window instead keeps the app in the tray.',
  };
}
