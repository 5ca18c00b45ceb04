// Whether a credential may write, found without changing anything: a bulk incident update with an
// empty list. PagerDuty checks permission before it looks at the body, so a read-only key or a read-only
// OAuth scope gets 403, while a full-access credential gets 200/400 for an update of nothing.
import { PagerDutyError, type PagerDutyApi } from '../pagerduty';

/** true = read-only, false = writes allowed, null = could not tell (e.g. network trouble). */
export async function probeReadOnly(api: PagerDutyApi): Promise<boolean | null> {
  try {
    await api.request({ method: 'PUT', path: '/incidents', body: { incidents: [] }, timeoutMs: 15_000 });
    return false;
  } catch (error) {
    if (!(error instanceof PagerDutyError) || error.status === null) return null;
    if (error.status === 403) return true;
    if (error.status === 400 || error.status === 409 || error.status === 413) return false;
    return null;
  }
}

/**
 * When the credential is known to be read-only, a refused write says exactly that (PagerDuty's own 403
 * could also mean a missing scope or role), so the AI can tell the person what to change.
 */
export function explainReadOnlyWrites(api: PagerDutyApi, cause: string): PagerDutyApi {
  return {
    list: (...args) => api.list(...args),
    async request(req) {
      try {
        return await api.request(req);
      } catch (error) {
        if (req.method === 'GET' || !(error instanceof PagerDutyError) || error.status !== 403) throw error;
        throw new PagerDutyError(`${cause} ${error.message}`, error.kind, error.status, error.code, error.errors, error.requestId);
      }
    },
  };
}
