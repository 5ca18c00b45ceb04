// Checks a REST API key before anything is saved: PagerDuty must accept it, and the actor email must be
// a user of the same account. Account-level keys cannot ask "who am I" (/users/me answers 400), so the
// key's level comes from that answer too.
import { ContractError } from '../../../shared/contract';
import { createPagerDutyClient, PagerDutyError, type PagerDutyApi } from '../pagerduty';
import { probeReadOnly } from './write-probe';

export interface PdUserSummary {
  id: string;
  name: string | null;
  email: string;
}

export interface ApiKeyCheck {
  keyLevel: 'account' | 'user';
  /** The key's own user (user-level keys only). */
  keyUser: PdUserSummary | null;
  actor: PdUserSummary;
  readOnly: boolean | null;
}

export function apiKeyClient(baseUrl: string, apiKey: string, actorEmail: string | null, fetchImpl?: typeof fetch): PagerDutyApi {
  return createPagerDutyClient({
    baseUrl,
    fetch: fetchImpl,
    maxRetries: 1,
    timeoutMs: 15_000,
    auth: { current: async () => ({ authorization: `Token token=${apiKey}`, fromEmail: actorEmail }) },
  });
}

export function toUser(raw: unknown): PdUserSummary | null {
  const u = raw as { id?: unknown; name?: unknown; email?: unknown } | null;
  if (!u || typeof u.id !== 'string' || typeof u.email !== 'string') return null;
  return { id: u.id, name: typeof u.name === 'string' ? u.name : null, email: u.email };
}

function unreachable(baseUrl: string, error: PagerDutyError): ContractError {
  return new ContractError(
    'pagerduty_unreachable',
    `Could not check the key: PagerDuty at ${baseUrl} did not answer (${error.message}). Nothing was saved; check the region or base URL and the network, then try again.`,
    'baseUrl',
  );
}

export async function verifyApiKey(options: { baseUrl: string; apiKey: string; actorEmail: string; fetch?: typeof fetch }): Promise<ApiKeyCheck> {
  const { baseUrl, actorEmail } = options;
  const api = apiKeyClient(baseUrl, options.apiKey, actorEmail, options.fetch);

  let keyLevel: 'account' | 'user' = 'user';
  let keyUser: PdUserSummary | null = null;
  try {
    const me = await api.request<{ user?: unknown }>({ method: 'GET', path: '/users/me' });
    keyUser = toUser(me.data?.user);
  } catch (error) {
    if (!(error instanceof PagerDutyError)) throw error;
    if (error.status === 401) {
      throw new ContractError(
        'api_key_rejected',
        'PagerDuty rejected this API key (401). Copy the whole key again from PagerDuty (Integrations → API Access Keys), check it was not deleted, ' +
          'and check the region (a key of an EU account only works with EU). Nothing was saved.',
        'apiKey',
      );
    }
    if (error.status === 400) keyLevel = 'account';
    else if (error.status === null) throw unreachable(baseUrl, error);
    else throw new ContractError('api_key_check_failed', `PagerDuty refused to identify this key (${error.message}). Nothing was saved.`, 'apiKey');
  }

  let actor: PdUserSummary | null = null;
  try {
    const found = await api.list<unknown>('/users', 'users', { query: actorEmail }, { cap: 100 });
    actor = found.items.map(toUser).find((u) => u?.email.toLowerCase() === actorEmail.toLowerCase()) ?? null;
  } catch (error) {
    if (!(error instanceof PagerDutyError)) throw error;
    if (error.status === null) throw unreachable(baseUrl, error);
    throw new ContractError('actor_check_failed', `Could not look up the actor email with this key (${error.message}). Nothing was saved.`, 'actorEmail');
  }
  if (!actor) {
    throw new ContractError(
      'unknown_actor_email',
      `No PagerDuty user has the email ${actorEmail}; the actor email must be a user of this account. Nothing was saved.`,
      'actorEmail',
    );
  }

  return { keyLevel, keyUser, actor, readOnly: await probeReadOnly(api) };
}
