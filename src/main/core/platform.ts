// What the core asks of its host (Electron app or headless process). The Electron glue implements it
// with shell/Notification; headless implements it with the terminal and the dashboard.

export interface NotificationRequest {
  title: string;
  body: string;
  /** A button, e.g. "Connect" or "Review"; the host calls `onAction` when it is clicked. */
  actionLabel?: string;
  onAction?: () => void;
}

export interface Platform {
  readonly appVersion: string;
  /** Opens an https (or loopback http, for the OAuth sign-in) URL in the system browser. */
  openExternal(url: string): Promise<void>;
  notify(notification: NotificationRequest): void;
  /** argv that starts the stdio bridge for a client, e.g. ["node", "/…/out/main/bridge.js"]. */
  bridgeCommand(): string[];
  /** Environment variables the bridge command needs, if any. */
  bridgeEnv?(): Record<string, string>;
  /** Brings the window (or dashboard) to a page, e.g. after a notification's button is clicked. */
  showPage(page: AppPage): void;
}

export type AppPage = 'connection' | 'tools' | 'clients' | 'audit';
