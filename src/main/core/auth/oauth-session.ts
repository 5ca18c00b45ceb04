// The OAuth tokens of the connected user: kept only in the keychain (and this process's memory),
// refreshed before they expire, rotated refresh tokens written before anything else happens, and one
// refresh after a 401. When PagerDuty no longer accepts the refresh token the connection goes to
// needs_auth — it never opens a browser by itself; the person chooses Reauthorize.
import type { Logger } from '../log';
import type { SecretStore } from '../secrets';
import type { SettingsStore } from '../settings';
import { NEEDS_AUTH_FOR_AI } from './messages';
import { OAuthProtocolError, refreshTokens, type OAuthClientConfig, type TokenSet } from './oauth-protocol';
import { DEFAULT_AUTH_BASE_URL } from './urls';

const FIVE_MINUTES = 5 * 60_000;

/** Thrown into a tool call when the sign-in is gone; its message is worded for the AI. */
export class NeedsAuthError extends Error {
  readonly code = 'needs_auth';
  constructor(readonly detail: string) {
    super(NEEDS_AUTH_FOR_AI);
    this.name = 'NeedsAuthError';
  }
}

export interface OAuthSessionDeps {
  settings: SettingsStore;
  secrets: SecretStore;
  log: Logger;
  now: () => number;
  fetch?: typeof fetch;
  /** Called once when the session turns needs_auth (the service notifies the person). */
  onNeedsAuth(message: string): void;
}

/** Refresh when less than max(5 min, 10% of the lifetime) is left, but never in the first half of it. */
export function refreshDue(expiresAt: number, lifetimeMs: number | null, now: number): boolean {
  const margin = lifetimeMs ? Math.min(Math.max(FIVE_MINUTES, lifetimeMs / 10), lifetimeMs / 2) : FIVE_MINUTES;
  return now >= expiresAt - margin;
}

export function createOAuthSession(deps: OAuthSessionDeps) {
  let access: string | null = null;
  let lifetimeMs: number | null = null;
  let refreshing: Promise<void> | null = null;

  const state = () => deps.settings.read().connection.oauth;

  async function clientConfig(): Promise<OAuthClientConfig> {
    const o = state();
    const clientSecret = o.hasClientSecret ? await deps.secrets.get('oauth_client_secret') : null;
    deps.log.registerSecret(clientSecret);
    return { authBaseUrl: o.authBaseUrl ?? DEFAULT_AUTH_BASE_URL, clientId: o.clientId ?? '', clientSecret, fetch: deps.fetch };
  }

  /** Writes a fresh token set: refresh token first, so a crash never leaves only a revoked one behind. */
  async function store(tokens: TokenSet): Promise<string> {
    deps.log.registerSecret(tokens.accessToken);
    deps.log.registerSecret(tokens.refreshToken);
    if (tokens.refreshToken) await deps.secrets.set('oauth_refresh_token', tokens.refreshToken);
    await deps.secrets.set('oauth_access_token', tokens.accessToken);
    access = tokens.accessToken;
    lifetimeMs = tokens.expiresInSeconds !== null ? tokens.expiresInSeconds * 1000 : null;
    return lifetimeMs !== null ? new Date(deps.now() + lifetimeMs).toISOString() : new Date(deps.now() + 3_600_000).toISOString();
  }

  async function markNeedsAuth(message: string) {
    access = null;
    await deps.secrets.delete('oauth_access_token').catch(() => false);
    await deps.secrets.delete('oauth_refresh_token').catch(() => false);
    deps.settings.update((d) => {
      d.connection.oauth.needsAuth = true;
      d.connection.lastCheck = { at: new Date(deps.now()).toISOString(), ok: false, message };
    });
    deps.log.warn('oauth needs re-authorization', { reason: message });
    deps.onNeedsAuth(message);
  }

  async function doRefresh(): Promise<void> {
    const refreshToken = await deps.secrets.get('oauth_refresh_token');
    if (!refreshToken) {
      const message = 'The PagerDuty sign-in has expired and there is no refresh token. Sign in again (Reauthorize).';
      await markNeedsAuth(message);
      throw new NeedsAuthError(message);
    }
    deps.log.registerSecret(refreshToken);
    try {
      const tokens = await refreshTokens(await clientConfig(), refreshToken);
      // PagerDuty rotates refresh tokens; keep the old one only if it did not send a new one.
      const expiresAt = await store({ ...tokens, refreshToken: tokens.refreshToken ?? refreshToken });
      deps.settings.update((d) => {
        d.connection.oauth.expiresAt = expiresAt;
        if (tokens.scope) d.connection.oauth.grantedScope = tokens.scope;
      });
      deps.log.info('oauth tokens refreshed');
    } catch (error) {
      if (error instanceof OAuthProtocolError && (error.failure === 'invalid_grant' || error.failure === 'invalid_client')) {
        await markNeedsAuth(error.message);
        throw new NeedsAuthError(error.message);
      }
      throw error;
    }
  }

  /** One refresh at a time; concurrent callers share it. */
  function refresh(): Promise<void> {
    refreshing ??= doRefresh().finally(() => {
      refreshing = null;
    });
    return refreshing;
  }

  async function load(): Promise<string | null> {
    access ??= await deps.secrets.get('oauth_access_token');
    deps.log.registerSecret(access);
    return access;
  }

  return {
    store,

    /** The access token for the next request, refreshed first when it is about to expire. */
    async accessToken(): Promise<string> {
      if (state().needsAuth) throw new NeedsAuthError('needs_auth');
      let token = await load();
      const expiresAt = state().expiresAt ? Date.parse(state().expiresAt as string) : null;
      if (!token || (expiresAt !== null && refreshDue(expiresAt, lifetimeMs, deps.now()))) {
        try {
          await refresh();
          token = await load();
        } catch (error) {
          // A network hiccup during an early refresh: the current token still works until it expires.
          const stillValid = token && expiresAt !== null && deps.now() < expiresAt;
          if (error instanceof NeedsAuthError || !stillValid) throw error;
          deps.log.warn('early oauth refresh failed; using the current token', { error: (error as Error).message });
        }
      }
      if (!token) throw new NeedsAuthError('needs_auth');
      return token;
    },

    /** After PagerDuty answered 401 to `used`: refresh once (unless someone already did). */
    async afterUnauthorized(used: string): Promise<boolean> {
      if (state().needsAuth) return false;
      if (refreshing) await refreshing.catch(() => undefined);
      const current = await load();
      if (current && current !== used) return true;
      try {
        await refresh();
        return true;
      } catch {
        return false;
      }
    },

    /** Deletes the tokens (disconnect, another client id, or another identity server). */
    async clear(): Promise<void> {
      access = null;
      lifetimeMs = null;
      await deps.secrets.delete('oauth_access_token');
      await deps.secrets.delete('oauth_refresh_token');
    },

    /** Another process may have changed the keychain entries; read them again next time. */
    forget(): void {
      if (!refreshing) access = null;
    },

    clientConfig,
  };
}

export type OAuthSession = ReturnType<typeof createOAuthSession>;
