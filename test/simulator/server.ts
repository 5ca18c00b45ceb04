// The simulator's HTTP face: one loopback server that answers the PagerDuty REST API under /us and /eu
// (same account, region-specific links) and the identity (OAuth) endpoints under /oauth/.
import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createContext, errorResponse } from './context';
import { createDb } from './db';
import { createFaultSwitch, type FaultSwitch } from './faults';
import { handleOAuth, type OAuthSimOptions } from './oauth';
import { areas } from './resources';
import { AUTH_FAILED, createRouter } from './router';
import { seedAccount, seedIdentity } from './seed';
import type { SimContext, SimDb, SimResponse, SimUser } from './types';

export type SimRegion = 'us' | 'eu';

export interface SimulatorOptions {
  /** Default 0: any free port. */
  port?: number;
  /** Seed the demo account (default true). Without it only users and keys exist. */
  seed?: boolean;
  /** Lifetime of OAuth access tokens issued by /oauth/token. Default 3600. */
  accessTokenTtlSeconds?: number;
  /** The account's subdomain, used in html_url links. Default 'acme'. */
  subdomain?: string;
  /** The simulator's clock (tests that need fixed times); OAuth expiry is measured against it too. */
  now?: () => Date;
  /** The region the account lives on: what the OAuth id_token's `aud` names. Default 'us'. */
  region?: SimRegion;
  /** Further identity-endpoint knobs (code and refresh-token lifetimes …). */
  oauth?: Partial<OAuthSimOptions>;
}

export interface RecordedRequest {
  at: number;
  method: string;
  /** Path below the region base for API calls (`/incidents`), the full path otherwise. */
  path: string;
  region: SimRegion | null;
  query: URLSearchParams;
  /** Lower-cased header names; Authorization is never recorded. */
  headers: Record<string, string>;
  from: string | null;
  body: string;
  /** The x-request-id the simulator answered with (null for identity requests). */
  requestId: string | null;
}

export interface SimulatorKeys {
  /** Full-access account-level REST key (needs `From` on writes). */
  account: string;
  accountReadOnly: string;
  /** Full-access user-level REST key of users[0]. */
  user: string;
  /** Read-only user-level REST key of users[0]. */
  userReadOnly: string;
}

export interface Simulator {
  /** Root, e.g. http://127.0.0.1:PORT */
  url: string;
  /** REST base for a region, e.g. http://127.0.0.1:PORT/us */
  apiUrl(region: SimRegion): string;
  /** Identity root; OAuth lives under /oauth/. */
  identityUrl: string;
  db: SimDb;
  keys: SimulatorKeys;
  /** Seeded users; users[0] is the account owner. */
  users: SimUser[];
  faults: FaultSwitch;
  /** Every request received, oldest first (clear with `requests.length = 0`). */
  requests: RecordedRequest[];
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 1024 * 1024;
const RATE_LIMIT = 960;

const STATUS_TEXT: Record<number, string> = {
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

function randomKey(prefix: string): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  const bytes = crypto.randomBytes(20);
  return prefix + Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('');
}

export async function createSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const now = options.now ?? (() => new Date());
  const subdomain = options.subdomain ?? 'acme';
  const db = createDb();
  const users = seedIdentity(db, now());
  if (options.seed !== false) {
    seedAccount(db, now());
    for (const area of areas) area.seed(db);
  }
  const keys: SimulatorKeys = {
    account: randomKey(''),
    accountReadOnly: randomKey(''),
    user: randomKey('u+'),
    userReadOnly: randomKey('u+'),
  };
  db.apiKeys.set(keys.account, { level: 'account', userId: null, readOnly: false });
  db.apiKeys.set(keys.accountReadOnly, { level: 'account', userId: null, readOnly: true });
  db.apiKeys.set(keys.user, { level: 'user', userId: users[0].id, readOnly: false });
  db.apiKeys.set(keys.userReadOnly, { level: 'user', userId: users[0].id, readOnly: true });

  const router = createRouter();
  for (const area of areas) area.routes(router);
  const faults = createFaultSwitch();
  const requests: RecordedRequest[] = [];
  const contexts = new Map<SimRegion, SimContext>();
  let windowStart = Date.now();
  let windowCount = 0;

  const rateHeaders = (): Record<string, string> => {
    const t = Date.now();
    if (t - windowStart >= 60_000) {
      windowStart = t;
      windowCount = 0;
    }
    windowCount++;
    return {
      'ratelimit-limit': String(RATE_LIMIT),
      'ratelimit-remaining': String(Math.max(0, RATE_LIMIT - windowCount)),
      'ratelimit-reset': String(Math.max(1, Math.ceil((windowStart + 60_000 - t) / 1000))),
    };
  };

  const send = (res: http.ServerResponse, response: SimResponse, extra: Record<string, string>) => {
    if (res.destroyed || res.headersSent) return;
    const headers: Record<string, string> = { ...extra, ...response.headers };
    const hasBody = response.body !== undefined && response.status !== 204;
    if (hasBody) headers['content-type'] = 'application/json; charset=utf-8';
    res.writeHead(response.status, headers);
    res.end(hasBody ? JSON.stringify(response.body) : undefined);
  };

  const readBody = (req: http.IncomingMessage): Promise<string | null> =>
    new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      let tooLarge = false;
      req.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_BODY_BYTES) tooLarge = true;
        else chunks.push(chunk);
      });
      req.on('end', () => resolve(tooLarge ? null : Buffer.concat(chunks).toString('utf8')));
      req.on('error', reject);
    });

  const handleApi = async (req: http.IncomingMessage, res: http.ServerResponse, region: SimRegion, url: URL, path: string, base: string) => {
    const requestId = crypto.randomUUID().replace(/-/g, '');
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers)) {
      if (name !== 'authorization' && value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
    }
    const rawBody = await readBody(req);
    const method = req.method ?? 'GET';
    requests.push({
      at: Date.now(),
      method,
      path,
      region,
      query: url.searchParams,
      headers,
      from: headers.from ?? null,
      body: rawBody ?? '',
      requestId,
    });
    const extra = { 'x-request-id': requestId, ...rateHeaders() };
    if (rawBody === null) {
      send(res, errorResponse(413, 2001, 'Request Entity Too Large', [`The request body is larger than ${MAX_BODY_BYTES} bytes.`]), extra);
      return;
    }

    const fault = faults.take(method, path);
    if (fault?.kind === 'drop') {
      req.socket.destroy();
      return;
    }
    if (fault?.kind === 'delay') await new Promise((r) => setTimeout(r, fault.ms));
    if (fault?.kind === 'rate_limit') {
      send(res, errorResponse(429, 2020, 'Rate Limit Exceeded'), {
        ...extra,
        'ratelimit-limit': String(RATE_LIMIT),
        'ratelimit-remaining': '0',
        'ratelimit-reset': String(fault.resetSeconds),
      });
      return;
    }
    if (fault?.kind === 'status') {
      send(res, errorResponse(fault.status, 2000, STATUS_TEXT[fault.status] ?? 'Internal Server Error'), extra);
      return;
    }
    if (fault?.kind === 'unauthorized') {
      send(res, AUTH_FAILED, extra);
      return;
    }

    let sim = contexts.get(region);
    if (!sim) {
      sim = createContext({
        db,
        now,
        apiBase: base,
        webBase: region === 'eu' ? `https://${subdomain}.eu.pagerduty.com` : `https://${subdomain}.pagerduty.com`,
      });
      contexts.set(region, sim);
    }
    let response: SimResponse;
    try {
      const authorization = typeof req.headers.authorization === 'string' ? req.headers.authorization : undefined;
      response = await router.handle({ method, path, query: url.searchParams, headers: { ...headers, authorization }, rawBody }, sim);
    } catch (err) {
      response = errorResponse(500, 2000, 'Internal Server Error', [`Simulator handler failed: ${(err as Error).message}`]);
    }
    send(res, response, extra);
  };

  let root = '';
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', root || 'http://127.0.0.1');
    const api = /^\/(us|eu)(\/.*)?$/.exec(url.pathname);
    const work = async () => {
      if (url.pathname.startsWith('/oauth/') || url.pathname.startsWith('/global/oauth/')) {
        requests.push({
          at: Date.now(),
          method: req.method ?? 'GET',
          path: url.pathname,
          region: null,
          query: url.searchParams,
          headers: {},
          from: null,
          body: '',
          requestId: null,
        });
        const oauthOptions: OAuthSimOptions = {
          accessTokenTtlSeconds: options.accessTokenTtlSeconds ?? 3600,
          now: () => now().getTime(),
          subdomain,
          region: options.region ?? 'us',
          ...options.oauth,
        };
        if (await handleOAuth(req, res, db, oauthOptions)) return;
        send(res, errorResponse(404, 2100, 'Not Found'), {});
        return;
      }
      if (api) {
        const region = api[1] as SimRegion;
        await handleApi(req, res, region, url, api[2] || '/', `${root}/${region}`);
        return;
      }
      send(res, errorResponse(404, 2100, 'Not Found', ['The simulator serves the REST API under /us and /eu.']), {});
    };
    work().catch((err) => {
      send(res, errorResponse(500, 2000, 'Internal Server Error', [String((err as Error)?.message ?? err)]), {});
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  root = `http://127.0.0.1:${port}`;

  return {
    url: root,
    apiUrl: (region) => `${root}/${region}`,
    identityUrl: root,
    db,
    keys,
    users,
    faults,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
