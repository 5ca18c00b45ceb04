// Everything PagerDuty does around a resource handler: route matching, authentication (REST keys and
// OAuth tokens), read-only keys and OAuth scopes, the `From` header, JSON bodies and error shapes.
import { errorResponse } from './context';
import type {
  HttpMethod,
  RouteOptions,
  SimCaller,
  SimContext,
  SimHandler,
  SimRequest,
  SimResponse,
  SimRouter,
  SimUser,
} from './types';

/** An API request as it arrived, below the region base. */
export interface RawApiRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: Record<string, string | undefined>;
  rawBody: string;
}

interface Route {
  method: HttpMethod;
  segments: string[];
  literals: number;
  options: RouteOptions;
  handler: SimHandler;
}

export const AUTH_FAILED: SimResponse = errorResponse(401, 2006, 'Authentication failed');
const FROM_MISSING = 'You must specify a user\'s email address in the "From" header to perform this action';
// Loose on purpose: PagerDuty only rejects values that are clearly not an address.
const EMAIL = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;

export interface Router extends SimRouter {
  handle(raw: RawApiRequest, sim: SimContext): Promise<SimResponse>;
}

export function createRouter(): Router {
  const routes: Route[] = [];

  const match = (method: string, path: string): { route: Route; params: Record<string, string> } | null => {
    const parts = path.split('/').filter(Boolean);
    let best: { route: Route; params: Record<string, string> } | null = null;
    for (const route of routes) {
      if (route.method !== method || route.segments.length !== parts.length) continue;
      const params: Record<string, string> = {};
      const ok = route.segments.every((seg, i) => {
        if (seg.startsWith(':')) {
          params[seg.slice(1)] = decodeURIComponent(parts[i]);
          return true;
        }
        return seg === parts[i];
      });
      // A literal segment beats a parameter (`/users/me` over `/users/:id`), whatever the order of registration.
      if (ok && (!best || route.literals > best.route.literals)) best = { route, params };
    }
    return best;
  };

  return {
    route(method, pattern, options, handler) {
      const segments = pattern.split('/').filter(Boolean);
      routes.push({ method, segments, literals: segments.filter((s) => !s.startsWith(':')).length, options, handler });
    },

    async handle(raw, sim) {
      const caller = authenticate(raw.headers.authorization, sim);
      if (!caller) return AUTH_FAILED;

      const found = match(raw.method, raw.path);
      if (!found) return errorResponse(404, 2100, 'Not Found');
      const { route, params } = found;
      const write = route.options.write ?? route.method !== 'GET';

      if (write && caller.readOnly) {
        return errorResponse(403, 2010, 'Access Denied', ['This API key is read-only; it cannot make changes.']);
      }
      if (caller.scopes) {
        const scope = route.options.scope;
        const allowed = write
          ? caller.scopes.includes('write') || caller.scopes.includes(`${scope}.write`)
          : ['read', 'write', `${scope}.read`, `${scope}.write`].some((s) => caller.scopes!.includes(s));
        if (!allowed) {
          return errorResponse(403, 2010, 'Access Denied', [
            `The access token does not have the required scope: ${scope}.${write ? 'write' : 'read'}.`,
          ]);
        }
      }

      let fromUser: SimUser | null = null;
      const from = raw.headers.from?.trim();
      if (from) {
        if (!EMAIL.test(from)) {
          if (route.options.requiresFrom) return errorResponse(400, 1028, 'Malformed "From" header');
        } else {
          fromUser = [...sim.db.users.values()].find((u) => u.email.toLowerCase() === from.toLowerCase()) ?? null;
          if (!fromUser && route.options.requiresFrom) return errorResponse(400, 1008, 'Requester User Not Found');
        }
      } else if (route.options.requiresFrom && caller.kind === 'account_key') {
        // The code varies in third-party reports; the message is the well-attested part.
        return errorResponse(400, 2016, FROM_MISSING);
      }
      // User-level credentials act as their own user when no From is given.
      if (!fromUser && caller.userId) fromUser = sim.db.users.get(caller.userId) ?? null;

      let body: unknown = undefined;
      if (raw.rawBody.trim() !== '') {
        try {
          body = JSON.parse(raw.rawBody);
        } catch {
          return errorResponse(400, 2001, 'Invalid Input Provided', ['The request body is not valid JSON.']);
        }
      }

      const req: SimRequest = {
        method: route.method,
        path: raw.path,
        params,
        query: raw.query,
        body,
        // Handlers never need the credential itself.
        headers: { ...raw.headers, authorization: undefined },
        caller,
        fromUser,
      };
      return route.handler(req, sim);
    },
  };
}

/** Who the Authorization header names, or null (→ 401) for anything PagerDuty would refuse. */
export function authenticate(header: string | undefined, sim: SimContext): SimCaller | null {
  if (!header) return null;
  const token = /^Token token=(\S+)$/.exec(header.trim());
  if (token) {
    const key = sim.db.apiKeys.get(token[1]);
    if (!key || key.revoked) return null;
    if (key.level === 'user' && (!key.userId || !sim.db.users.has(key.userId))) return null;
    return {
      kind: key.level === 'account' ? 'account_key' : 'user_key',
      userId: key.level === 'user' ? key.userId : null,
      readOnly: key.readOnly,
      scopes: null,
    };
  }
  const bearer = /^Bearer (\S+)$/.exec(header.trim());
  if (bearer) {
    const entry = sim.db.accessTokens.get(bearer[1]);
    if (!entry || entry.revoked || !sim.db.users.has(entry.userId)) return null;
    // expiresAt is epoch milliseconds; tolerate epoch seconds too.
    const expiresAtMs = entry.expiresAt < 1e12 ? entry.expiresAt * 1000 : entry.expiresAt;
    if (expiresAtMs <= sim.now().getTime()) return null;
    return { kind: 'oauth', userId: entry.userId, readOnly: false, scopes: entry.scopes };
  }
  return null;
}
