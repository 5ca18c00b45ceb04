// One interactive sign-in: loopback listener, authorize URL (PKCE S256 + state), wait for the browser's
// callback (with timeout and cancel), exchange the code, find the account's API host and the user.
// The caller opens the browser and persists the result; this file holds no state between sign-ins.
import type { ApiLocation } from './id-token';
import { apiLocationFromAudience } from './id-token';
import { listenForCallback } from './loopback';
import { buildAuthorizationRequest, checkCallback, exchangeCode, type OAuthClientConfig, type TokenSet } from './oauth-protocol';

export interface SignInIdentity<U> {
  user: U;
  location: ApiLocation;
}

export interface SignInOptions<U> {
  client: OAuthClientConfig;
  port: number;
  scopes: string;
  timeoutMs: number;
  /** Where to look for the user when the id_token names no API host. */
  fallbacks: ApiLocation[];
  /** The identity server is not PagerDuty's (a simulator): believe a custom `aud`. */
  customIdentity: boolean;
  onExchanging(): void;
  /** Finds the user with the fresh access token at one location; throws if it cannot. */
  identify(tokens: TokenSet, location: ApiLocation): Promise<U>;
  /** What the browser tab says on success (no secrets). */
  successMessage(user: U): string;
}

export interface SignInResult<U> {
  tokens: TokenSet;
  location: ApiLocation;
  user: U;
}

export class SignInCancelled extends Error {
  constructor() {
    super('The sign-in was cancelled.');
    this.name = 'SignInCancelled';
  }
}

export interface PendingSignIn<U> {
  authorizeUrl: string;
  result: Promise<SignInResult<U>>;
  cancel(): void;
}

/** Binds the listener first, so a busy port is reported before any browser opens. */
export async function beginSignIn<U>(options: SignInOptions<U>): Promise<PendingSignIn<U>> {
  const listener = await listenForCallback(options.port);
  let request: Awaited<ReturnType<typeof buildAuthorizationRequest>>;
  try {
    request = await buildAuthorizationRequest(options.client, listener.redirectUri, options.scopes);
  } catch (error) {
    await listener.close();
    throw error;
  }

  let cancel: () => void = () => {};
  const cancelled = new Promise<never>((_, reject) => (cancel = () => reject(new SignInCancelled())));
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`No answer came back from the PagerDuty sign-in page within ${Math.round(options.timeoutMs / 60_000) || 1} minute(s). Start the sign-in again.`)),
      options.timeoutMs,
    );
  });
  // Either may settle unobserved once the race is over.
  cancelled.catch(() => undefined);
  timedOut.catch(() => undefined);

  const run = async (): Promise<SignInResult<U>> => {
    const callback = await Promise.race([listener.received, cancelled, timedOut]);
    // The first callback decides: a forged or stale one (wrong state) ends this sign-in rather than
    // leaving a listener open for more guesses; the person simply starts again.
    try {
      const params = checkCallback(options.client, callback.url, request.state);
      options.onExchanging();
      const tokens = await Promise.race([exchangeCode(options.client, params, listener.redirectUri, request.codeVerifier), cancelled]);
      const fromToken = apiLocationFromAudience(tokens.idTokenClaims?.aud, options.fallbacks[0] as ApiLocation, options.customIdentity);
      const candidates = tokens.idTokenClaims?.aud ? [fromToken] : options.fallbacks;
      let lastError: unknown = null;
      for (const location of candidates) {
        try {
          const user = await Promise.race([options.identify(tokens, location), cancelled]);
          await callback.respond(true, options.successMessage(user));
          return { tokens, location, user };
        } catch (error) {
          if (error instanceof SignInCancelled) throw error;
          lastError = error;
        }
      }
      throw new Error(`Signed in, but PagerDuty did not say who the user is (${(lastError as Error)?.message ?? 'no API host answered'}). Try again.`);
    } catch (error) {
      const message = error instanceof SignInCancelled ? 'The sign-in was cancelled in the app.' : (error as Error).message;
      await callback.respond(false, message);
      throw error;
    }
  };

  const result = run().finally(async () => {
    clearTimeout(timer);
    await listener.close();
  });
  return { authorizeUrl: request.url, result, cancel: () => cancel() };
}
