import type { AppStatus } from '../../../shared/model';

export type PageId = 'connection' | 'tools' | 'clients' | 'audit';

export const PAGES: { id: PageId; label: string }[] = [
  { id: 'connection', label: 'Connection' },
  { id: 'tools', label: 'Tools' },
  { id: 'clients', label: 'Clients & profiles' },
  { id: 'audit', label: 'Audit timeline' },
];

/** Counts that need the person's attention, shown beside the page name. */
/** `#/tools` → 'tools': how the tray and notifications open the window on a page (see src/main/index.ts). */
export function pageFromHash(hash: string): PageId | null {
  const match = /^#\/([a-z]+)$/.exec(hash);
  return match && PAGES.some((p) => p.id === match[1]) ? (match[1] as PageId) : null;
}

export function navBadge(page: PageId, status: AppStatus): string | null {
  if (page === 'tools' && status.pendingReview > 0) return String(status.pendingReview);
  if (page === 'clients' && status.connectedClients > 0) return String(status.connectedClients);
  if (page === 'connection' && status.connection.status !== 'connected') return '!';
  return null;
}

export function Nav(props: { page: PageId; status: AppStatus; onPage: (p: PageId) => void }) {
  return (
    <nav className="side-nav" aria-label="Pages">
      <ul>
        {PAGES.map((p) => {
          const badge = navBadge(p.id, props.status);
          return (
            <li key={p.id}>
              <button type="button" aria-current={props.page === p.id ? 'page' : undefined} onClick={() => props.onPage(p.id)}>
                <span>{p.label}</span>
                {badge && (
                  <span className="nav-badge" aria-label={p.id === 'connection' ? 'needs attention' : `${badge} ${p.id === 'tools' ? 'pending review' : 'connected now'}`}
                    title={p.id === 'connection' ? 'PagerDuty is not connected' : p.id === 'tools' ? 'Tools waiting for your review' : 'Clients connected now'}>
                    {badge}
                  </span>
                )}
              </button>
            </li>
          );
        })}
      </ul>
      <p className="nav-foot muted small">v{props.status.version}</p>
    </nav>
  );
}
