// One settings store for the app (electron-store) and headless (conf): both are handed in as a
// `ConfLike` backend, so this file never imports either. It caches the parsed state, writes through
// the backend's atomic write, and notices writes by another process (the CLI while `serve` runs) with
// an fs.watch on the folder — conf's own Linux watcher polls every 5 s, too slow for "at once".
import fs from 'node:fs';
import path from 'node:path';
import { privateDir, privateFile } from './private';
import { defaultState, migrate, type PersistedState } from './schema';

/** The part of conf / electron-store's API we use. */
export interface ConfLike {
  readonly path: string;
  store: Record<string, unknown>;
}

export interface SettingsStore {
  read(): PersistedState;
  /** Applies a change atomically (read-modify-write on the freshest file) and returns the new state. */
  update(mutate: (draft: PersistedState) => void): PersistedState;
  /** Called after any change, ours or another process's. */
  onChange(listener: (state: PersistedState) => void): () => void;
  readonly filePath: string;
  close(): void;
}

export function createSettingsStore(backend: ConfLike, options: { watch?: boolean } = {}): SettingsStore {
  privateDir(path.dirname(backend.path));
  privateFile(backend.path);
  const listeners = new Set<(state: PersistedState) => void>();
  let cache: PersistedState | null = null;
  let lastWritten = '';

  const load = (): PersistedState => {
    const raw = backend.store;
    const isEmpty = Object.keys(raw).length === 0;
    const state = isEmpty ? defaultState() : migrate(raw);
    if (isEmpty || (raw as { schemaVersion?: unknown }).schemaVersion !== state.schemaVersion) persist(state);
    return state;
  };

  const persist = (state: PersistedState) => {
    lastWritten = JSON.stringify(state);
    backend.store = JSON.parse(lastWritten) as Record<string, unknown>;
    // The backend writes a new file each time (write + rename); whatever mode it chose, it is ours alone.
    privateFile(backend.path);
  };

  const notify = (state: PersistedState) => {
    for (const listener of listeners) listener(state);
  };

  let watcher: fs.FSWatcher | null = null;
  let debounce: NodeJS.Timeout | null = null;
  if (options.watch) {
    const dir = path.dirname(backend.path);
    const base = path.basename(backend.path);
    watcher = fs.watch(dir, { persistent: false }, (_event, filename) => {
      if (filename && filename !== base) return;
      if (debounce) clearTimeout(debounce);
      debounce = setTimeout(() => {
        let fresh: PersistedState;
        try {
          fresh = load();
        } catch {
          return; // a half-written or broken file: keep what we have; the next write will tell.
        }
        if (JSON.stringify(fresh) === lastWritten) return;
        lastWritten = JSON.stringify(fresh);
        cache = fresh;
        notify(fresh);
      }, 30);
    });
  }

  return {
    filePath: backend.path,
    read() {
      cache ??= load();
      return cache;
    },
    update(mutate) {
      // Start from the file, not the cache: another process may have written since we last looked.
      const draft = structuredClone(load());
      mutate(draft);
      const next = migrate(draft);
      persist(next);
      cache = next;
      notify(next);
      return next;
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      if (debounce) clearTimeout(debounce);
      watcher?.close();
    },
  };
}
