// Output shaping shared by every tool. PagerDuty objects are large (an incident with includes can be tens
// of KB); an AI needs ids, summaries, links, statuses and times. Shapers keep those, drop the rest, and a
// size cap keeps one result from flooding the client's context window.

/** Largest JSON text one tool result may produce. */
export const MAX_RESULT_BYTES = 60_000;

export type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Drops undefined and null fields so compact output stays compact. */
export function clean<T extends Json>(obj: T): Partial<T> {
  const out: Json = {};
  for (const [k, v] of Object.entries(obj)) if (v !== undefined && v !== null) out[k] = v;
  return out as Partial<T>;
}

/** A reference as an AI needs it: `{id, summary, html_url}` (type only when it disambiguates). */
export function ref(value: unknown, opts: { keepType?: boolean } = {}): Json | null {
  if (!isObject(value)) return null;
  const summary = value.summary ?? value.name ?? value.title;
  return clean({
    id: value.id,
    ...(opts.keepType ? { type: value.type } : {}),
    summary,
    html_url: value.html_url,
  });
}

export function refs(values: unknown, opts: { keepType?: boolean } = {}): Json[] {
  if (!Array.isArray(values)) return [];
  return values.map((v) => ref(v, opts)).filter((v): v is Json => v !== null);
}

/** The listed fields of an object, in that order, leaving out missing ones. */
export function pick(value: unknown, keys: readonly string[]): Json {
  if (!isObject(value)) return {};
  const out: Json = {};
  for (const k of keys) if (value[k] !== undefined) out[k] = value[k];
  return out;
}

export interface ListMeta {
  more: boolean;
  total?: number | null;
}

/**
 * A list result: the items under their plural, a count, and — when PagerDuty had more than we fetched —
 * `more: true` and a note telling the AI how to narrow the search, so it never mistakes a page for the whole.
 */
export function listResult(plural: string, items: unknown[], meta: ListMeta, hint?: string): Json {
  const out: Json = { [plural]: items, count: items.length, more: meta.more };
  if (meta.total !== undefined && meta.total !== null) out.total = meta.total;
  if (meta.more) {
    out.note = `More ${plural.replace(/_/g, ' ')} exist than were returned. ${hint ?? 'Narrow the filters or raise limit (maximum 100).'}`;
  }
  return out;
}

function byteLength(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value) ?? '', 'utf8');
}

/** The longest array directly inside the result (the list an AI is paging through), if any. */
function largestArrayKey(obj: Json): string | null {
  let best: string | null = null;
  let bestSize = 0;
  for (const [k, v] of Object.entries(obj)) {
    if (Array.isArray(v) && v.length > 0) {
      const size = byteLength(v);
      if (size > bestSize) {
        best = k;
        bestSize = size;
      }
    }
  }
  return best;
}

function truncateStrings(value: unknown, max: number): unknown {
  if (typeof value === 'string') return value.length > max ? `${value.slice(0, max)}… [truncated]` : value;
  if (Array.isArray(value)) return value.map((v) => truncateStrings(v, max));
  if (isObject(value)) {
    const out: Json = {};
    for (const [k, v] of Object.entries(value)) out[k] = truncateStrings(v, max);
    return out;
  }
  return value;
}

/**
 * Keeps a result under `maxBytes` of JSON. Lists lose items from the end (the result then says
 * `truncated: true` with how many were kept and dropped); anything else has long strings shortened.
 */
export function capSize<T>(result: T, maxBytes = MAX_RESULT_BYTES): T | Json {
  if (byteLength(result) <= maxBytes) return result;
  if (isObject(result)) {
    const key = largestArrayKey(result);
    if (key) {
      const all = result[key] as unknown[];
      // Binary search for the longest prefix that fits, leaving room for the note.
      let lo = 0;
      let hi = all.length;
      const build = (n: number): Json => ({
        ...result,
        [key]: all.slice(0, n),
        ...('count' in result ? { count: n } : {}),
        more: true,
        truncated: true,
        note: `Output was cut to ${n} of ${all.length} ${key.replace(/_/g, ' ')} to stay under ${Math.round(maxBytes / 1000)} KB. Ask for fewer (lower limit) or narrow the filters to see the rest.`,
      });
      while (lo < hi) {
        const mid = Math.ceil((lo + hi) / 2);
        if (byteLength(build(mid)) <= maxBytes) lo = mid;
        else hi = mid - 1;
      }
      const shaped = build(lo);
      if (byteLength(shaped) <= maxBytes) return shaped;
    }
  }
  for (const max of [2000, 500, 100]) {
    const shortened = truncateStrings(result, max) as Json;
    if (byteLength(shortened) <= maxBytes) {
      return isObject(shortened) ? { ...shortened, truncated: true } : shortened;
    }
  }
  return { truncated: true, note: `The result was larger than ${Math.round(maxBytes / 1000)} KB and could not be shortened; ask for a narrower result.` };
}

/** The compact form of a user. */
export function userSummary(u: unknown): Json {
  return clean({ ...pick(u, ['id', 'name', 'email', 'role', 'job_title', 'time_zone', 'html_url']), teams: isObject(u) && Array.isArray(u.teams) ? refs(u.teams) : undefined });
}
