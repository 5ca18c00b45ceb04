// The PagerDuty simulator's extension points. Each resource area lives in `resources/<area>.ts`, next
// to the catalog tools that call it, and exports `seed(db)` and `routes(router)`. The router applies
// everything PagerDuty does around a handler (auth, scopes, read-only keys, `From`, rate-limit and
// request-id headers, faults), so handlers only implement the resource's behaviour.

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** Who is calling, as PagerDuty would see it. */
export interface SimCaller {
  kind: 'account_key' | 'user_key' | 'oauth';
  /** The user behind a user key or OAuth token; null for account keys. */
  userId: string | null;
  /** A read-only REST key. */
  readOnly: boolean;
  /** OAuth scopes (classic `read`/`write`, or scoped `incidents.read` …); null for REST keys. */
  scopes: string[] | null;
}

export interface SimRequest {
  method: HttpMethod;
  /** Path below the region base, e.g. `/incidents/PABC123`. */
  path: string;
  params: Record<string, string>;
  query: URLSearchParams;
  body: any;
  headers: Record<string, string | undefined>;
  caller: SimCaller;
  /** The user named by a valid `From` header (checked by the router when the route requires it). */
  fromUser: SimUser | null;
}

export interface SimResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface RouteOptions {
  /** Scope resource for OAuth checks, e.g. `incidents` → needs `incidents.read` / `incidents.write` (or `read`/`write`). */
  scope: string;
  /** A write: refused for read-only keys and read-only scopes. Defaults to method !== 'GET'. */
  write?: boolean;
  /** PagerDuty requires a `From` header on this write (for account-level keys). */
  requiresFrom?: boolean;
}

export type SimHandler = (req: SimRequest, sim: SimContext) => SimResponse | Promise<SimResponse>;

export interface SimRouter {
  route(method: HttpMethod, pattern: string, options: RouteOptions, handler: SimHandler): void;
}

export interface SimUser {
  id: string;
  type: 'user';
  name: string;
  email: string;
  role: string;
  time_zone: string;
  job_title?: string | null;
  teams: string[];
  [key: string]: unknown;
}

/** The simulator's in-memory account. Each area owns its collections; names are the API's plurals. */
export interface SimDb {
  collection<T extends { id: string }>(name: string): Map<string, T>;
  /** PagerDuty-like ids: 7 chars starting with P (or 14 chars starting with Q for newer objects). */
  newId(style?: 'legacy' | 'long'): string;
  users: Map<string, SimUser>;
  /** Monotonic counters, e.g. incident_number. */
  counter(name: string): number;
  /** REST API keys the account has (the simulator seeds a few; see server.ts). */
  apiKeys: Map<string, { level: 'account' | 'user'; userId: string | null; readOnly: boolean; revoked?: boolean }>;
  /** OAuth access tokens issued by the identity endpoints (oauth.ts). */
  accessTokens: Map<string, { userId: string; scopes: string[]; expiresAt: number; revoked: boolean; clientId: string }>;
}

export interface SimContext {
  db: SimDb;
  now(): Date;
  /** e.g. http://127.0.0.1:PORT/us — what `self` links start with. */
  apiBase: string;
  /** e.g. https://acme.pagerduty.com — what `html_url` links start with. */
  webBase: string;
  /** `{id, type: '<type>_reference', summary, self, html_url}` */
  ref(type: string, id: string, summary: string, htmlPath?: string): Record<string, unknown>;
  /** Classic pagination exactly as PagerDuty does it (default 25, max 100, total only when asked, 10000 cap). */
  paginate(req: SimRequest, items: unknown[], key: string): SimResponse;
  /** PagerDuty's error body `{error:{message, code, errors}}`. */
  error(status: number, code: number, message: string, errors?: string[]): SimResponse;
  notFound(what?: string): SimResponse;
}
