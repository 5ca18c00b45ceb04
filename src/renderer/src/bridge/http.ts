// The headless transport: the same contract over the local control server (`serve`). The token comes
// in the URL fragment, is kept for this tab only, and is removed from the address bar at once.
import type { Bridge, CallName, EventName } from '../../../shared/contract';

export class BridgeCallError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly field: string | null,
  ) {
    super(message);
    this.name = 'BridgeCallError';
  }
}

export function takeTokenFromLocation(loc: Location = window.location, storage: Storage = window.sessionStorage): string | null {
  const match = /(?:^#|&)token=([^&]+)/.exec(loc.hash);
  if (match) {
    storage.setItem('pdmcp.token', decodeURIComponent(match[1]!));
    history.replaceState(null, '', loc.pathname + loc.search);
  }
  return storage.getItem('pdmcp.token');
}

export function createHttpBridge(token: string, base = ''): Bridge {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  let started = false;

  const connect = async () => {
    // fetch-based SSE (EventSource cannot send the Authorization header); reconnects after a drop.
    for (;;) {
      try {
        const res = await fetch(`${base}/api/events`, { headers: { authorization: `Bearer ${token}` } });
        if (!res.ok || !res.body) throw new Error(`events: HTTP ${res.status}`);
        const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += value;
          let cut: number;
          while ((cut = buffer.indexOf('\n\n')) >= 0) {
            const frame = buffer.slice(0, cut);
            buffer = buffer.slice(cut + 2);
            const event = /^event: (.+)$/m.exec(frame)?.[1];
            const data = /^data: (.*)$/m.exec(frame)?.[1];
            if (event && data !== undefined) for (const l of listeners.get(event) ?? []) l(JSON.parse(data));
          }
        }
      } catch {
        // fall through to retry
      }
      await new Promise((r) => setTimeout(r, 1000));
    }
  };

  return {
    transport: 'http',
    async invoke(name: CallName, args: unknown) {
      const res = await fetch(`${base}/api/call/${name}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(args ?? {}),
      });
      const body = (await res.json().catch(() => null)) as { result?: unknown; error?: { code: string; message: string; field?: string | null } } | null;
      if (!res.ok || !body || body.error) {
        const err = body?.error;
        throw new BridgeCallError(err?.code ?? `http_${res.status}`, err?.message ?? `The app answered HTTP ${res.status}.`, err?.field ?? null);
      }
      return body.result as never;
    },
    on(name: EventName, listener: (payload: never) => void) {
      if (!started) {
        started = true;
        void connect();
      }
      const set = listeners.get(name) ?? new Set();
      set.add(listener as (payload: unknown) => void);
      listeners.set(name, set);
      return () => set.delete(listener as (payload: unknown) => void);
    },
  };
}
