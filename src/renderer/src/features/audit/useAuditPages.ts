// The timeline's data: pages from audit.query fetched as the list scrolls, plus live entries on top.
// Only what has been scrolled to is ever loaded, so a 100k-entry log costs one page to open.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { AuditEntry, AuditFilter } from '../../../../shared/model';
import { errorMessage, useBridge, useEvent } from '../../ui';
import { matchesFilter } from './audit-filters';

const PAGE = 200;

export function useAuditPages(filter: AuditFilter) {
  const bridge = useBridge();
  const [entries, setEntries] = useState<AuditEntry[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [done, setDone] = useState(false);
  const cursor = useRef<string | null>(null);
  const seen = useRef(new Set<number>());
  const generation = useRef(0);
  const inFlight = useRef(false);
  const filterKey = JSON.stringify(filter);

  const loadMore = useCallback(async () => {
    if (inFlight.current) return;
    inFlight.current = true;
    const gen = generation.current;
    setLoading(true);
    try {
      const page = await bridge.invoke('audit.query', { ...filter, limit: PAGE, ...(cursor.current ? { cursor: cursor.current } : {}) });
      if (gen !== generation.current) return;
      const fresh = page.entries.filter((e) => !seen.current.has(e.seq));
      for (const e of fresh) seen.current.add(e.seq);
      cursor.current = page.nextCursor;
      setDone(page.nextCursor === null);
      setEntries((prev) => prev.concat(fresh));
      setError(null);
    } catch (e) {
      if (gen === generation.current) {
        setError(errorMessage(e));
        setDone(true);
      }
    } finally {
      inFlight.current = false;
      if (gen === generation.current) setLoading(false);
    }
    // filterKey stands for filter (a fresh object each render).
    // (eslint: exhaustive deps not checked here)
  }, [bridge, filterKey]);

  useEffect(() => {
    generation.current++;
    inFlight.current = false;
    cursor.current = null;
    seen.current = new Set();
    setEntries([]);
    setDone(false);
    void loadMore();
  }, [loadMore]);

  useEvent('audit.appended', (entry) => {
    if (seen.current.has(entry.seq) || !matchesFilter(entry, filter)) return;
    seen.current.add(entry.seq);
    setEntries((prev) => [entry, ...prev]);
  });

  const retry = useCallback(() => {
    setDone(false);
    void loadMore();
  }, [loadMore]);

  return { entries, error, loading, done, loadMore, retry };
}
