// The connection to PagerDuty: which credential (REST API key + actor email, or the person's OAuth
// sign-in), whether it works, and the PagerDuty client for each tool call. Secrets go only to the
// keychain; settings hold the rest. Every handler either changes everything it should or nothing.
import { ContractError, type Handlers } from '../../../shared/contract';
import type { ConnectionView, Identity, OAuthProgress, Region } from '../../../shared/model';
import type { EventBus } from '../events';
import type { Logger } from '../log';
import { createPagerDutyClient, regionBaseUrl, type PagerDutyApi } from '../pagerduty';
import type { Platform } from '../platform';
import type { SecretStore } from '../secrets';
import type { PersistedState, SettingsStore } from '../settings';
import { toUser, verifyApiKey, type ApiKeyCheck, type PdUserSummary } from './api-key';
import type { ApiLocation } from './id-token';
import { createThrottledNotifier, NEEDS_AUTH_FOR_AI, NOT_CONNECTED_FOR_AI } from './messages';
import { revokeToken, type TokenSet } from './oauth-protocol';
import { createOAuthSession, NeedsAuthError } from './oauth-session';
import { beginSignIn, SignInCancelled, type PendingSignIn } from './sign-in';
import type { ConnectionForCall, ConnectionService } from './types';
import { checkCredentialUrl, DEFAULT_AUTH_BASE_URL } from './urls';
import { explainReadOnlyWrites, probeReadOnly } from './write-probe';

export type ConnectionHandlers = Pick<
  Handlers,
  | 'connection.get'
  | 'connection.setMode'
  | 'connection.saveApiKey'
  | 'connection.rotateApiKey'
  | 'connection.test'
  | 'connection.saveOAuthSettings'
  | 'connection.startOAuth'
  | 'connection.cancelOAuth'
  | 'connection.disconnect'
>;

export interface ConnectionServiceOptions {
  settings: SettingsStore;
  secrets: SecretStore;
  events: EventBus;
  platform: Platform;
  log: Logger;
  fetch?: typeof fetch;
  now?: () => number;
  /** How long a sign-in waits for the browser to come back. Default 5 minutes. */
  oauthTimeoutMs?: number;
  /** What "Connect" on a notification does (e.g. show the window's Connection page). */
  showConnection?: () => void;
}

type Connection = PersistedState['connection'];
type OAuthUserWithAccess = PdUserSummary & { readOnly: boolean | null };

const FIVE_MINUTES = 5 * 60_000;
const READ_ONLY_KEY =
  'The PagerDuty REST API key saved in the PagerDuty MCP app is read-only, so PagerDuty refused this change (403). To make changes, the person must save a full-access key (Connection page → rotate key).';
const READ_ONLY_SIGN_IN =
  "The PagerDuty sign-in only has read access (OAuth scope), so PagerDuty refused this change (403). To make changes, the person must add a write scope in the app's OAuth settings and sign in again.";

const apiBase = (c: Pick<Connection, 'baseUrl' | 'region'>) => c.baseUrl ?? regionBaseUrl(c.region);
const regionLabel = (c: Pick<Connection, 'baseUrl' | 'region'>) => `${c.region.toUpperCase()}${c.baseUrl ? ` at ${c.baseUrl}` : ''}`;
const person = (u: { name: string | null; email: string }) => (u.name ? `${u.name} <${u.email}>` : u.email);

function writeAbility(readOnly: boolean | null, what: string): string {
  if (readOnly === true) return `The ${what} is read-only: tools that change PagerDuty will be refused.`;
  if (readOnly === false) return `The ${what} can make changes.`;
  return `Could not tell whether the ${what} can make changes.`;
}

/** Classic `write` or any `<resource>.write` scope allows writes. */
export function scopeIsReadOnly(scope: string | null): boolean | null {
  if (!scope) return null;
  return !scope.split(/\s+/).some((s) => s === 'write' || s.endsWith('.write'));
}

function apiKeyMessage(c: Pick<Connection, 'baseUrl' | 'region'>, check: ApiKeyCheck): string {
  const key = check.keyLevel === 'user' && check.keyUser ? `a user-level API key of ${person(check.keyUser)}` : `an ${check.keyLevel}-level API key`;
  return `Connected to PagerDuty ${regionLabel(c)} with ${key}; changes are made as ${person(check.actor)}. ${writeAbility(check.readOnly, 'key')}`;
}

export function createConnectionService(options: ConnectionServiceOptions): ConnectionService & { handlers: ConnectionHandlers } {
  const { settings, secrets, events, platform, log } = options;
  const now = options.now ?? Date.now;
  const iso = () => new Date(now()).toISOString();
  const notify = createThrottledNotifier(platform, now);
  const listeners = new Set<(view: ConnectionView) => void>();
  let apiKeyCache: string | null = null;
  let pending: { signIn: PendingSignIn<OAuthUserWithAccess>; done: Promise<void> } | null = null;

  const conn = () => settings.read().connection;

  const session = createOAuthSession({
    settings,
    secrets,
    log,
    now,
    fetch: options.fetch,
    onNeedsAuth: () => notifyNeedsAuth(),
  });

  function notifyNeedsAuth() {
    notify({
      title: 'Sign in to PagerDuty again',
      body: 'PagerDuty no longer accepts the saved sign-in, so AI clients cannot use PagerDuty. Choose Reauthorize to sign in again.',
      actionLabel: 'Reauthorize',
      // The person's click: only then may a browser open.
      onAction: () => void handlers['connection.startOAuth']({}).catch((e: Error) => log.warn('reauthorize failed', { error: e.message })),
    });
  }

  function notifyNotConnected() {
    notify({
      title: 'PagerDuty is not connected',
      body: 'An AI client tried to use PagerDuty. Open the PagerDuty MCP app and connect PagerDuty on the Connection page.',
      actionLabel: 'Connect',
      onAction: () => options.showConnection?.(),
    });
  }

  function fire() {
    const v = view();
    for (const listener of listeners) listener(v);
  }

  const unsubscribe = settings.onChange(() => {
    // Another process (the CLI) may have replaced a secret along with the settings.
    apiKeyCache = null;
    session.forget();
    fire();
  });

  function statusOf(c: Connection): { status: ConnectionView['status']; message: string | null } {
    const failed = c.lastCheck && !c.lastCheck.ok ? c.lastCheck.message : null;
    if (c.mode === 'api_key') {
      if (!c.apiKey.configured) return { status: 'not_configured', message: 'Save a REST API key and the actor email to connect.' };
      if (failed) return { status: 'error', message: failed };
      return { status: 'connected', message: c.lastCheck?.message ?? null };
    }
    if (c.mode === 'oauth') {
      if (c.oauth.needsAuth) return { status: 'needs_auth', message: failed ?? 'The PagerDuty sign-in expired or was revoked. Sign in again (Reauthorize).' };
      if (!c.oauth.user) {
        return { status: 'not_configured', message: c.oauth.clientId ? 'Sign in with PagerDuty to connect.' : 'Enter the OAuth client ID, then sign in with PagerDuty.' };
      }
      if (failed) return { status: 'error', message: failed };
      return { status: 'connected', message: c.lastCheck?.message ?? null };
    }
    return { status: 'not_configured', message: 'Connect PagerDuty with a REST API key or OAuth (Connection page).' };
  }

  function identityOf(c: Connection): Identity | null {
    if (c.mode === 'api_key' && c.apiKey.configured) {
      return {
        kind: 'api_key',
        userId: c.apiKey.actorUserId,
        name: c.apiKey.actorName,
        email: c.apiKey.actorEmail,
        actorEmail: c.apiKey.actorEmail,
        keyLevel: c.apiKey.keyLevel,
      };
    }
    if (c.mode === 'oauth' && c.oauth.user) {
      const u = c.oauth.user;
      return { kind: 'oauth_user', userId: u.id, name: u.name, email: u.email, actorEmail: null, keyLevel: null };
    }
    return null;
  }

  function view(): ConnectionView {
    const c = conn();
    const { status, message } = statusOf(c);
    return {
      mode: c.mode,
      status,
      region: c.region,
      baseUrl: c.baseUrl,
      identity: identityOf(c),
      readOnly: c.mode === 'api_key' ? c.apiKey.readOnly : c.mode === 'oauth' ? c.oauth.readOnly : null,
      message,
      checkedAt: c.lastCheck?.at ?? null,
      apiKey: { configured: c.apiKey.configured, actorEmail: c.apiKey.actorEmail },
      oauth: {
        clientId: c.oauth.clientId,
        hasClientSecret: c.oauth.hasClientSecret,
        scopes: c.oauth.scopes,
        port: c.oauth.port,
        pending: pending !== null,
        connected: !!c.oauth.user && !c.oauth.needsAuth,
        expiresAt: c.oauth.expiresAt,
      },
    };
  }

  async function loadApiKey(): Promise<string | null> {
    apiKeyCache ??= await secrets.get('api_key');
    log.registerSecret(apiKeyCache);
    return apiKeyCache;
  }

  /** A 401 for the key still in use means PagerDuty no longer accepts it (deleted or rotated elsewhere). */
  async function apiKeyRejected(key: string) {
    if ((await loadApiKey()) !== key) return;
    settings.update((d) => {
      d.connection.lastCheck = {
        at: iso(),
        ok: false,
        message: 'PagerDuty rejected the saved API key (401); it may have been deleted or rotated. Save a new key on the Connection page.',
      };
    });
  }

  function oauthClient(c: Connection, fromEmail: string | null): { api: PagerDutyApi } {
    let used = '';
    const api = createPagerDutyClient({
      baseUrl: apiBase(c),
      fetch: options.fetch,
      auth: {
        current: async () => {
          used = await session.accessToken();
          return { authorization: `Bearer ${used}`, fromEmail };
        },
        refreshAfterUnauthorized: () => session.afterUnauthorized(used),
      },
    });
    return { api };
  }

  async function forCall(): Promise<ConnectionForCall> {
    try {
      return await resolveForCall();
    } catch (error) {
      // e.g. the keychain went away: the call cannot get its credential.
      log.warn('no credential for a call', { error: (error as Error).message });
      return { ok: false, reason: 'error', message: `The PagerDuty credential could not be read: ${(error as Error).message}` };
    }
  }

  async function resolveForCall(): Promise<ConnectionForCall> {
    const c = conn();
    if (c.mode === 'api_key' && c.apiKey.configured) {
      const key = await loadApiKey();
      if (key) {
        const actorEmail = c.apiKey.actorEmail;
        const api = createPagerDutyClient({
          baseUrl: apiBase(c),
          fetch: options.fetch,
          auth: {
            // The key is fixed per call: a rotation mid-call must not switch credentials halfway.
            current: async () => ({ authorization: `Token token=${key}`, fromEmail: actorEmail }),
            refreshAfterUnauthorized: async () => {
              await apiKeyRejected(key);
              return false;
            },
          },
        });
        return {
          ok: true,
          api: c.apiKey.readOnly ? explainReadOnlyWrites(api, READ_ONLY_KEY) : api,
          identity: identityOf(c) as Identity,
          identityLabel: `api_key:${actorEmail}`,
          userId: c.apiKey.actorUserId,
          fromEmail: actorEmail,
        };
      }
    }
    if (c.mode === 'oauth' && (c.oauth.user || c.oauth.needsAuth)) {
      if (!c.oauth.needsAuth && c.oauth.user) {
        try {
          await session.accessToken(); // refreshes early here, so an expired sign-in is found before the call
          const user = c.oauth.user;
          const { api } = oauthClient(c, user.email);
          return {
            ok: true,
            api: c.oauth.readOnly ? explainReadOnlyWrites(api, READ_ONLY_SIGN_IN) : api,
            identity: identityOf(conn()) ?? (identityOf(c) as Identity),
            identityLabel: `oauth:${user.email}`,
            userId: user.id,
            fromEmail: user.email,
          };
        } catch (error) {
          if (!(error instanceof NeedsAuthError)) {
            return { ok: false, reason: 'error', message: `PagerDuty could not be reached to renew the sign-in: ${(error as Error).message}` };
          }
        }
      }
      notifyNeedsAuth();
      return { ok: false, reason: 'needs_auth', message: NEEDS_AUTH_FOR_AI };
    }
    notifyNotConnected();
    return { ok: false, reason: 'not_configured', message: NOT_CONNECTED_FOR_AI };
  }

  // ---------------------------------------------------------------- API key

  async function testApiKey(c: Connection) {
    const key = await loadApiKey();
    if (!key || !c.apiKey.actorEmail) {
      return { ok: false, message: 'No API key is saved. Save a REST API key and the actor email first.' };
    }
    try {
      const check = await verifyApiKey({ baseUrl: apiBase(c), apiKey: key, actorEmail: c.apiKey.actorEmail, fetch: options.fetch });
      const message = apiKeyMessage(c, check);
      settings.update((d) => {
        Object.assign(d.connection.apiKey, {
          keyLevel: check.keyLevel,
          readOnly: check.readOnly,
          actorUserId: check.actor.id,
          actorName: check.actor.name,
        });
        d.connection.lastCheck = { at: iso(), ok: true, message };
      });
      return { ok: true, message };
    } catch (error) {
      const message = (error as Error).message;
      settings.update((d) => {
        d.connection.lastCheck = { at: iso(), ok: false, message };
      });
      return { ok: false, message };
    }
  }

  // ---------------------------------------------------------------- OAuth

  async function identifyOAuthUser(tokens: TokenSet, location: ApiLocation): Promise<OAuthUserWithAccess> {
    log.registerSecret(tokens.accessToken);
    const bearer = (fromEmail: string | null) =>
      createPagerDutyClient({
        baseUrl: apiBase(location),
        fetch: options.fetch,
        maxRetries: 0,
        timeoutMs: 15_000,
        auth: { current: async () => ({ authorization: `Bearer ${tokens.accessToken}`, fromEmail }) },
      });
    const me = await bearer(null).request<{ user?: unknown }>({ method: 'GET', path: '/users/me' });
    const user = toUser(me.data?.user);
    if (!user) throw new Error('GET /users/me returned no user');
    const probed = await probeReadOnly(bearer(user.email));
    return { ...user, readOnly: probed ?? scopeIsReadOnly(tokens.scope) };
  }

  async function finishSignIn(result: { tokens: TokenSet; location: ApiLocation; user: OAuthUserWithAccess }): Promise<OAuthProgress> {
    const { tokens, location, user } = result;
    const expiresAt = await session.store(tokens);
    const message = `Connected to PagerDuty ${regionLabel(location)} as ${person(user)} (OAuth). ${writeAbility(user.readOnly, 'sign-in')}`;
    settings.update((d) => {
      const c = d.connection;
      c.mode = 'oauth';
      c.region = location.region;
      c.baseUrl = location.baseUrl;
      Object.assign(c.oauth, {
        user: { id: user.id, name: user.name, email: user.email },
        expiresAt,
        needsAuth: false,
        grantedScope: tokens.scope,
        readOnly: user.readOnly,
      });
      c.lastCheck = { at: iso(), ok: true, message };
    });
    log.info('oauth sign-in complete', { region: location.region });
    return { phase: 'connected', message, authorizeUrl: null };
  }

  async function startOAuth(): Promise<OAuthProgress> {
    const c = conn();
    if (!c.oauth.clientId) throw new ContractError('oauth_not_configured', 'Enter the OAuth client ID in the OAuth settings first, then sign in.', 'clientId');
    if (pending) await cancelPending();

    const customIdentity = !!c.oauth.authBaseUrl && c.oauth.authBaseUrl !== DEFAULT_AUTH_BASE_URL;
    const configured: ApiLocation = { region: c.region, baseUrl: c.baseUrl };
    const other: ApiLocation = { region: c.region === 'us' ? 'eu' : 'us', baseUrl: null };
    const signIn = await beginSignIn<OAuthUserWithAccess>({
      client: await session.clientConfig(),
      port: c.oauth.port,
      scopes: c.oauth.scopes,
      timeoutMs: options.oauthTimeoutMs ?? FIVE_MINUTES,
      // PagerDuty's id_token names the region; without one, try the configured region, then the other.
      fallbacks: c.baseUrl ? [configured] : [configured, other],
      customIdentity,
      onExchanging: () => events.emit('oauth.progress', { phase: 'exchanging', message: 'Finishing the sign-in with PagerDuty…', authorizeUrl: null }),
      identify: identifyOAuthUser,
      successMessage: (user) => `Signed in to PagerDuty as ${person(user)}. Return to the PagerDuty MCP app.`,
    });

    const done = signIn.result.then(
      async (result) => {
        let progress: OAuthProgress;
        try {
          progress = await finishSignIn(result);
        } catch (error) {
          progress = { phase: 'failed', message: (error as Error).message, authorizeUrl: null };
        }
        pending = null;
        fire();
        events.emit('oauth.progress', progress);
      },
      (error: unknown) => {
        pending = null;
        fire();
        if (error instanceof SignInCancelled) {
          events.emit('oauth.progress', { phase: 'cancelled', message: 'The sign-in was cancelled.', authorizeUrl: null });
        } else {
          log.warn('oauth sign-in failed', { error: (error as Error).message });
          events.emit('oauth.progress', { phase: 'failed', message: (error as Error).message, authorizeUrl: null });
        }
      },
    );
    pending = { signIn, done };
    fire();

    let progress: OAuthProgress = {
      phase: 'waiting_for_browser',
      message: 'Finish signing in to PagerDuty in your browser.',
      authorizeUrl: signIn.authorizeUrl,
    };
    try {
      await platform.openExternal(signIn.authorizeUrl);
    } catch (error) {
      // Keep waiting: the person can open the address from the window themselves.
      progress = { ...progress, message: `The browser could not be opened (${(error as Error).message}). Open this address to sign in.` };
    }
    events.emit('oauth.progress', progress);
    return progress;
  }

  async function cancelPending(): Promise<void> {
    const p = pending;
    if (!p) return;
    p.signIn.cancel();
    await p.done;
  }

  async function testOAuth(c: Connection) {
    if (!c.oauth.user || c.oauth.needsAuth) {
      return { ok: false, message: statusOf(c).message ?? 'Sign in with PagerDuty first.' };
    }
    try {
      await session.accessToken();
      const { api } = oauthClient(c, c.oauth.user.email);
      const me = await api.request<{ user?: unknown }>({ method: 'GET', path: '/users/me' });
      const user = toUser(me.data?.user);
      if (!user) throw new Error('PagerDuty returned no user for GET /users/me.');
      const readOnly = (await probeReadOnly(api)) ?? scopeIsReadOnly(conn().oauth.grantedScope);
      const message = `Connected to PagerDuty ${regionLabel(c)} as ${person(user)} (OAuth). ${writeAbility(readOnly, 'sign-in')}`;
      settings.update((d) => {
        Object.assign(d.connection.oauth, { user: { id: user.id, name: user.name, email: user.email }, readOnly });
        d.connection.lastCheck = { at: iso(), ok: true, message };
      });
      return { ok: true, message };
    } catch (error) {
      const needsAuth = error instanceof NeedsAuthError || conn().oauth.needsAuth;
      const message = needsAuth ? statusOf(conn()).message ?? NEEDS_AUTH_FOR_AI : (error as Error).message;
      if (!needsAuth) {
        settings.update((d) => {
          d.connection.lastCheck = { at: iso(), ok: false, message };
        });
      }
      return { ok: false, message };
    }
  }

  // ---------------------------------------------------------------- handlers

  const handlers: ConnectionHandlers = {
    'connection.get': async () => view(),

    'connection.setMode': async ({ mode }) => {
      if (conn().mode !== mode) {
        settings.update((d) => {
          d.connection.mode = mode;
          d.connection.lastCheck = null; // a check of the other mode says nothing about this one
        });
      }
      return view();
    },

    'connection.saveApiKey': async ({ apiKey, actorEmail, region, baseUrl }) => {
      const explicit = baseUrl ? checkCredentialUrl(baseUrl, 'baseUrl') : null;
      const location = { region: region as Region, baseUrl: explicit };
      log.registerSecret(apiKey);
      const check = await verifyApiKey({ baseUrl: apiBase(location), apiKey, actorEmail, fetch: options.fetch });
      await secrets.set('api_key', apiKey); // a keychain failure throws here, before settings change
      const message = apiKeyMessage(location, check);
      settings.update((d) => {
        const c = d.connection;
        c.mode = 'api_key';
        c.region = location.region;
        c.baseUrl = location.baseUrl;
        c.apiKey = {
          configured: true,
          actorEmail: check.actor.email,
          keyLevel: check.keyLevel,
          readOnly: check.readOnly,
          actorUserId: check.actor.id,
          actorName: check.actor.name,
        };
        c.lastCheck = { at: iso(), ok: true, message };
      });
      apiKeyCache = apiKey;
      log.info('api key saved', { keyLevel: check.keyLevel, region: location.region });
      return { ok: true, message, connection: view() };
    },

    'connection.rotateApiKey': async ({ apiKey }) => {
      const c = conn();
      if (!c.apiKey.configured || !c.apiKey.actorEmail) {
        throw new ContractError('no_api_key', 'There is no saved API key to rotate. Save a REST API key and the actor email first.', 'apiKey');
      }
      log.registerSecret(apiKey);
      if ((await loadApiKey()) === apiKey) {
        throw new ContractError('same_api_key', 'That is the key already in use. Paste the new key you created in PagerDuty.', 'apiKey');
      }
      const check = await verifyApiKey({ baseUrl: apiBase(c), apiKey, actorEmail: c.apiKey.actorEmail, fetch: options.fetch });
      // One keychain entry: writing the new key replaces the old one in a single step. Calls already
      // running keep the old key they were given; the next call gets the new one.
      await secrets.set('api_key', apiKey);
      apiKeyCache = apiKey;
      const message = `API key rotated. ${apiKeyMessage(c, check)}`;
      settings.update((d) => {
        Object.assign(d.connection.apiKey, {
          configured: true,
          keyLevel: check.keyLevel,
          readOnly: check.readOnly,
          actorUserId: check.actor.id,
          actorName: check.actor.name,
        });
        d.connection.lastCheck = { at: iso(), ok: true, message };
      });
      log.info('api key rotated', { keyLevel: check.keyLevel });
      return { ok: true, message, connection: view() };
    },

    'connection.test': async () => {
      const c = conn();
      const result =
        c.mode === 'api_key'
          ? await testApiKey(c)
          : c.mode === 'oauth'
            ? await testOAuth(c)
            : { ok: false, message: 'Choose how to connect first: a REST API key or OAuth.' };
      return { ...result, connection: view() };
    },

    'connection.saveOAuthSettings': async ({ clientId, clientSecret, scopes, port, region, baseUrl, authBaseUrl }) => {
      if (pending) {
        throw new ContractError('oauth_pending', 'A sign-in is in progress. Finish or cancel it before changing the OAuth settings.');
      }
      const auth = authBaseUrl ? checkCredentialUrl(authBaseUrl, 'authBaseUrl') : null;
      const explicit = baseUrl ? checkCredentialUrl(baseUrl, 'baseUrl') : null;
      const prev = conn().oauth;
      // Tokens belong to one app on one identity server; a different one means signing in again.
      const otherApp = prev.clientId !== clientId || (prev.authBaseUrl ?? null) !== auth;
      if (clientSecret) {
        log.registerSecret(clientSecret);
        await secrets.set('oauth_client_secret', clientSecret);
      } else if (clientSecret === null) {
        await secrets.delete('oauth_client_secret');
      }
      if (otherApp && prev.user) await session.clear();
      settings.update((d) => {
        const c = d.connection;
        Object.assign(c.oauth, { clientId, scopes, port, authBaseUrl: auth });
        if (clientSecret !== undefined) c.oauth.hasClientSecret = clientSecret !== null;
        if (region) c.region = region;
        if (baseUrl !== undefined) c.baseUrl = explicit;
        if (otherApp) Object.assign(c.oauth, { user: null, expiresAt: null, needsAuth: false, grantedScope: null, readOnly: null });
        if (c.mode === null) c.mode = 'oauth';
      });
      return view();
    },

    'connection.startOAuth': () => startOAuth(),

    'connection.cancelOAuth': async () => {
      await cancelPending();
      return view();
    },

    'connection.disconnect': async () => {
      await cancelPending();
      const c = conn();
      if (c.mode === 'oauth') {
        const refresh = await secrets.get('oauth_refresh_token');
        if (refresh && c.oauth.clientId) {
          log.registerSecret(refresh);
          await revokeToken(await session.clientConfig(), refresh);
        }
        await session.clear();
        settings.update((d) => {
          Object.assign(d.connection.oauth, { user: null, expiresAt: null, needsAuth: false, grantedScope: null, readOnly: null });
          d.connection.lastCheck = null;
        });
      } else if (c.mode === 'api_key') {
        await secrets.delete('api_key');
        apiKeyCache = null;
        settings.update((d) => {
          Object.assign(d.connection.apiKey, { configured: false, keyLevel: null, readOnly: null });
          d.connection.lastCheck = null;
        });
      }
      log.info('disconnected', { mode: c.mode });
      return view();
    },
  };

  return {
    handlers,
    view,
    forCall,
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      await cancelPending();
      unsubscribe();
      listeners.clear();
    },
  };
}
