// PagerDuty identity (OAuth) endpoints of the simulator: authorize page with consent, token endpoint
// with PKCE S256, single-use codes, refresh rotation, revocation. Filled in by the auth work.
import type http from 'node:http';
import type { SimDb } from './types';

export interface OAuthSimOptions {
  /** Seconds an access token lives (shorten in tests to exercise refresh). */
  accessTokenTtlSeconds: number;
}

/** Returns true if it handled the request (paths under /oauth/). */
export function handleOAuth(_req: http.IncomingMessage, _res: http.ServerResponse, _db: SimDb, _options: OAuthSimOptions): boolean | Promise<boolean> {
  return false;
}
