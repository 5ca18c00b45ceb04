// The PagerDuty REST v2 client: auth headers, `From` on writes, bounded retries, rate-limit waits,
// timeouts and classic offset pagination. Tools call PagerDuty only through this.
import { MAYBE_APPLIED, httpErrorMessage, parseErrorBody, pdError } from './errors';
import { encodeQuery, joinUrl } from './query';
import {
  PagerDutyError,
  type PagerDutyApi,
  type PdAuth,
  type PdAuthProvider,
  type PdListResult,
  type PdRequest,
  type PdResponse,
  type QueryValue,
} from './types';

export interface PagerDutyClientOptions {
  /** e.g. https://api.pagerduty.com (see regionBaseUrl) or a simulator's region base. */
  baseUrl: string;
  auth: PdAuthProvider;
  fetch?: typeof fetch;
  /** Per attempt. Default 30 s. */
  timeoutMs?: number;
  /** Retries of a GET after a 5xx or network failure. Default 2. Writes are never retried this way. */
  maxRetries?: number;
  /** Total time spent waiting out 429s for one request before giving up. Default 60 s. */
  maxRateLimitWaitMs?: number;
  userAgent?: string;
  /** Injected in tests to observe and shorten waits. */
  sleep?: (ms: number) => Promise<void>;
}

const ACCEPT = 'application/vnd.pagerduty+json;version=2';
const PAGE_LIMIT = 100;
const DEFAULT_CAP = 100;
const MAX_CAP = 1000;
// PagerDuty refuses offset+limit beyond this with a 400 (code 2002).
const MAX_WINDOW = 10_000;
// A 429 without ratelimit-reset (the docs say it happens) gets a short backoff instead.
const RATE_LIMIT_FALLBACK_MS = 1_000;
const MAX_RATE_LIMIT_ATTEMPTS = 10;
const BACKOFF_BASE_MS = 300;

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function createPagerDutyClient(options: PagerDutyClientOptions): PagerDutyApi {
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const maxRetries = options.maxRetries ?? 2;
  const maxRateLimitWaitMs = options.maxRateLimitWaitMs ?? 60_000;
  const sleep = options.sleep ?? realSleep;

  const cancelled = (req: PdRequest) =>
    pdError(
      `The PagerDuty request ${req.method} ${req.path} was cancelled.${req.method !== 'GET' ? ` ${MAYBE_APPLIED}` : ''}`,
      'cancelled',
      {},
    );

  /** Waits, but gives up at once if the caller cancels. */
  const wait = async (ms: number, req: PdRequest) => {
    const signal = req.signal;
    if (signal?.aborted) throw cancelled(req);
    if (!signal) return sleep(ms);
    let onAbort: () => void = () => {};
    const aborted = new Promise<never>((_, reject) => {
      onAbort = () => reject(cancelled(req));
      signal.addEventListener('abort', onAbort, { once: true });
    });
    try {
      await Promise.race([sleep(ms), aborted]);
    } finally {
      signal.removeEventListener('abort', onAbort);
    }
  };

  const headersFor = (req: PdRequest, auth: PdAuth): Record<string, string> => {
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers ?? {})) {
      if (!/^(authorization|from)$/i.test(name)) headers[name] = value;
    }
    headers.Accept = ACCEPT;
    headers.Authorization = auth.authorization;
    if (req.body !== undefined) headers['Content-Type'] = 'application/json';
    // PagerDuty attributes (and, for account keys, requires) an actor on writes.
    if (req.method !== 'GET' && auth.fromEmail) headers.From = auth.fromEmail;
    if (options.userAgent) headers['User-Agent'] = options.userAgent;
    return headers;
  };

  async function request<T = unknown>(req: PdRequest): Promise<PdResponse<T>> {
    const url = joinUrl(options.baseUrl, req.path) + encodeQuery(req.query);
    const isRead = req.method === 'GET';
    const perAttemptTimeout = req.timeoutMs ?? timeoutMs;
    let refreshed = false;
    let retries = 0;
    let rateLimitAttempts = 0;
    let rateLimitWaited = 0;

    for (;;) {
      if (req.signal?.aborted) throw cancelled(req);
      const auth = await options.auth.current();
      const timeout = AbortSignal.timeout(perAttemptTimeout);
      const signal = req.signal ? AbortSignal.any([req.signal, timeout]) : timeout;

      let status: number;
      let text: string;
      let requestId: string | null;
      let resetHeader: string | null;
      try {
        const res = await fetchImpl(url, {
          method: req.method,
          headers: headersFor(req, auth),
          body: req.body === undefined ? undefined : JSON.stringify(req.body),
          signal,
        });
        status = res.status;
        requestId = res.headers.get('x-request-id');
        resetHeader = res.headers.get('ratelimit-reset');
        text = await res.text();
      } catch (err) {
        if (req.signal?.aborted) throw cancelled(req);
        if (timeout.aborted) {
          throw pdError(
            `PagerDuty did not answer ${req.method} ${req.path} within ${Math.round(perAttemptTimeout / 1000)} s.` +
              (isRead ? ' Try again in a moment.' : ` ${MAYBE_APPLIED}`),
            'timeout',
            {},
          );
        }
        if (isRead && retries < maxRetries) {
          await wait(backoff(retries++), req);
          continue;
        }
        const cause = err instanceof Error ? ((err.cause as Error | undefined)?.message ?? err.message) : String(err);
        throw pdError(
          `Could not reach PagerDuty at ${new URL(url).host} for ${req.method} ${req.path} (${cause}).` +
            (isRead ? ' Check the network connection and try again.' : ` ${MAYBE_APPLIED}`),
          'network',
          { secret: auth.authorization },
        );
      }

      if (status >= 200 && status < 300) {
        let data: unknown = null;
        if (text.trim() !== '') {
          try {
            data = JSON.parse(text);
          } catch {
            throw pdError(`PagerDuty answered ${req.method} ${req.path} with a response that is not JSON.`, 'http', {
              status,
              requestId,
            });
          }
        }
        return { status, data: data as T, requestId };
      }

      if (status === 401 && !refreshed && options.auth.refreshAfterUnauthorized) {
        refreshed = true;
        if (await options.auth.refreshAfterUnauthorized()) continue;
      }

      const body = parseErrorBody(text);
      if (status === 429) {
        // A 429 means PagerDuty did not process the request, so writes may be retried too.
        const reset = Number(resetHeader);
        const waitMs = resetHeader !== null && Number.isFinite(reset) && reset >= 0 ? reset * 1000 : RATE_LIMIT_FALLBACK_MS * 2 ** rateLimitAttempts;
        if (rateLimitAttempts < MAX_RATE_LIMIT_ATTEMPTS && rateLimitWaited + waitMs <= maxRateLimitWaitMs) {
          rateLimitAttempts++;
          rateLimitWaited += waitMs;
          await wait(waitMs, req);
          continue;
        }
        const again = Math.max(1, Math.ceil(waitMs / 1000));
        throw pdError(
          `PagerDuty's rate limit was reached (429) and did not clear in time. Wait about ${again} s and try again; ` +
            'fewer or narrower requests help.',
          'rate_limited',
          { status, code: body.code, errors: body.errors, requestId, secret: auth.authorization },
        );
      }

      if (status >= 500 && isRead && retries < maxRetries) {
        await wait(backoff(retries++), req);
        continue;
      }

      throw pdError(httpErrorMessage(req, status, body), 'http', {
        status,
        code: body.code,
        errors: body.errors,
        requestId,
        secret: auth.authorization,
      });
    }
  }

  async function list<T = unknown>(
    path: string,
    key: string,
    query: Record<string, QueryValue> = {},
    listOptions: { cap?: number; signal?: AbortSignal; total?: boolean } = {},
  ): Promise<PdListResult<T>> {
    const cap = Math.max(1, Math.min(Math.floor(listOptions.cap ?? DEFAULT_CAP), MAX_CAP));
    let offset = Number(query.offset ?? 0) || 0;
    const items: T[] = [];
    let more = false;
    let total: number | null = null;
    let requestId: string | null = null;

    while (items.length < cap) {
      const limit = Math.min(PAGE_LIMIT, cap - items.length, MAX_WINDOW - offset);
      if (limit <= 0) {
        more = true; // PagerDuty will not page past its window; report that records were left
        break;
      }
      const res = await request<Record<string, unknown>>({
        method: 'GET',
        path,
        query: { ...query, limit, offset, total: listOptions.total ? true : undefined },
        signal: listOptions.signal,
      });
      requestId = res.requestId;
      const page = res.data?.[key];
      if (!Array.isArray(page)) {
        throw pdError(`PagerDuty's answer to GET ${path} had no "${key}" list.`, 'http', {
          status: res.status,
          requestId,
        });
      }
      if (typeof res.data.total === 'number') total = res.data.total;
      items.push(...(page as T[]));
      more = res.data.more === true;
      // The next offset follows what actually arrived, not the echoed limit.
      offset += page.length;
      if (!more || page.length === 0) break;
    }
    if (items.length > cap) {
      items.length = cap;
      more = true;
    }
    return { items, more, total, requestId };
  }

  return { request, list };
}

function backoff(attempt: number): number {
  // Full jitter between half and all of the exponential step.
  const step = BACKOFF_BASE_MS * 2 ** attempt;
  return Math.round(step / 2 + Math.random() * (step / 2));
}

export { PagerDutyError };
