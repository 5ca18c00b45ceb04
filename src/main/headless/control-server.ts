// The contract served over local HTTP + server-sent events, for `serve` and for browser tests: the
// same calls and events the Electron window gets over IPC. Guarded by a random per-run token, a Host
// check (DNS rebinding) and an Origin check; it also serves the built renderer as the dashboard.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { ContractError, dispatch, errorBody, isCallName, type Handlers } from '../../shared/contract';
import type { EventBus } from '../core/events';
import type { Logger } from '../core/log';
import { allowedHosts, allowedOrigins, readJsonBody } from '../core/mcp/guard';

export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; " +
  "font-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";

const MAX_BODY = 1024 * 1024;
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

export interface ControlServer {
  readonly url: string;
  /** The dashboard with its token in the fragment (never sent to a server, never in a Referer). */
  readonly dashboardUrl: string;
  readonly token: string;
  close(): Promise<void>;
}

export interface ControlServerOptions {
  handlers: Handlers;
  events: EventBus;
  rendererDir: string | null;
  port?: number;
  log: Logger;
  /** For tests: a fixed token. */
  token?: string;
}

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

// What a browser or a probe gets for a path that names nothing: never an exception's text, never a path
// on this machine, and no log line (a client's mistake is not the server's news).
const NOT_FOUND = { error: { code: 'not_found', message: 'Not found' } };
const BAD_PATH = { error: { code: 'bad_path', message: 'Malformed path' } };

/**
 * The file a dashboard path names, relative to the renderer folder; null for a path that cannot name
 * one (bad percent-encoding, NUL or control characters, backslashes).
 */
export function staticFileOf(pathname: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (/[\p{Cc}\\]/u.test(decoded)) return null;
  return decoded === '/' ? 'index.html' : decoded.replace(/^\/+/, '');
}

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
  res.end(text);
}

async function readBody(req: http.IncomingMessage): Promise<unknown> {
  const body = await readJsonBody(req, MAX_BODY, {});
  if (body.ok) return body.value;
  if (body.status === 413) throw new ContractError('body_too_large', 'The request body is larger than 1 MiB.');
  throw new ContractError('invalid_json', 'The request body is not valid JSON.');
}

export async function startControlServer(options: ControlServerOptions): Promise<ControlServer> {
  const token = options.token ?? randomBytes(32).toString('base64url');
  const streams = new Set<http.ServerResponse>();
  let origins = new Set<string>();
  let hosts = new Set<string>();

  const unsubscribe = options.events.onAny((name, payload) => {
    const frame = `event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`;
    for (const res of streams) res.write(frame);
  });

  const serveStatic = (req: http.IncomingMessage, res: http.ServerResponse, pathname: string) => {
    if (!options.rendererDir) return sendJson(res, 404, { error: { code: 'not_found', message: 'The dashboard is not built. Run `npm run build`.' } });
    const root = path.resolve(options.rendererDir);
    const rel = staticFileOf(pathname);
    if (rel === null) return sendJson(res, 400, BAD_PATH);
    const file = path.resolve(root, rel);
    if (!file.startsWith(root + path.sep)) return sendJson(res, 404, NOT_FOUND);
    fs.readFile(file, (err, data) => {
      if (err) return sendJson(res, 404, NOT_FOUND);
      const type = TYPES[path.extname(file)] ?? 'application/octet-stream';
      const headers: Record<string, string> = { 'content-type': type, 'x-content-type-options': 'nosniff', 'cache-control': 'no-cache' };
      if (type.startsWith('text/html')) {
        headers['content-security-policy'] = CONTENT_SECURITY_POLICY;
        headers['x-frame-options'] = 'DENY';
        headers['referrer-policy'] = 'no-referrer';
      }
      res.writeHead(200, headers);
      res.end(req.method === 'HEAD' ? undefined : data);
    });
  };

  const server = http.createServer(async (req, res) => {
    try {
      // DNS rebinding: only our own address may be named in Host; only our own page may be the Origin.
      if (!req.headers.host || !hosts.has(req.headers.host)) return sendJson(res, 403, { error: { code: 'forbidden_host', message: 'Forbidden Host' } });
      const origin = req.headers.origin;
      if (origin !== undefined && !origins.has(origin)) return sendJson(res, 403, { error: { code: 'forbidden_origin', message: 'Forbidden Origin' } });
      let url: URL;
      try {
        url = new URL(req.url ?? '/', 'http://127.0.0.1');
      } catch {
        return sendJson(res, 400, BAD_PATH);
      }
      if (!url.pathname.startsWith('/api/')) {
        if (req.method !== 'GET' && req.method !== 'HEAD') return sendJson(res, 405, { error: { code: 'method_not_allowed', message: 'Method not allowed' } });
        return serveStatic(req, res, url.pathname);
      }
      const auth = req.headers.authorization ?? '';
      const given = auth.startsWith('Bearer ') ? auth.slice(7) : '';
      if (!given || !sameToken(given, token)) return sendJson(res, 401, { error: { code: 'unauthorized', message: 'Missing or wrong dashboard token. Open the dashboard URL that `serve` printed.' } });

      if (url.pathname === '/api/events' && req.method === 'GET') {
        res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
        res.write(': connected\n\n');
        streams.add(res);
        const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), 15_000);
        req.on('close', () => {
          clearInterval(keepAlive);
          streams.delete(res);
        });
        return;
      }
      const match = /^\/api\/call\/([A-Za-z.]+)$/.exec(url.pathname);
      if (!match || req.method !== 'POST') return sendJson(res, 404, { error: { code: 'not_found', message: 'No such API route' } });
      const name = match[1]!;
      if (!isCallName(name)) return sendJson(res, 404, { error: { code: 'unknown_call', message: `Unknown call ${name}` } });
      const body = await readBody(req);
      const result = await dispatch(options.handlers, name, body);
      sendJson(res, 200, { result });
    } catch (error) {
      if (error instanceof ContractError) return sendJson(res, 400, { error: error.toBody() });
      const body = errorBody(error);
      options.log.error('control call failed', { error: body.message });
      sendJson(res, 500, { error: body });
    }
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  origins = allowedOrigins(port);
  hosts = allowedHosts(port);
  const base = `http://127.0.0.1:${port}`;

  return {
    url: base,
    dashboardUrl: `${base}/#token=${token}`,
    token,
    async close() {
      unsubscribe();
      for (const res of streams) res.end();
      streams.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
