// Where credentials may be sent. A REST key or OAuth token must never travel over plain http to a
// remote host; plain http is only for a simulator on this machine.
import { ContractError } from '../../../shared/contract';

export const DEFAULT_AUTH_BASE_URL = 'https://identity.pagerduty.com';

export function isLoopbackHttp(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname);
  } catch {
    return false;
  }
}

/** Accepts https anywhere and http only on loopback; strips a trailing slash. */
export function checkCredentialUrl(url: string, field: string): string {
  const u = new URL(url);
  if (u.protocol !== 'https:' && !isLoopbackHttp(url)) {
    throw new ContractError(
      'insecure_url',
      `${url} uses plain http, which would send your PagerDuty credentials unencrypted. Use an https URL (http is allowed only for 127.0.0.1 / localhost).`,
      field,
    );
  }
  return url.replace(/\/+$/, '');
}
