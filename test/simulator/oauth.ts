// PagerDuty identity (OAuth) endpoints of the simulator: authorize page with consent, token endpoint
// with PKCE S256, single-use codes, refresh rotation, revocation. Behaviour follows
// reference/pagerduty-api.md §4: codes live 30 s, a bad redirect_uri is a 400 page (not a redirect),
// refresh tokens rotate, the id_token's `aud` names the API host the account lives on.
import { createHash, generateKeyPairSync, randomUUID, sign, type KeyObject } from 'node:crypto';
import type http from 'node:http';
import type { SimDb } from './types';

export interface OAuthSimOptions {
  /** Seconds an access token lives (shorten in tests to exercise refresh). */
  accessTokenTtlSeconds: number;
  /** Seconds an authorization code may wait before exchange (PagerDuty: 30). 0 = already expired. */
  codeTtlSeconds?: number;
  /** Seconds a refresh token lives (Classic: 210 days). */
  refreshTokenTtlSeconds?: number;
  /** Clock in epoch ms (tests move it); also what `db.accessTokens[].expiresAt` is measured against. */
  now?: () => number;
  /** The API base written into the id_token `aud` (default `http://<Host>/<region>`). */
  apiBase?: string;
  /** Which region's host the account lives on when apiBase is not given. */
  region?: 'us' | 'eu';
  subdomain?: string;
}

/** A registered OAuth app. Redirect URIs may use `*` for the port (the simulator is lenient for tests). */
export interface SimOAuthApp {
  id: string;
  name: string;
  clientSecret: string | null;
  redirectUris: string[];
}

interface SimCode {
  id: string;
  clientId: string;
  redirectUri: string;
  challenge: string;
  userId: string;
  scopes: string[];
  expiresAt: number;
  used: boolean;
}

interface SimRefreshToken {
  id: string;
  clientId: string;
  userId: string;
  scopes: string[];
  expiresAt: number;
  revoked: boolean;
}

export const SIM_OAUTH_CLIENT_ID = 'pdmcp-desktop';
export const SIM_OAUTH_CONFIDENTIAL_CLIENT_ID = 'pdmcp-confidential';
export const SIM_OAUTH_CONFIDENTIAL_SECRET = 'sim-confidential-client-secret-5f1c';
const LOOPBACK_REDIRECTS = ['http://127.0.0.1:*/callback', 'http://localhost:*/callback'];
const DENIED = 'The resource owner or authorization server denied the request.';

/** The simulator's apps; called lazily so any db gets them, and callable by seeds/tests that add more. */
export function oauthApps(db: SimDb): Map<string, SimOAuthApp> {
  const apps = db.collection<SimOAuthApp>('oauth_apps');
  if (apps.size === 0) {
    apps.set(SIM_OAUTH_CLIENT_ID, { id: SIM_OAUTH_CLIENT_ID, name: 'PagerDuty MCP (desktop)', clientSecret: null, redirectUris: LOOPBACK_REDIRECTS });
    apps.set(SIM_OAUTH_CONFIDENTIAL_CLIENT_ID, {
      id: SIM_OAUTH_CONFIDENTIAL_CLIENT_ID,
      name: 'PagerDuty MCP (confidential)',
      clientSecret: SIM_OAUTH_CONFIDENTIAL_SECRET,
      redirectUris: LOOPBACK_REDIRECTS,
    });
  }
  return apps;
}

/** Refresh tokens the simulator issued (tests revoke them here to force a re-authorization). */
export function oauthRefreshTokens(db: SimDb): Map<string, SimRefreshToken> {
  return db.collection<SimRefreshToken>('oauth_refresh_tokens');
}

function codes(db: SimDb): Map<string, SimCode> {
  return db.collection<SimCode>('oauth_codes');
}

let signingKey: { privateKey: KeyObject; jwk: Record<string, unknown> } | null = null;
function key() {
  if (!signingKey) {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    signingKey = { privateKey, jwk: { ...publicKey.export({ format: 'jwk' }), kid: 'sim-1', alg: 'RS256', use: 'sig' } };
  }
  return signingKey;
}

const b64url = (data: Buffer | string) => Buffer.from(data).toString('base64url');

function signJwt(claims: Record<string, unknown>): string {
  const head = b64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid: 'sim-1' }));
  const body = b64url(JSON.stringify(claims));
  return `${head}.${body}.${b64url(sign('sha256', Buffer.from(`${head}.${body}`), key().privateKey))}`;
}

export function redirectUriAllowed(app: SimOAuthApp, uri: string): boolean {
  return app.redirectUris.some((pattern) => {
    if (!pattern.includes('*')) return pattern === uri;
    const re = new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('\\d{1,5}')}$`);
    return re.test(uri);
  });
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

function send(res: http.ServerResponse, status: number, body: string, type: string, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', ...headers });
  res.end(body);
}
const html = (res: http.ServerResponse, status: number, title: string, inner: string) =>
  send(res, status, `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body><h1>${escapeHtml(title)}</h1>${inner}</body></html>`, 'text/html; charset=utf-8');
const json = (res: http.ServerResponse, status: number, body: unknown) => send(res, status, JSON.stringify(body), 'application/json');
const oauthError = (res: http.ServerResponse, status: number, error: string, description: string) =>
  json(res, status, { error, error_description: description });

function redirect(res: http.ServerResponse, base: string, params: Record<string, string | null>) {
  const url = new URL(base);
  for (const [k, v] of Object.entries(params)) if (v !== null) url.searchParams.set(k, v);
  res.writeHead(302, { location: url.toString(), 'cache-control': 'no-store' });
  res.end();
}

async function readForm(req: http.IncomingMessage): Promise<URLSearchParams> {
  const pre = (req as { body?: unknown }).body;
  if (typeof pre === 'string') return new URLSearchParams(pre);
  if (pre && typeof pre === 'object') return new URLSearchParams(pre as Record<string, string>);
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

/** Classic `write` implies `read` in PagerDuty; scoped names are kept as asked. */
function grantedScopes(requested: string): string[] {
  const names = requested.split(/\s+/).filter((s) => s && s !== 'openid');
  if (names.includes('write') && !names.includes('read')) names.push('read');
  return names;
}

interface AuthorizeParams {
  app: SimOAuthApp;
  redirectUri: string;
  state: string | null;
  challenge: string;
  scope: string;
}

/** Validates leg 1 the way PagerDuty does: client and redirect_uri errors are pages, the rest redirects. */
function checkAuthorize(res: http.ServerResponse, db: SimDb, p: URLSearchParams): AuthorizeParams | null {
  const app = oauthApps(db).get(p.get('client_id') ?? '');
  if (!app) {
    html(res, 400, 'Invalid client', '<p>Invalid or missing value for client_id parameter</p>');
    return null;
  }
  const redirectUri = p.get('redirect_uri') ?? '';
  if (!redirectUri || !redirectUriAllowed(app, redirectUri)) {
    html(res, 400, 'Bad request', '<p>Invalid or missing value for redirect_uri parameter</p>');
    return null;
  }
  const state = p.get('state');
  const fail = (description: string) => {
    redirect(res, redirectUri, { error: 'invalid_request', error_description: description, state });
    return null;
  };
  if (p.get('response_type') !== 'code') return fail('response_type must be code');
  const challenge = p.get('code_challenge') ?? '';
  if (p.get('code_challenge_method') !== 'S256' || !/^[A-Za-z0-9_-]{43}$/.test(challenge)) {
    return fail('PKCE is required: send code_challenge with code_challenge_method=S256');
  }
  return { app, redirectUri, state, challenge, scope: p.get('scope') ?? 'read' };
}

function consentPage(res: http.ServerResponse, db: SimDb, a: AuthorizeParams) {
  const hidden = { client_id: a.app.id, redirect_uri: a.redirectUri, state: a.state ?? '', code_challenge: a.challenge, code_challenge_method: 'S256', scope: a.scope, response_type: 'code' };
  const users = [...db.users.values()];
  const inputs = Object.entries(hidden)
    .map(([k, v]) => `<input type="hidden" name="${k}" value="${escapeHtml(v)}">`)
    .join('');
  const options = users.map((u) => `<option value="${escapeHtml(u.id)}">${escapeHtml(u.name)} (${escapeHtml(u.email)})</option>`).join('');
  html(
    res,
    200,
    `Authorize ${a.app.name}`,
    `<form method="post" action="/oauth/authorize">${inputs}` +
      `<p>${escapeHtml(a.app.name)} asks for access with scope <code>${escapeHtml(a.scope)}</code>.</p>` +
      `<label>Sign in as <select name="user_id">${options}</select></label> ` +
      `<button type="submit" name="decision" value="allow">Allow</button> ` +
      `<button type="submit" name="decision" value="deny">Deny</button></form>`,
  );
}

function apiBaseFor(req: http.IncomingMessage, options: OAuthSimOptions): string {
  return options.apiBase ?? `http://${req.headers.host ?? '127.0.0.1'}/${options.region ?? 'us'}`;
}

function issueTokens(req: http.IncomingMessage, db: SimDb, options: OAuthSimOptions, grant: { clientId: string; userId: string; scopes: string[] }, withIdToken: boolean) {
  const now = (options.now ?? Date.now)();
  const ttl = options.accessTokenTtlSeconds;
  const accessToken = `pdus+_0XBPWQQ_${randomUUID()}`;
  const refreshToken = `pdus+_1XBPWQQ_${randomUUID()}`;
  db.accessTokens.set(accessToken, { userId: grant.userId, scopes: grant.scopes, expiresAt: now + ttl * 1000, revoked: false, clientId: grant.clientId });
  oauthRefreshTokens(db).set(refreshToken, {
    id: refreshToken,
    clientId: grant.clientId,
    userId: grant.userId,
    scopes: grant.scopes,
    expiresAt: now + (options.refreshTokenTtlSeconds ?? 210 * 86400) * 1000,
    revoked: false,
  });
  const body: Record<string, unknown> = {
    client_info: 'prefix_legacy_app',
    token_type: 'bearer',
    access_token: accessToken,
    refresh_token: refreshToken,
    scope: ['openid', ...grant.scopes].join(' '),
    expires_in: ttl,
  };
  if (withIdToken) {
    const user = db.users.get(grant.userId);
    const iat = Math.floor(now / 1000);
    const region = options.region === 'eu' ? 'Europe' : 'UnitedStates';
    body.id_token = signJwt({
      iss: `http://${req.headers.host ?? '127.0.0.1'}/global/oauth/anonymous`,
      aud: [apiBaseFor(req, options), grant.clientId],
      azp: grant.clientId,
      sub: user?.email ?? grant.userId,
      user_id: grant.userId,
      account_id: 'PSIMACC',
      subdomain: options.subdomain ?? 'acme',
      region,
      purpose: 'id',
      iat,
      nbf: iat,
      exp: iat + ttl,
    });
  }
  return body;
}

function clientSecretFrom(req: http.IncomingMessage, form: URLSearchParams): { id: string | null; secret: string | null } {
  const basic = /^Basic (.+)$/i.exec(req.headers.authorization ?? '');
  if (basic) {
    const [id, secret] = Buffer.from(basic[1] as string, 'base64').toString('utf8').split(':');
    return { id: decodeURIComponent(id ?? ''), secret: decodeURIComponent(secret ?? '') };
  }
  return { id: form.get('client_id'), secret: form.get('client_secret') };
}

async function token(req: http.IncomingMessage, res: http.ServerResponse, db: SimDb, options: OAuthSimOptions) {
  const form = await readForm(req);
  const creds = clientSecretFrom(req, form);
  const app = oauthApps(db).get(creds.id ?? '');
  if (!app) return oauthError(res, 401, 'invalid_client', 'Unknown client_id.');
  if (app.clientSecret !== null && creds.secret !== app.clientSecret) {
    return oauthError(res, 401, 'invalid_client', 'Client authentication failed.');
  }
  const now = (options.now ?? Date.now)();
  const grantType = form.get('grant_type');
  if (grantType === 'authorization_code') {
    const code = codes(db).get(form.get('code') ?? '');
    if (!code || code.clientId !== app.id) return oauthError(res, 400, 'invalid_grant', 'The authorization code is invalid.');
    if (code.used) return oauthError(res, 400, 'invalid_grant', 'The authorization code has already been used.');
    code.used = true; // single use, even when the rest of the request is wrong
    if (code.expiresAt <= now) return oauthError(res, 400, 'invalid_grant', 'The authorization code has expired.');
    if (form.get('redirect_uri') !== code.redirectUri) return oauthError(res, 400, 'invalid_grant', 'redirect_uri does not match the authorization request.');
    const verifier = form.get('code_verifier') ?? '';
    if (createHash('sha256').update(verifier).digest('base64url') !== code.challenge) {
      return oauthError(res, 400, 'invalid_grant', 'PKCE verification failed: code_verifier does not match code_challenge.');
    }
    return json(res, 200, issueTokens(req, db, options, code, true));
  }
  if (grantType === 'refresh_token') {
    const refresh = oauthRefreshTokens(db).get(form.get('refresh_token') ?? '');
    if (!refresh || refresh.clientId !== app.id || refresh.revoked || refresh.expiresAt <= now) {
      return oauthError(res, 400, 'invalid_grant', 'The refresh token is invalid, expired or revoked.');
    }
    refresh.revoked = true; // rotation: a refresh token works once
    return json(res, 200, issueTokens(req, db, options, refresh, false));
  }
  return oauthError(res, 400, 'unsupported_grant_type', `grant_type ${grantType ?? '(missing)'} is not supported.`);
}

async function revoke(req: http.IncomingMessage, res: http.ServerResponse, db: SimDb) {
  const form = await readForm(req);
  const value = form.get('token') ?? '';
  const access = db.accessTokens.get(value);
  if (access) access.revoked = true;
  const refresh = oauthRefreshTokens(db).get(value);
  if (refresh) refresh.revoked = true;
  json(res, 200, {}); // RFC 7009: unknown tokens are not an error
}

/** Returns true if it handled the request (paths under /oauth/ and the identity's JWKS). */
export async function handleOAuth(req: http.IncomingMessage, res: http.ServerResponse, db: SimDb, options: OAuthSimOptions): Promise<boolean> {
  const url = new URL(req.url ?? '/', 'http://sim.invalid');
  const route = `${req.method} ${url.pathname}`;
  switch (route) {
    case 'GET /oauth/authorize': {
      const a = checkAuthorize(res, db, url.searchParams);
      if (a) consentPage(res, db, a);
      return true;
    }
    case 'POST /oauth/authorize': {
      const form = await readForm(req);
      const a = checkAuthorize(res, db, form);
      if (!a) return true;
      if (form.get('decision') !== 'allow') {
        redirect(res, a.redirectUri, { error: 'access_denied', error_description: DENIED, state: a.state });
        return true;
      }
      const user = db.users.get(form.get('user_id') ?? '') ?? [...db.users.values()][0];
      if (!user) {
        html(res, 500, 'No users', '<p>The simulated account has no users to sign in as.</p>');
        return true;
      }
      const code = randomUUID().replace(/-/g, '');
      const now = (options.now ?? Date.now)();
      codes(db).set(code, {
        id: code,
        clientId: a.app.id,
        redirectUri: a.redirectUri,
        challenge: a.challenge,
        userId: user.id,
        scopes: grantedScopes(a.scope),
        expiresAt: now + (options.codeTtlSeconds ?? 30) * 1000,
        used: false,
      });
      redirect(res, a.redirectUri, { code, state: a.state });
      return true;
    }
    case 'POST /oauth/token':
      await token(req, res, db, options);
      return true;
    case 'POST /oauth/revoke':
      await revoke(req, res, db);
      return true;
    case 'GET /global/oauth/anonymous/jwks':
      json(res, 200, { keys: [key().jwk] });
      return true;
    default:
      if (url.pathname.startsWith('/oauth/')) {
        json(res, 404, { error: 'not_found', error_description: `No identity endpoint ${route}.` });
        return true;
      }
      return false;
  }
}
