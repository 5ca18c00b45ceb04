// The window: header, navigation, one page at a time (each behind its own error boundary), and the
// ask-each-time modal on top. Talks to the core only through the Bridge.
import { useCallback, useEffect, useState } from 'react';
import type { Bridge } from '../../shared/contract';
import type { AppStatus } from '../../shared/model';
import { AskQueue } from './features/ask';
import { AuditPage } from './features/audit';
import { ClientsPage } from './features/clients';
import { ConnectionPage } from './features/connection';
import { ToolsPage } from './features/tools';
import { Header, Nav, pageFromHash, type PageId } from './shell';
import { BridgeContext, ErrorBoundary, errorMessage, nextThemeChoice, readThemeChoice, resolveTheme, saveThemeChoice, StatusContext, type ThemeChoice } from './ui';

const storage = (() => {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
})();

function useTheme() {
  const media = window.matchMedia('(prefers-color-scheme: dark)');
  const [systemDark, setSystemDark] = useState(media.matches);
  const [choice, setChoice] = useState<ThemeChoice>(() => readThemeChoice(storage));
  useEffect(() => {
    const onChange = (e: MediaQueryListEvent) => setSystemDark(e.matches);
    media.addEventListener('change', onChange);
    return () => media.removeEventListener('change', onChange);
  }, [media]);
  const theme = resolveTheme(choice, systemDark);
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
  const toggle = () => {
    const next = nextThemeChoice(choice, systemDark);
    saveThemeChoice(storage, next);
    setChoice(next);
  };
  return { theme, toggle };
}

const PAGE_NAMES: Record<PageId, string> = { connection: 'Connection', tools: 'Tools', clients: 'Clients', audit: 'Audit' };

export function App({ bridge }: { bridge: Bridge | null }) {
  const [status, setStatusState] = useState<AppStatus | null>(null);
  const [error, setError] = useState<string | null>(null);
  const requested = pageFromHash(window.location.hash);
  const [page, setPage] = useState<PageId>(requested ?? 'connection');
  useEffect(() => {
    const follow = () => {
      const p = pageFromHash(window.location.hash);
      if (p) setPage(p);
    };
    window.addEventListener('hashchange', follow);
    return () => window.removeEventListener('hashchange', follow);
  }, []);
  const { theme, toggle } = useTheme();
  const setStatus = useCallback((s: AppStatus) => setStatusState(s), []);

  useEffect(() => {
    if (!bridge) return;
    const load = () =>
      bridge.invoke('status.get', {}).then(
        (s) => {
          setStatusState(s);
          setError(null);
          // Start where the person is needed: sign-in first, else the tools waiting for review.
          if (!requested) setPage((p) => (p === 'connection' && s.connection.status === 'connected' ? 'tools' : p));
        },
        (e: unknown) => setError(errorMessage(e)),
      );
    void load();
    return bridge.on('status.changed', setStatusState);
  }, [bridge]);

  if (!bridge)
    return (
      <main className="splash">
        <p role="alert">Open the dashboard with the URL that `npm run serve` printed: it carries the access token.</p>
      </main>
    );
  if (error && !status)
    return (
      <main className="splash">
        <p role="alert">The app did not answer: {error} Make sure it is running, then reload this window.</p>
        <button type="button" onClick={() => location.reload()}>
          Reload
        </button>
      </main>
    );
  if (!status)
    return (
      <main className="splash" aria-busy="true">
        <p role="status">
          <span className="spinner" aria-hidden="true" /> Loading…
        </p>
      </main>
    );

  return (
    <BridgeContext.Provider value={bridge}>
      <StatusContext.Provider value={{ status, setStatus }}>
        <div className="app">
          <Header theme={theme} onToggleTheme={toggle} />
          {status.gateway.paused && (
            <div className="banner banner-warn" role="status">
              The gateway is paused: AI clients see no tools until you switch it back on.
            </div>
          )}
          {!status.keychain.available && (
            <div className="banner banner-error" role="alert">
              {status.keychain.message ?? 'The system keychain is not available, so credentials cannot be stored.'}
            </div>
          )}
          <div className="app-body">
            <Nav page={page} status={status} onPage={setPage} />
            <main className="content" id="main">
              <ErrorBoundary key={page} name={PAGE_NAMES[page]}>
                {page === 'connection' && <ConnectionPage />}
                {page === 'tools' && <ToolsPage />}
                {page === 'clients' && <ClientsPage />}
                {page === 'audit' && <AuditPage />}
              </ErrorBoundary>
            </main>
          </div>
          <ErrorBoundary name="approval prompt">
            <AskQueue />
          </ErrorBoundary>
        </div>
      </StatusContext.Provider>
    </BridgeContext.Provider>
  );
}
