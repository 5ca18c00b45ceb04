// Which API host an OAuth user's account lives on. PagerDuty has one identity host for every region and
// tells the region only in the id_token's `aud` (reference/pagerduty-api.md §4.5).
import type { Region } from '../../../shared/model';

export interface ApiLocation {
  region: Region;
  /** null for PagerDuty's own hosts (the region says it all); a base URL for a simulator. */
  baseUrl: string | null;
}

const PAGERDUTY_HOSTS: Record<string, Region> = {
  'https://api.pagerduty.com': 'us',
  'https://api.eu.pagerduty.com': 'eu',
};

/** Reads the payload without verifying it: the token came straight from the token endpoint over TLS. */
export function decodeJwtPayload(jwt: string): Record<string, unknown> | null {
  const part = jwt.split('.')[1];
  if (!part) return null;
  try {
    const payload: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return payload && typeof payload === 'object' && !Array.isArray(payload) ? (payload as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/**
 * The API location named by `aud`, else the fallback. A non-PagerDuty `aud` is only believed when the
 * identity server itself is a custom (simulator) one, so a token can never point real credentials elsewhere.
 */
export function apiLocationFromAudience(aud: unknown, fallback: ApiLocation, customIdentity: boolean): ApiLocation {
  const list = Array.isArray(aud) ? aud : typeof aud === 'string' ? [aud] : [];
  for (const entry of list) {
    if (typeof entry !== 'string') continue;
    const trimmed = entry.replace(/\/+$/, '');
    const region = PAGERDUTY_HOSTS[trimmed];
    if (region) return { region, baseUrl: null };
    if (customIdentity && /^https?:\/\//.test(trimmed)) {
      return { region: /(\/eu$|\.eu\.)/.test(trimmed) ? 'eu' : 'us', baseUrl: trimmed };
    }
  }
  return fallback;
}
