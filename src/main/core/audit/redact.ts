// The default redaction the call path applies before an entry is appended (and the log applies again
// as a safety net). The audit view should show what a call was about, never a credential, and never
// a multi-megabyte payload: keys are kept, secret-looking values replaced, long text shortened.
import { scrub } from '../log';

export interface RedactOptions {
  /** Strings longer than this are cut to this many characters plus "…(N chars)". */
  maxString?: number;
  /** Deeper levels are replaced by "[nested]". */
  maxDepth?: number;
  /** Arrays keep this many items plus a "…(N more)" marker; objects this many keys. */
  maxItems?: number;
}

// Custom HTTP headers (e.g. a webhook subscription's) often carry credentials: their values are never kept.
const SECRET_WORDS = /token|secret|passw|passphrase|authori[sz]ation|cookie|credential|api[-_]?key|private[-_]?key|header/;
const SHORTENED = /…\(\d+ chars\)$/;
export const REDACTED = '[redacted]';

// PagerDuty's de-duplication keys name an incident or alert; they open nothing.
const NOT_SECRET_KEYS = new Set(['incident_key', 'alert_key', 'dedup_key']);

/** "apiKey", "client_secret", "X-Auth-Token", "key" are secret-looking; "keyword", "monkey" and "incident_key" are not. */
export function isSecretKey(key: string): boolean {
  const lower = key.toLowerCase();
  if (NOT_SECRET_KEYS.has(lower)) return false;
  if (SECRET_WORDS.test(lower)) return true;
  const words = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase().split(/[^a-z0-9]+/);
  return words.includes('key') || words.includes('keys') || words.includes('pwd');
}

export function redactArgs(args: unknown, options: RedactOptions = {}): Record<string, unknown> {
  const limits = { maxString: options.maxString ?? 200, maxDepth: options.maxDepth ?? 6, maxItems: options.maxItems ?? 50 };
  try {
    if (args === null || typeof args !== 'object' || Array.isArray(args)) {
      // Tools take an object; anything else is kept under one key rather than dropped.
      return args === undefined ? {} : { value: redactValue(args, 1, limits, new WeakSet()) };
    }
    return redactObject(args as Record<string, unknown>, 1, limits, new WeakSet());
  } catch {
    // Getters that throw, proxies, exotic objects: say so instead of failing the call's audit entry.
    return { unreadable: '[arguments could not be read]' };
  }
}

type Limits = { maxString: number; maxDepth: number; maxItems: number };

function redactObject(value: Record<string, unknown>, depth: number, limits: Limits, seen: WeakSet<object>): Record<string, unknown> {
  seen.add(value);
  const out: Record<string, unknown> = {};
  const keys = Object.keys(value);
  for (const key of keys.slice(0, limits.maxItems)) {
    const item = value[key];
    if (item === undefined || typeof item === 'function' || typeof item === 'symbol') continue;
    out[key] = isSecretKey(key) && item !== null && item !== '' ? REDACTED : redactValue(item, depth + 1, limits, seen);
  }
  if (keys.length > limits.maxItems) out['…'] = `(${keys.length - limits.maxItems} more keys)`;
  return out;
}

function redactValue(value: unknown, depth: number, limits: Limits, seen: WeakSet<object>): unknown {
  if (value === null) return null;
  switch (typeof value) {
    case 'string':
      return shorten(scrub(value), limits.maxString);
    case 'number':
      return Number.isFinite(value) ? value : String(value);
    case 'boolean':
      return value;
    case 'bigint':
      return value.toString();
    case 'object':
      break;
    default:
      return null;
  }
  const object = value as object;
  if (seen.has(object)) return '[circular]';
  if (depth > limits.maxDepth) return '[nested]';
  if (object instanceof Date) return Number.isNaN(object.getTime()) ? null : object.toISOString();
  if (Array.isArray(object)) {
    seen.add(object);
    const items = object.slice(0, limits.maxItems).map((item) => redactValue(item, depth + 1, limits, seen));
    if (object.length > limits.maxItems) items.push(`…(${object.length - limits.maxItems} more)`);
    seen.delete(object);
    return items;
  }
  const result = redactObject(object as Record<string, unknown>, depth, limits, seen);
  seen.delete(object);
  return result;
}

function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  // Already shortened by an earlier pass: leave it, so redaction is idempotent.
  if (SHORTENED.test(text) && text.length <= max + 24) return text;
  return `${text.slice(0, max)}…(${text.length} chars)`;
}

/**
 * For the ask prompt: the complete value — nothing shortened, nothing left out — with only secrets
 * masked (values under secret-looking keys, and credential shapes inside text). `masked` names where,
 * so the person is told a masked value is present.
 */
export function maskSecrets(args: Record<string, unknown>): { value: Record<string, unknown>; masked: string[] } {
  const masked: string[] = [];
  const walk = (value: unknown, at: string): unknown => {
    if (typeof value === 'string') {
      const clean = scrub(value);
      if (clean !== value) masked.push(at);
      return clean;
    }
    if (Array.isArray(value)) return value.map((item, i) => walk(item, `${at}[${i}]`));
    if (value === null || typeof value !== 'object') return value;
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      const here = at ? `${at}.${key}` : key;
      if (isSecretKey(key) && item !== null && item !== undefined && item !== '') {
        masked.push(here);
        out[key] = REDACTED;
      } else {
        out[key] = walk(item, here);
      }
    }
    return out;
  };
  return { value: walk(args, '') as Record<string, unknown>, masked };
}
