// What a route handler gets besides the request: the account, the clock, link builders and PagerDuty's
// pagination and error conventions, so every area answers the same way PagerDuty does.
import type { SimContext, SimDb, SimRequest, SimResponse } from './types';

const MAX_WINDOW = 10_000;

/** PagerDuty's plural path segment for a resource type. */
export function pluralOf(type: string): string {
  const base = type.replace(/_reference$/, '');
  if (base.endsWith('y')) return `${base.slice(0, -1)}ies`;
  if (base.endsWith('s')) return base;
  return `${base}s`;
}

export function errorResponse(status: number, code: number, message: string, errors?: string[]): SimResponse {
  return { status, body: { error: errors && errors.length ? { message, code, errors } : { message, code } } };
}

export function createContext(options: { db: SimDb; apiBase: string; webBase: string; now: () => Date }): SimContext {
  const { db, apiBase, webBase } = options;
  return {
    db,
    now: options.now,
    apiBase,
    webBase,
    ref(type, id, summary, htmlPath) {
      const base = type.replace(/_reference$/, '');
      const plural = pluralOf(base);
      const path = htmlPath ?? (base === 'service' ? `/service-directory/${id}` : `/${plural}/${id}`);
      return {
        id,
        type: `${base}_reference`,
        summary,
        self: `${apiBase}/${plural}/${id}`,
        html_url: `${webBase}${path.startsWith('/') ? path : `/${path}`}`,
      };
    },
    paginate(req: SimRequest, items: unknown[], key: string): SimResponse {
      const limitParam = req.query.get('limit');
      const offsetParam = req.query.get('offset');
      const limitRaw = limitParam === null || limitParam === '' ? 25 : Number(limitParam);
      const offset = offsetParam === null || offsetParam === '' ? 0 : Number(offsetParam);
      if (!Number.isInteger(limitRaw) || limitRaw < 0 || !Number.isInteger(offset) || offset < 0) {
        return errorResponse(400, 2001, 'Invalid Input Provided', ['limit and offset must be non-negative integers.']);
      }
      // PagerDuty checks the window with the limit as asked, then clamps the page to 100.
      if (offset + limitRaw > MAX_WINDOW) {
        return errorResponse(400, 2002, 'Arguments Caused Error', [
          'Offset+limit exceeds maximum allowed value of 10000. Please try to refine your search to reduce the returned set of records below this number, like adding a date range.',
        ]);
      }
      const limit = Math.min(limitRaw === 0 ? 25 : limitRaw, 100);
      const page = items.slice(offset, offset + limit);
      const wantTotal = req.query.get('total') === 'true';
      return {
        status: 200,
        body: {
          [key]: page,
          limit,
          offset,
          more: offset + page.length < items.length,
          total: wantTotal ? items.length : null,
        },
      };
    },
    error: errorResponse,
    notFound(what) {
      return what ? errorResponse(404, 2100, 'Not Found', [`${what} not found.`]) : errorResponse(404, 2100, 'Not Found');
    },
  };
}
