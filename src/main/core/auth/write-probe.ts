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
