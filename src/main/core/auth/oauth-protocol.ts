// The OAuth 2.0 protocol steps, done by oauth4webapi: authorize URL with PKCE S256 + state, the
// callback check, the code exchange, refresh and revocation. This file only adapts PagerDuty's
// endpoints and turns protocol failures into sentences a person can act on.
import * as oauth from 'oauth4webapi';
import { decodeJwtPayload } from './id-token';
import { isLoopbackHttp } from './urls';

export interface OAuthClientConfig {
  authBaseUrl: string;
  clientId: string;
  clientSecret: string | null;
  fetch?: typeof fetch;
}

export interface TokenSet {
  accessToken: string;
  refreshToken: string | null;
  expiresInSeconds: number | null;
  scope: string | null;
  idTokenClaims: Record<string, unknown> | null;
}

export type OAuthFailure = 'access_denied' | 'state_mismatch' | 'invalid_grant' | 'invalid_client' | 'network' | 'protocol';

export class OAuthProtocolError extends Error {
  constructor(
    readonly failure: OAuthFailure,
    message: string,
  ) {
    super(message);
    this.name = 'OAuthProtocolError';
  }
}

const ISSUER_PATH = '/global/oauth/anonymous';
// The live discovery document's issuer is unconfirmed (reference §4.3): either host may appear in `iss`.
const KNOWN_ISSUERS = ['https://identity.pagerduty.com' + ISSUER_PATH, 'https://app.pagerduty.com' + ISSUER_PATH];

function server(cfg: OAuthClientConfig, issuer?: string): oauth.AuthorizationServer {
  const base = cfg.authBaseUrl.replace(/\/+$/, '');
  return {
    issuer: issuer ?? base + ISSUER_PATH,
    authorization_endpoint: `${base}/oauth/authorize`,
    token_endpoint: `${base}/oauth/token`,
    revocation_endpoint: `${base}/oauth/revoke`,
  };
}

const client = (cfg: OAuthClientConfig): oauth.Client => ({ client_id: cfg.clientId });
const clientAuth = (cfg: OAuthClientConfig): oauth.ClientAuth =>
  cfg.clientSecret ? oauth.ClientSecretPost(cfg.clientSecret) : oauth.None();

function requestOptions(cfg: OAuthClientConfig) {
  return {
    // http only for a simulator on this machine; PagerDuty itself is https.
    [oauth.allowInsecureRequests]: isLoopbackHttp(cfg.authBaseUrl),
    ...(cfg.fetch ? { [oauth.customFetch]: cfg.fetch as unknown as typeof fetch } : {}),
    signal: AbortSignal.timeout(30_000),
  };
}

export interface AuthorizationRequest {
  url: string;
  state: string;
  codeVerifier: string;
}

export async function buildAuthorizationRequest(cfg: OAuthClientConfig, redirectUri: string, scopes: string): Promise<AuthorizationRequest> {
  const codeVerifier = oauth.generateRandomCodeVerifier();
  const state = oauth.generateRandomState();
  const url = new URL(server(cfg).authorization_endpoint as string);
  url.searchParams.set('client_id', cfg.clientId);
  url.searchParams.set('redirect_uri', redirectUri);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('scope', scopes);
  url.searchParams.set('code_challenge', await oauth.calculatePKCECodeChallenge(codeVerifier));
  url.searchParams.set('code_challenge_method', 'S256');
  url.searchParams.set('state', state);
  return { url: url.toString(), state, codeVerifier };
}

/** Checks the redirect back (state, error) before anything is sent to the token endpoint. */
export function checkCallback(cfg: OAuthClientConfig, callbackUrl: URL, expectedState: string): URLSearchParams {
  let params: URLSearchParams;
  try {
    params = oauth.validateAuthResponse(server(cfg), client(cfg), callbackUrl, expectedState);
  } catch (error) {
    if (error instanceof oauth.AuthorizationResponseError) {
      if (error.error === 'access_denied') {
        throw new OAuthProtocolError('access_denied', 'Access was denied on the PagerDuty sign-in page, so nothing changed. Start the sign-in again and choose Allow to connect.');
      }
      throw new OAuthProtocolError('protocol', `PagerDuty refused the sign-in (${error.error}${error.error_description ? `: ${error.error_description}` : ''}). Check the OAuth settings and start the sign-in again.`);
    }
    if (error instanceof Error && /state/.test(error.message)) {
      throw new OAuthProtocolError(
        'state_mismatch',
        'The sign-in response did not belong to the sign-in this app started (state mismatch), so it was refused and nothing changed. Start the sign-in again from the app.',
      );
    }
    throw new OAuthProtocolError('protocol', `The sign-in response was not valid (${(error as Error).message}). Start the sign-in again.`);
  }
  // oauth4webapi only notices a missing code at the token step, where its message blames the token response.
  if (!params.get('code')) {
    throw new OAuthProtocolError('protocol', 'The sign-in response from PagerDuty had no authorization code, so nothing changed. Start the sign-in again from the app.');
  }
  return params;
}

function describeTokenError(error: unknown, cfg: OAuthClientConfig, step: 'code' | 'refresh'): OAuthProtocolError {
  if (error instanceof oauth.ResponseBodyError) {
    const said = error.error_description ? ` PagerDuty said: ${error.error_description}` : '';
    if (error.error === 'invalid_grant') {
      return new OAuthProtocolError(
        'invalid_grant',
        step === 'code'
          ? `PagerDuty did not accept the sign-in code (invalid_grant).${said} Start the sign-in again.`
          : `PagerDuty no longer accepts this app's sign-in (the refresh token is expired or revoked).${said} Sign in again (Reauthorize).`,
      );
    }
    if (error.error === 'invalid_client') {
      return new OAuthProtocolError('invalid_client', `PagerDuty rejected the OAuth client (invalid_client).${said} Check the client ID and client secret in the OAuth settings.`);
    }
    return new OAuthProtocolError('protocol', `PagerDuty's token endpoint refused the request (${error.error}).${said}`);
  }
  if (error instanceof TypeError || (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError'))) {
    const cause = (error.cause as Error | undefined)?.message ?? error.message;
    return new OAuthProtocolError('network', `Could not reach PagerDuty's sign-in service at ${cfg.authBaseUrl} (${cause}). Check the network connection and try again.`);
  }
  return new OAuthProtocolError('protocol', `PagerDuty's token response was not valid (${(error as Error).message}).`);
}

/** PagerDuty's id_token issuer is unconfirmed; accept the known ones (the answer came over TLS from our token endpoint). */
async function issuerFor(cfg: OAuthClientConfig, response: Response): Promise<string | undefined> {
  try {
    const body = (await response.clone().json()) as { id_token?: unknown };
    const iss = typeof body.id_token === 'string' ? decodeJwtPayload(body.id_token)?.iss : undefined;
    const ownIssuer = cfg.authBaseUrl.replace(/\/+$/, '') + ISSUER_PATH;
    return typeof iss === 'string' && [ownIssuer, ...KNOWN_ISSUERS].includes(iss) ? iss : undefined;
  } catch {
    return undefined;
  }
}

function toTokenSet(result: oauth.TokenEndpointResponse): TokenSet {
  const claims = oauth.getValidatedIdTokenClaims(result);
  return {
    accessToken: result.access_token,
    refreshToken: result.refresh_token ?? null,
    expiresInSeconds: typeof result.expires_in === 'number' ? result.expires_in : null,
    scope: result.scope ?? null,
    idTokenClaims: claims ? { ...claims } : null,
  };
}

export async function exchangeCode(cfg: OAuthClientConfig, params: URLSearchParams, redirectUri: string, codeVerifier: string): Promise<TokenSet> {
  try {
    const response = await oauth.authorizationCodeGrantRequest(server(cfg), client(cfg), clientAuth(cfg), params, redirectUri, codeVerifier, requestOptions(cfg));
    const as = server(cfg, await issuerFor(cfg, response));
    return toTokenSet(await oauth.processAuthorizationCodeResponse(as, client(cfg), response));
  } catch (error) {
    throw describeTokenError(error, cfg, 'code');
  }
}

export async function refreshTokens(cfg: OAuthClientConfig, refreshToken: string): Promise<TokenSet> {
  try {
    const response = await oauth.refreshTokenGrantRequest(server(cfg), client(cfg), clientAuth(cfg), refreshToken, requestOptions(cfg));
    const as = server(cfg, await issuerFor(cfg, response));
    return toTokenSet(await oauth.processRefreshTokenResponse(as, client(cfg), response));
  } catch (error) {
    throw describeTokenError(error, cfg, 'refresh');
  }
}

/** Best effort: PagerDuty's per-token revoke endpoint is unconfirmed (reference §4.7), so failure is fine. */
export async function revokeToken(cfg: OAuthClientConfig, token: string): Promise<boolean> {
  try {
    const response = await oauth.revocationRequest(server(cfg), client(cfg), clientAuth(cfg), token, { ...requestOptions(cfg), signal: AbortSignal.timeout(5_000) });
    await oauth.processRevocationResponse(response);
    return true;
  } catch {
    return false;
  }
}
