// 2025-era clients (initialize, Mcp-Session-Id, the GET stream) keep exactly the sessions they had with
// SDK 1.x. Each session has its own tool server bound to the client AND the token that opened it; it dies
// with an idle timeout, a revocation or token rotation, DELETE, the client's session cap, or shutdown —
// and every path closes both transport and server.
import { randomUUID } from 'node:crypto';
import type http from 'node:http';
import { NodeStreamableHTTPServerTransport } from '@modelcontextprotocol/node';
import { isInitializeRequest, type Server } from '@modelcontextprotocol/server';
import type { Logger } from '../log';
import type { ClientRecord } from '../settings';
import { jsonRpcError } from './guard';
import { tokenGone } from './token-binding';
import { createToolServer, type ToolServerOptions } from './tool-server';

export interface LegacySessionsOptions extends Omit<ToolServerOptions, 'clientId' | 'signal'> {
  log: Logger;
  idleTtlMs: number;
  /** Most sessions one client may hold; its own least-used session makes room for a new one. */
  maxPerClient: number;
  /** What a client sees (its visible tool names): sessions whose signature changes are told. */
  signature(clientId: string): string;
  onChange?(): void;
}

export interface LegacySessions {
  /** A request already authenticated as `client`, with its body read (POST) and classified 2025-era. */
  handle(req: http.IncomingMessage, res: http.ServerResponse, client: ClientRecord, body: unknown): Promise<void>;
  count(): number;
  sessionsOf(clientId: string): number;
  clientIds(): Set<string>;
  /** Closes sessions of revoked or rotated tokens; sends tools/list_changed where a client's list changed. */
  refresh(signature: (clientId: string) => string): void;
  sweep(now?: number): Promise<void>;
  close(): Promise<void>;
}

interface Session {
  id: string | null;
  clientId: string;
  tokenHash: string;
  server: Server;
  transport: NodeStreamableHTTPServerTransport;
  abort: AbortController;
  lastActive: number;
  /** Requests and streams still open: a session with a live GET stream is not idle. */
  open: number;
  signature: string;
  closed: boolean;
}

export function createLegacySessions(options: LegacySessionsOptions): LegacySessions {
  const sessions = new Map<string, Session>();
  const { log } = options;

  const closeSession = async (session: Session, why: string) => {
    if (session.closed) return;
    session.closed = true;
    if (session.id) sessions.delete(session.id);
    session.abort.abort();
    log.info('mcp session closed', { clientId: session.clientId, why });
    await session.transport.close().catch(() => undefined);
    await session.server.close().catch(() => undefined);
    options.onChange?.();
  };

  const track = (session: Session, res: http.ServerResponse) => {
    session.open += 1;
    session.lastActive = Date.now();
    res.once('close', () => {
      session.open -= 1;
      session.lastActive = Date.now();
    });
  };

  /**
   * A client at its cap gives up one of its OWN sessions: the longest-idle one with nothing open, else its
   * least recently used. Other clients' sessions are never touched, so no client can push another out.
   */
  const makeRoom = async (clientId: string) => {
    const own = [...sessions.values()].filter((s) => s.clientId === clientId);
    if (own.length < options.maxPerClient) return;
    const byAge = own.sort((a, b) => a.lastActive - b.lastActive);
    const victims = [...byAge.filter((s) => s.open === 0), ...byAge.filter((s) => s.open > 0)].slice(0, own.length - options.maxPerClient + 1);
    await Promise.all(victims.map((s) => closeSession(s, 'session cap of this client')));
  };

  const openSession = async (client: ClientRecord, req: http.IncomingMessage, res: http.ServerResponse, body: unknown) => {
    await makeRoom(client.id);
    const abort = new AbortController();
    const transport = new NodeStreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (id) => {
        session.id = id;
        sessions.set(id, session);
        log.info('mcp session opened', { clientId: client.id });
        options.onChange?.();
      },
    });
    const server = createToolServer({ ...options, clientId: client.id, signal: abort.signal });
    const session: Session = {
      id: null,
      clientId: client.id,
      tokenHash: client.tokenHash,
      server,
      transport,
      abort,
      lastActive: Date.now(),
      open: 0,
      signature: options.signature(client.id),
      closed: false,
    };
    transport.onclose = () => void closeSession(session, 'transport closed');
    await server.connect(transport);
    track(session, res);
    await transport.handleRequest(req, res, body);
    if (!transport.sessionId) await closeSession(session, 'initialize failed');
  };

  return {
    async handle(req, res, client, body) {
      const sessionId = req.headers['mcp-session-id'];
      if (typeof sessionId === 'string') {
        const session = sessions.get(sessionId);
        // A session belongs to the client and token that opened it; to anyone else it does not exist.
        if (!session || session.clientId !== client.id || session.tokenHash !== client.tokenHash) {
          return jsonRpcError(res, 404, -32001, 'Session not found');
        }
        track(session, res);
        return session.transport.handleRequest(req, res, body);
      }
      if (req.method === 'POST' && isInitializeRequest(body)) return openSession(client, req, res, body);
      if (req.method === 'POST' || req.method === 'GET' || req.method === 'DELETE') {
        return jsonRpcError(res, 400, -32000, 'Bad Request: Mcp-Session-Id header is required');
      }
      return jsonRpcError(res, 405, -32000, 'Method not allowed', { allow: 'GET, POST, DELETE' });
    },
    count: () => sessions.size,
    sessionsOf: (clientId) => [...sessions.values()].filter((s) => s.clientId === clientId).length,
    clientIds: () => new Set([...sessions.values()].map((s) => s.clientId)),
    refresh(signature) {
      for (const session of [...sessions.values()]) {
        const gone = tokenGone(options.governance, session.clientId, session.tokenHash);
        if (gone) {
          void closeSession(session, gone);
          continue;
        }
        const next = signature(session.clientId);
        if (next === session.signature) continue;
        session.signature = next;
        session.server.sendToolListChanged().catch(() => {
          /* the stream went away; the client lists again when it reconnects */
        });
      }
    },
    async sweep(now = Date.now()) {
      const dead = [...sessions.values()].filter((s) => s.open === 0 && now - s.lastActive >= options.idleTtlMs);
      await Promise.all(dead.map((s) => closeSession(s, 'idle')));
    },
    async close() {
      await Promise.all([...sessions.values()].map((s) => closeSession(s, 'shutdown')));
    },
  };
}
