// Small pure formatters shared by the pages; kept free of React and the DOM so they are unit-tested.

/** The sentence to show for a failed call: the core's own message (it says what to do) when it has one. */
export function errorMessage(error: unknown): string {
  if (error && typeof error === 'object' && 'message' in error && typeof (error as { message: unknown }).message === 'string') {
    const message = (error as { message: string }).message.trim();
    if (message) return /[.!?]$/.test(message) ? message : `${message}.`;
  }
  return 'Something went wrong. Try again; if it keeps failing, restart the app.';
}

/** The form field a failed call names (ContractError.field), if any. */
export function errorField(error: unknown): string | null {
  if (error && typeof error === 'object' && 'field' in error) {
    const field = (error as { field: unknown }).field;
    return typeof field === 'string' && field ? field : null;
  }
  return null;
}

/** Beside its field the field's name is redundant: "port: Use a port…" → "Use a port…". */
export function stripFieldPrefix(message: string, field: string | null): string {
  if (!field || !message.startsWith(`${field}: `)) return message;
  const rest = message.slice(field.length + 2);
  return rest.charAt(0).toUpperCase() + rest.slice(1);
}

export function errorCode(error: unknown): string | null {
  if (error && typeof error === 'object' && 'code' in error) {
    const code = (error as { code: unknown }).code;
    return typeof code === 'string' ? code : null;
  }
  return null;
}

/** "just now", "5 min ago", "3 h ago", "2 days ago"; falls back to the date. */
export function formatRelative(iso: string | null, now: number = Date.now()): string {
  if (!iso) return 'never';
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return 'unknown';
  const s = Math.round((now - t) / 1000);
  if (s < 0) return 'just now';
  if (s < 45) return 'just now';
  const m = Math.round(s / 60);
  if (m < 60) return `${m} min ago`;
  const h = Math.round(m / 60);
  if (h < 24) return `${h} h ago`;
  const d = Math.round(h / 24);
  if (d < 14) return `${d} day${d === 1 ? '' : 's'} ago`;
  return new Date(t).toISOString().slice(0, 10);
}

export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '—';
  if (ms < 1) return '<1 ms';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
  return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}

/** Local wall-clock time with seconds, e.g. "14:03:22"; the date too when not today. */
export function formatTime(iso: string, now: Date = new Date()): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const pad = (n: number) => String(n).padStart(2, '0');
  const time = `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
  const sameDay = d.getFullYear() === now.getFullYear() && d.getMonth() === now.getMonth() && d.getDate() === now.getDate();
  return sameDay ? time : `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${time}`;
}

/** Seconds left until `expiresAt` as "m:ss" (never negative) plus the raw number. */
export function countdown(expiresAt: string, now: number = Date.now()): { seconds: number; text: string } {
  const seconds = Math.max(0, Math.ceil((Date.parse(expiresAt) - now) / 1000));
  return { seconds, text: `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}` };
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** Human words for the product's enum values. */
export const LABELS = {
  approval: { pending_review: 'Pending review', approved: 'Approved', ask_each_time: 'Ask each time', denied: 'Denied' },
  connection: { not_configured: 'Not configured', needs_auth: 'Needs sign-in', connected: 'Connected', error: 'Error' },
  decision: {
    allowed: 'Allowed',
    ask_approved: 'Asked · approved',
    ask_denied: 'Asked · denied',
    not_approved: 'Not approved',
    not_in_profile: 'Not in profile',
    paused: 'Paused',
    not_connected: 'Not connected',
    ask_timeout: 'Asked · timed out',
    ask_cancelled: 'Asked · cancelled by the client',
    unknown_tool: 'Unknown tool',
    ask_granted: 'Allowed for 15 min',
    rule_denied: 'Denied by rule',
  },
  outcome: { ok: 'OK', error: 'Error', refused: 'Refused', started: 'Sent' },
  /** The header pill, where "PagerDuty" is not said anywhere else. */
  connectionPill: {
    not_configured: 'PagerDuty not connected',
    needs_auth: 'PagerDuty needs sign-in',
    connected: 'PagerDuty connected',
    error: 'PagerDuty connection error',
  },
} as const;
