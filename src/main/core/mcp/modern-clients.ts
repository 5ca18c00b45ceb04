// 2026-07-28 clients: no sessions. Every request is authenticated by its bearer token before it gets here,
// and the token — not a session — decides which client (and so which profile) it speaks for. Each client
// has its own SDK handler (createMcpHandler), so its `subscriptions/listen` streams hear only about its
// own tool list; the handler is bound to the token it was made for and closed when that token dies.
import type http from 'node:http';
import { toNodeHandler, type NodeMcpRequestHandler } from '@modelcontextprotocol/node';
import { createMcpHandler, type McpHttpHandler } from '@modelcontextprotocol/server';
import type { Logger } from '../log';
import type { ClientRecord } from '../settings';
import { tokenGone } from './token-binding';
import { createToolServer, type ToolServerOptions } from './tool-server';

export interface ModernClientsOptions extends Omit<ToolServerOptions, 'clientId' | 'signal'> {
  log: Logger;
  /** Most `subscriptions/listen` streams one client may hold open (more are refused in-band by the SDK). */
  maxListensPerClient: number;
  signature(clientId: string): string;
  onChange?(): void;
}

export interface ModernClients {
  /** A request already authenticated as `client`, with its body read and classified 2026-07-28. */
  handle(req: http.IncomingMessage, res: http.ServerResponse, client: ClientRecord, body: unknown, listen: boolean): Promise<void>;
  /** Open `subscriptions/listen` streams (what "connected" means for a client without sessions). */
  count(): number;
  listensOf(clientId: string): number;
  clientIds(): Set<string>;
  /** Closes what a revoked or rotated token held open; tells listeners whose tool list changed. */
  refresh(signature: (clientId: string) => string): void;
  close(): Promise<void>;
}

interface ClientHandler {
  clientId: string;
  tokenHash: string;
  handler: McpHttpHandler;
  serve: NodeMcpRequestHandler;
  /** Aborts this token's in-flight calls (the SDK's close() ends its listen streams). */
  abort: AbortController;
  signature: string;
  listens: number;
}

export function createModernClients(options: ModernClientsOptions): ModernClients {
  const byClient = new Map<string, ClientHandler>();
  const { log } = options;

  const open = (client: ClientRecord): ClientHandler => {
    const abort = new AbortController();
    // Rejected requests are the client's to fix and answered on the wire; not worth a log line each.
    const onerror = (error: Error) => log.debug('mcp request rejected', { clientId: client.id, error: error.message });
    const handler = createMcpHandler(() => createToolServer({ ...options, clientId: client.id, signal: abort.signal }), {
      legacy: 'reject',
      maxSubscriptions: options.maxListensPerClient,
      onerror,
    });
    const entry: ClientHandler = {
      clientId: client.id,
      tokenHash: client.tokenHash,
      handler,
      serve: toNodeHandler(handler, { onerror }),
      abort,
      signature: options.signature(client.id),
      listens: 0,
    };
    byClient.set(client.id, entry);
    return entry;
  };

  const retire = async (entry: ClientHandler, why: string) => {
    if (byClient.get(entry.clientId) === entry) byClient.delete(entry.clientId);
    entry.abort.abort();
    if (entry.listens > 0) log.info('mcp listen streams closed', { clientId: entry.clientId, why });
    await entry.handler.close().catch(() => undefined);
  };

  return {
    async handle(req, res, client, body, listen) {
      let entry = byClient.get(client.id);
      if (entry && entry.tokenHash !== client.tokenHash) {
        await retire(entry, 'token rotated');
        entry = undefined;
      }
      entry ??= open(client);
      if (listen) {
        const mine = entry;
        mine.listens += 1;
        options.onChange?.();
        res.once('close', () => {
          mine.listens -= 1;
          options.onChange?.();
        });
      }
      await entry.serve(req, res, body);
    },
    count: () => [...byClient.values()].reduce((sum, e) => sum + e.listens, 0),
    listensOf: (clientId) => byClient.get(clientId)?.listens ?? 0,
    clientIds: () => new Set([...byClient.values()].filter((e) => e.listens > 0).map((e) => e.clientId)),
    refresh(signature) {
      for (const entry of [...byClient.values()]) {
        const gone = tokenGone(options.governance, entry.clientId, entry.tokenHash);
        if (gone) {
          void retire(entry, gone);
          continue;
        }
        const next = signature(entry.clientId);
        if (next === entry.signature) continue;
        entry.signature = next;
        entry.handler.notify.toolsChanged();
      }
    },
    async close() {
      await Promise.all([...byClient.values()].map((e) => retire(e, 'shutdown')));
    },
  };
}
