// The local MCP gateway: Streamable HTTP on 127.0.0.1 at /mcp, stateful sessions with SSE responses (so
// tools/list_changed reaches clients when the person changes approvals). Each session has its own
// Server bound to the client that initialized it; the session dies with an idle timeout, a revocation
// or token rotation, DELETE, or shutdown — and every path closes both transport and server.
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';
import type { Governance, ToolCallOutcome, ToolCallRequest } from '../governance';
import type { Logger } from '../log';
import { allowedHosts, allowedOrigins, bearerToken, jsonRpcError, plainNotFound, readJsonBody, UNAUTHORIZED_MESSAGE } from './guard';
import { createSessionServer } from './session-server';

export const MCP_PATH = '/mcp';
const DEFAULT_IDLE_TTL_MS = 30 * 60_000;
const DEFAULT_MAX_SESSIONS = 64;
const DEFAULT_MAX_BODY = 1024 * 1024;

export interface GatewayOptions {
  port: number;
  governance: Governance;
  call(req: ToolCallRequest): Promise<ToolCallOutcome>;
  log: Logger;
  version: string;
  idleTtlMs?: number;
  maxSessions?: number;
  maxBodyBytes?: number;
  /** Sessions opened or closed. */
  onSessionsChange?(): void;
}

export interface Gateway {
  readonly port: number;
  readonly url: string;
  sessionCount(): number;
  sessionsOf(clientId: string): number;
  connectedClients(): number;
  /** Re-evaluates every live session after a governance change: closes revoked ones, notifies changed lists. */
  refresh(): void;
  /** Closes idle sessions now (also runs on a timer). */
  sweep(now?: number): Promise<void>;
  close(): Promise<void>;
}

interface Session {
  id: string | null;
  clientId: string;
  tokenHash: string;
  server: Server;
  transport: StreamableHTTPServerTransport;
  abort: AbortController;
  lastActive: number;
  /** Requests and streams still open: a session with a live GET stream is not idle. */
  open: number;
  signature: string;
  closed: boolean;
}

export class PortInUseError extends Error {
  readonly code = 'port_in_use';
}

export async function startGateway(options: GatewayOptions): Promise<Gateway> {
  const sessions = new Map<string, Session>();
  const idleTtl = options.idleTtlMs ?? DEFAULT_IDLE_TTL_MS;
  const maxSessions = options.maxSessions ?? DEFAULT_MAX_SESSIONS;
  const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY;
  let hosts = new Set<string>();
  let origins = new Set<string>();
  let stopping = false;

  const signature = (clientId: string) => options.governance.visibleTools(clientId).map((t) => t.name).join('\n');

  const closeSession = async (session: Session, why: string) => {
    if (session.closed) return;
    session.closed = true;
    if (session.id) sessions.delete(session.id);
    session.abort.abort();
    options.log.info('mcp session closed', { clientId: session.clientId, why });
    try {
      await session.transport.close();
    } catch {
      /* already closed */
    }
    try {
      await session.server.close();
    } catch {
      /* already closed */
    }
    options.onSessionsChange?.();
  };

  const track = (session: Session, res: http.ServerResponse) => {
    session.open += 1;
    session.lastActive = Date.now();
    res.once('close', () => {
      session.open -= 1;
      session.lastActive = Date.now();
    });
  };

  const openSession = async (clientId: string, tokenHash: string, req: http.IncomingMessage, res: http.ServerResponse, body: unknown) => {
    if (sessions.size >= maxSessions) {
      // Make room by dropping the longest-idle session with nothing open; if none, refuse.
      const idle = [...sessions.values()].filter((s) => s.open === 0).sort((a, b) => a.lastActive - b.lastActive)[0];
      if (!idle) return jsonRpcError(res, 503, -32000, 'Too many open MCP sessions; close some clients and try again.');
      await closeSession(idle, 'session cap');
    }
    const abort = new AbortController();
    const transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (id) => {
        session.id = id;
        sessions.set(id, session);
        options.log.info('mcp session opened', { clientId });
        options.onSessionsChange?.();
      },
    });
    const server = createSessionServer({ clientId, governance: options.governance, version: options.version, call: options.call, sessionSignal: abort.signal });
    const session: Session = { id: null, clientId, tokenHash, server, transport, abort, lastActive: Date.now(), open: 0, signature: signature(clientId), closed: false };
    transport.onclose = () => void closeSession(session, 'transport closed');
    await server.connect(transport);
    track(session, res);
    await transport.handleRequest(req, res, body);
    if (!transport.sessionId) await closeSession(session, 'initialize failed');
  };

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    // DNS rebinding: only our own address in Host, only our own origin (if any) in Origin.
    if (!req.headers.host || !hosts.has(req.headers.host)) return jsonRpcError(res, 403, -32000, 'Forbidden: invalid Host header');
    const origin = req.headers.origin;
    if (origin !== undefined && !origins.has(origin)) return jsonRpcError(res, 403, -32000, 'Forbidden: invalid Origin header');
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    // Everything else — notably /.well-known/oauth-* — is a plain 404, so clients keep the configured header.
    if (url.pathname !== MCP_PATH) return plainNotFound(res);
    if (stopping) return jsonRpcError(res, 503, -32000, 'The PagerDuty MCP app is shutting down.');

    const client = options.governance.authenticate(bearerToken(req) ?? '');
    if (!client) return jsonRpcError(res, 401, -32001, UNAUTHORIZED_MESSAGE, { 'www-authenticate': 'Bearer realm="pagerduty-mcp"' });
    options.governance.touchClient(client.id);

    let body: unknown;
    if (req.method === 'POST') {
      const read = await readJsonBody(req, maxBody);
      if (!read.ok) return jsonRpcError(res, read.status, read.status === 400 ? -32700 : -32000, read.message);
      body = read.value;
    }

    const sessionId = req.headers['mcp-session-id'];
    if (typeof sessionId === 'string') {
      const session = sessions.get(sessionId);
      // A session belongs to the client that opened it; to anyone else it does not exist.
      if (!session || session.clientId !== client.id || session.tokenHash !== client.tokenHash) {
        return jsonRpcError(res, 404, -32001, 'Session not found');
      }
      track(session, res);
      await session.transport.handleRequest(req, res, body);
      return;
    }
    if (req.method === 'POST' && isInitializeRequest(body)) return openSession(client.id, client.tokenHash, req, res, body);
    if (req.method === 'POST' || req.method === 'GET' || req.method === 'DELETE') {
      return jsonRpcError(res, 400, -32000, 'Bad Request: Mcp-Session-Id header is required');
    }
    return jsonRpcError(res, 405, -32000, 'Method not allowed', { allow: 'GET, POST, DELETE' });
  };

  const http_ = http.createServer((req, res) => {
    handle(req, res).catch((error) => {
      options.log.error('mcp request failed', { error: error instanceof Error ? error.message : String(error) });
      jsonRpcError(res, 500, -32603, 'Internal error');
    });
  });
  // Long-lived SSE streams: no socket timeout; the idle sweep decides when a session is dead.
  http_.requestTimeout = 0;
  http_.headersTimeout = 30_000;

  await new Promise<void>((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') {
        reject(
          new PortInUseError(
            `The MCP port ${options.port} on 127.0.0.1 is already in use (another copy of the app, or another program). ` +
              'Quit that program, or change the MCP port in Settings (settings.mcpPort) and restart.',
          ),
        );
      } else reject(error);
    };
    http_.once('error', onError);
    http_.listen(options.port, '127.0.0.1', () => {
      http_.off('error', onError);
      resolve();
    });
  });
  const port = (http_.address() as AddressInfo).port;
  hosts = allowedHosts(port);
  origins = allowedOrigins(port);

  const sweep = async (now = Date.now()) => {
    const dead = [...sessions.values()].filter((s) => s.open === 0 && now - s.lastActive >= idleTtl);
    await Promise.all(dead.map((s) => closeSession(s, 'idle')));
  };
  const sweeper = setInterval(() => void sweep(), Math.min(60_000, Math.max(1000, idleTtl / 2)));
  sweeper.unref();

  return {
    port,
    url: `http://127.0.0.1:${port}${MCP_PATH}`,
    sessionCount: () => sessions.size,
    sessionsOf: (clientId) => [...sessions.values()].filter((s) => s.clientId === clientId).length,
    connectedClients: () => new Set([...sessions.values()].map((s) => s.clientId)).size,
    refresh() {
      for (const session of [...sessions.values()]) {
        const client = options.governance.client(session.clientId);
        if (!client || client.revoked || client.tokenHash !== session.tokenHash) {
          void closeSession(session, client?.revoked ? 'client revoked' : 'token rotated');
          continue;
        }
        const next = signature(session.clientId);
        if (next !== session.signature) {
          session.signature = next;
          session.server.sendToolListChanged().catch(() => {
            /* the stream went away; the client lists again when it reconnects */
          });
        }
      }
    },
    sweep,
    async close() {
      stopping = true;
      clearInterval(sweeper);
      await Promise.all([...sessions.values()].map((s) => closeSession(s, 'shutdown')));
      http_.closeAllConnections();
      await new Promise<void>((resolve) => http_.close(() => resolve()));
    },
  };
}
