// Turns PagerDuty failures into PagerDutyError messages an AI can relay and a person can act on. Every
// message says what happened and what to do next; none may contain the credential.
import { scrub } from '../log';
import { PagerDutyError, type PdRequest } from './types';

export interface PdErrorBody {
  message: string | null;
  code: number | null;
  errors: string[];
}

/** PagerDuty's `{"error":{message,code,errors}}`, its string form `{"error":"…"}`, or anything else. */
export function parseErrorBody(text: string): PdErrorBody {
  const empty: PdErrorBody = { message: null, code: null, errors: [] };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return empty; // proxies and some 401s answer with HTML or plain text
  }
  const error = (json as { error?: unknown } | null)?.error;
  if (typeof error === 'string') return { ...empty, message: error };
  if (!error || typeof error !== 'object') return empty;
  const e = error as { message?: unknown; code?: unknown; errors?: unknown };
  return {
    message: typeof e.message === 'string' ? e.message : null,
    code: typeof e.code === 'number' ? e.code : typeof e.code === 'string' && /^\d+$/.test(e.code) ? Number(e.code) : null,
    errors: Array.isArray(e.errors) ? e.errors.filter((x): x is string => typeof x === 'string') : [],
  };
}

const isWrite = (req: PdRequest) => req.method !== 'GET';
const describe = (req: PdRequest) => `${req.method} ${req.path}`;
const MAYBE_APPLIED =
  'The change may or may not have been applied: check the current state in PagerDuty before trying again.';

/** The OAuth scope PagerDuty most likely wanted, from the path's first segment (e.g. incidents.write). */
export function scopeHint(req: PdRequest): string {
  const segments = req.path.replace(/^\/+/, '').split(/[/?]/);
  // Early-access APIs live under a version prefix (/v3/schedules); the scope is named for the resource.
  const resource = (/^v\d+$/.test(segments[0]) ? segments[1] : segments[0]) || 'resource';
  return `${resource}.${isWrite(req) ? 'write' : 'read'}`;
}

function detail(body: PdErrorBody): string {
  const parts = [body.message, ...body.errors].filter((x): x is string => !!x && x.trim() !== '');
  return parts.length ? ` PagerDuty said: ${parts.join('; ')}.`.replace(/\.\.$/, '.') : '';
}

export function httpErrorMessage(req: PdRequest, status: number, body: PdErrorBody): string {
  const said = detail(body);
  switch (status) {
    case 400:
      return `PagerDuty rejected ${describe(req)} as invalid (400).${said} Correct the arguments and try again.`;
    case 401:
      return `PagerDuty rejected the credentials (401). Reconnect PagerDuty in the app.${said}`;
    case 402:
      return `PagerDuty's account does not include the feature needed for ${describe(req)} (402).${said} It needs a plan or add-on that includes it.`;
    case 403:
      return (
        `PagerDuty says ${describe(req)} is not permitted (403): the key is read-only, the OAuth scope lacks ` +
        `${scopeHint(req)}, or the user's role does not allow it.${said} Use a credential with that access ` +
        `(reconnect PagerDuty in the app with a full-access key or the needed scope).`
      );
    case 404:
      return `PagerDuty found nothing at ${req.path} (404) — check the id.${said}`;
    case 408:
      return `PagerDuty timed out processing ${describe(req)} (408).${said} ${isWrite(req) ? MAYBE_APPLIED : 'Try again in a moment.'}`;
    case 409:
      return `PagerDuty reported a conflict for ${describe(req)} (409).${said} Re-read the current state and try again.`;
    case 413:
      return `The request ${describe(req)} is too large for PagerDuty (413).${said} Split it into smaller batches.`;
    case 429:
      return `PagerDuty's rate limit was reached (429).${said} Wait a minute and try again.`;
    default:
      if (status >= 500) {
        return `PagerDuty had a server error (${status}) on ${describe(req)}.${said} ${isWrite(req) ? MAYBE_APPLIED : 'Try again in a moment.'}`;
      }
      return `PagerDuty answered ${describe(req)} with HTTP ${status}.${said}`;
  }
}

/** Builds the error, removing the credential from anything PagerDuty echoed back. */
export function pdError(
  message: string,
  kind: PagerDutyError['kind'],
  fields: { status?: number | null; code?: number | null; errors?: string[]; requestId?: string | null; secret?: string },
): PagerDutyError {
  const clean = (text: string) => {
    let out = scrub(text);
    const secret = fields.secret?.replace(/^(Token token=|Bearer )/, '');
    if (secret && secret.length >= 4) out = out.split(secret).join('[redacted]');
    return out;
  };
  return new PagerDutyError(
    clean(message),
    kind,
    fields.status ?? null,
    fields.code ?? null,
    (fields.errors ?? []).map(clean),
    fields.requestId ?? null,
  );
}

export { MAYBE_APPLIED };
