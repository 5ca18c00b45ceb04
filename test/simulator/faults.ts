// Injected failures for the next API requests, so tests and the demo can show how the app copes with
// PagerDuty being slow, flaky, rate-limited or revoking access.
import type { HttpMethod } from './types';

export type Fault =
  | { kind: 'rate_limit'; resetSeconds: number }
  | { kind: 'status'; status: 500 | 502 | 503 | 504 }
  | { kind: 'delay'; ms: number }
  | { kind: 'drop' }
  | { kind: 'unauthorized' };

export interface FaultMatch {
  method?: HttpMethod;
  /** Path below the region base, e.g. `/incidents`. */
  pathPrefix?: string;
}

export interface FaultSwitch {
  /** Queue `fault` for the next `count` API requests that match (all requests when no match is given). */
  next(fault: Fault, count?: number, match?: FaultMatch): void;
  clear(): void;
  /** Pending faults (for assertions). */
  readonly pending: number;
}

interface Queued {
  fault: Fault;
  remaining: number;
  match: FaultMatch | undefined;
}

export function createFaultSwitch(): FaultSwitch & { take(method: string, path: string): Fault | null } {
  let queue: Queued[] = [];
  return {
    next(fault, count = 1, match) {
      if (count > 0) queue.push({ fault, remaining: count, match });
    },
    clear() {
      queue = [];
    },
    get pending() {
      return queue.reduce((n, q) => n + q.remaining, 0);
    },
    take(method, path) {
      const entry = queue.find(
        (q) => (!q.match?.method || q.match.method === method) && (!q.match?.pathPrefix || path.startsWith(q.match.pathPrefix)),
      );
      if (!entry) return null;
      entry.remaining -= 1;
      if (entry.remaining <= 0) queue = queue.filter((q) => q !== entry);
      return entry.fault;
    },
  };
}
