// Names for the ids in an ask prompt. "PINC0042" means nothing to a person; "#42 Database down" does.
// Looked up read-only through the call's own PagerDuty connection, before asking, within a time and a
// count bound. A failed or skipped lookup is shown as such and never blocks the prompt.
import type { AskIdLabel } from '../../../shared/model';
import { PagerDutyError, type PagerDutyApi } from '../pagerduty/types';

type Kind = AskIdLabel['kind'];

export const MAX_LOOKUPS = 25;
export const LOOKUP_TIMEOUT_MS = 2_000;
const CONCURRENCY = 8;
const MAX_DEPTH = 4;

// Argument names the catalog uses for ids: incident_id(s), assignee_user_id, escalation_policy_ids, …
const KINDS: readonly [RegExp, Kind][] = [
  [/(^|_)incident_ids?$/, 'incident'],
  [/(^|_)service_ids?$/, 'service'],
  [/(^|_)user_ids?$/, 'user'],
  [/(^|_)schedule_ids?$/, 'schedule'],
  [/(^|_)escalation_policy_ids?$/, 'escalation_policy'],
];
// Incident numbers count too: GET /incidents/{number} answers for them.
const LOOKUP_ID = /^[A-Za-z0-9]{1,64}$/;

type Found = { path: string; kind: Kind; id: string };

const str = (v: unknown) => (typeof v === 'string' && v ? v : null);

const RESOURCES: Record<Kind, { path: string; key: string; label(data: Record<string, unknown>): string | null }> = {
  incident: {
    path: '/incidents/',
    key: 'incident',
    label: (i) => (str(i.title) ? `${i.incident_number !== undefined ? `#${String(i.incident_number)} ` : ''}${String(i.title)}` : null),
  },
  service: { path: '/services/', key: 'service', label: (s) => str(s.name) ?? str(s.summary) },
  user: { path: '/users/', key: 'user', label: (u) => (str(u.name) ? `${String(u.name)}${str(u.email) ? ` (${String(u.email)})` : ''}` : str(u.summary)) },
  schedule: { path: '/schedules/', key: 'schedule', label: (s) => str(s.name) ?? str(s.summary) },
  escalation_policy: { path: '/escalation_policies/', key: 'escalation_policy', label: (e) => str(e.name) ?? str(e.summary) },
};

function kindOf(key: string): Kind | null {
  for (const [pattern, kind] of KINDS) if (pattern.test(key)) return kind;
  return null;
}

/** Every id-named argument value, with where it is ("incident_ids[3]", "layers[0].user_ids[1]"). */
export function findIds(args: Record<string, unknown>): Found[] {
  const found: Found[] = [];
  const walk = (value: unknown, at: string, depth: number) => {
    if (depth > MAX_DEPTH || value === null || typeof value !== 'object') return;
    if (Array.isArray(value)) {
      value.forEach((item, i) => walk(item, `${at}[${i}]`, depth + 1));
      return;
    }
    for (const [key, item] of Object.entries(value)) {
      const here = at ? `${at}.${key}` : key;
      const kind = kindOf(key);
      if (kind && typeof item === 'string') found.push({ path: here, kind, id: item });
      else if (kind && Array.isArray(item)) item.forEach((x, i) => typeof x === 'string' && found.push({ path: `${here}[${i}]`, kind, id: x }));
      else walk(item, here, depth + 1);
    }
  };
  walk(args, '', 0);
  return found;
}

function failure(error: unknown, signal: AbortSignal): string {
  if (signal.aborted) return 'lookup timed out';
  if (error instanceof PagerDutyError) {
    if (error.status === 404) return 'not found in PagerDuty';
    if (error.kind === 'timeout' || error.kind === 'cancelled') return 'lookup timed out';
    return error.status ? `lookup failed (HTTP ${error.status})` : 'lookup failed (PagerDuty did not answer)';
  }
  return 'lookup failed';
}

/** The ids in `args` with their names; never throws, never takes much longer than `timeoutMs`. */
export async function lookupIdNames(
  api: PagerDutyApi,
  args: Record<string, unknown>,
  options: { signal: AbortSignal; timeoutMs?: number; maxLookups?: number },
): Promise<AskIdLabel[]> {
  const found = findIds(args);
  if (found.length === 0) return [];
  const maxLookups = options.maxLookups ?? MAX_LOOKUPS;
  const signal = AbortSignal.any([options.signal, AbortSignal.timeout(options.timeoutMs ?? LOOKUP_TIMEOUT_MS)]);
  const results = new Map<string, { label: string | null; error: string | null }>();
  const keyOf = (f: { kind: Kind; id: string }) => `${f.kind}:${f.id}`;
  const unique = [...new Map(found.map((f) => [keyOf(f), f])).values()];
  const todo = unique.filter((f) => LOOKUP_ID.test(f.id)).slice(0, maxLookups);
  const lookUp = async (f: Found) => {
    const r = RESOURCES[f.kind];
    try {
      const res = await api.request<Record<string, Record<string, unknown>>>({ method: 'GET', path: `${r.path}${encodeURIComponent(f.id)}`, signal, timeoutMs: options.timeoutMs ?? LOOKUP_TIMEOUT_MS });
      const label = r.label(res.data?.[r.key] ?? {});
      results.set(keyOf(f), label ? { label, error: null } : { label: null, error: 'PagerDuty gave no name' });
    } catch (error) {
      results.set(keyOf(f), { label: null, error: failure(error, signal) });
    }
  };
  let next = 0;
  const worker = async () => {
    while (next < todo.length && !signal.aborted) await lookUp(todo[next++]!);
  };
  // The timeout wins even over a request that ignores its signal: what is not back by then is "timed out".
  const deadline = new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
  await Promise.race([Promise.all(Array.from({ length: Math.min(CONCURRENCY, todo.length) }, worker)), deadline]);
  const looked = new Set(todo.map(keyOf));
  return found.map((f) => {
    const hit = results.get(keyOf(f));
    if (hit) return { ...f, ...hit };
    const error = !LOOKUP_ID.test(f.id)
      ? 'not a PagerDuty id, not looked up'
      : looked.has(keyOf(f))
        ? 'lookup timed out'
        : `not looked up (only the first ${maxLookups} ids are)`;
    return { ...f, label: null, error };
  });
}
