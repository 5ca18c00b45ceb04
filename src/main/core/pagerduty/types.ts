// The PagerDuty REST v2 client's public shape. Tools depend on this interface, never on fetch.

export type QueryValue = string | number | boolean | null | undefined | ReadonlyArray<string | number>;

export interface PdRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Path below the API base, e.g. `/incidents/PABC123`. */
  path: string;
  /** Arrays become repeated `key[]=` parameters, as PagerDuty's set filters expect. */
  query?: Record<string, QueryValue>;
  body?: unknown;
  /** Extra headers (e.g. the v3 schedules early-access header). Never auth headers. */
  headers?: Record<string, string>;
  signal?: AbortSignal;
  timeoutMs?: number;
}

export interface PdResponse<T> {
  status: number;
  data: T;
  requestId: string | null;
}

export interface PdListResult<T> {
  items: T[];
  /** true when PagerDuty had more records than the cap allowed us to fetch. */
  more: boolean;
  /** PagerDuty's `total` when asked for, else null. */
  total: number | null;
  requestId: string | null;
}

export interface PagerDutyApi {
  request<T = unknown>(req: PdRequest): Promise<PdResponse<T>>;
  /** Classic offset pagination up to `cap` records (default 100). */
  list<T = unknown>(
    path: string,
    key: string,
    query?: Record<string, QueryValue>,
    options?: { cap?: number; signal?: AbortSignal; total?: boolean },
  ): Promise<PdListResult<T>>;
}

/** How the client authenticates, resolved fresh for every request (tokens rotate). */
export interface PdAuth {
  /** The full Authorization header value: `Token token=…` or `Bearer …`. */
  authorization: string;
  /** Sent as `From` on writes: the actor email (API key) or the connected user's email (OAuth). */
  fromEmail: string | null;
}

export interface PdAuthProvider {
  current(): Promise<PdAuth>;
  /** Called once on a 401; returns true if credentials were refreshed and the request may be retried. */
  refreshAfterUnauthorized?(): Promise<boolean>;
}

export type PdErrorKind = 'http' | 'network' | 'timeout' | 'cancelled' | 'rate_limited';

/** A PagerDuty failure, worded so an AI can relay it and a person can act on it. */
export class PagerDutyError extends Error {
  constructor(
    message: string,
    readonly kind: PdErrorKind,
    readonly status: number | null,
    readonly code: number | null,
    readonly errors: string[],
    readonly requestId: string | null,
  ) {
    super(message);
    this.name = 'PagerDutyError';
  }
}
