// The local MCP gateway: Streamable HTTP on 127.0.0.1 at /mcp, serving both protocol eras on one URL.
// Every request passes the same checks in the same order, whatever its era — Host and Origin before the
// body is read, then the bearer token, then the body limit — and only then does the SDK's own
// classification (`classifyInboundRequest`) send it to the 2025-era sessions or the 2026-07-28 handler.
// Both legs serve the same tool server, so listing, calls and error wording cannot drift apart.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { classifyInboundRequest } from '@modelcontextprotocol/server';
import type { Governance, ToolCallOutcome, ToolCallRequest } from '../governance';
import type { Logger } from '../log';
import { allowedHosts, allowedOrigins, bearerToken, jsonRpcError, plainNotFound, readJsonBody, UNAUTHORIZED_MESSAGE } from './guard';
import { createLegacySessions } from './legacy-sessions';
import { createModernClients } from './modern-clients';

export const MCP_PATH = '/mcp';
const DEFAULT_IDLE_TTL_MS = 30 * 60_000;
const DEFAULT_MAX_SESSIONS_PER_CLIENT = 16;
const DEFAULT_MAX_BODY = 1024 * 1024;

export interface GatewayOptions {
  port: number;
  governance: Governance;
  call(req: ToolCallRequest): Promise<ToolCallOutcome>;
  /** The person paused the gateway: tools/list is empty until they resume. */
  isPaused(): boolean;
  log: Logger;
  version: string;
  idleTtlMs?: number;
  /** Most 2025-era sessions (and, separately, 2026-07-28 listen streams) one client may hold open. */
  maxSessionsPerClient?: number;
  maxBodyBytes?: number;
  /** Sessions or listen streams opened or closed. */
  onSessionsChange?(): void;
}

export interface Gateway {
  readonly port: number;
  readonly url: string;
  /** 2025-era sessions plus open 2026-07-28 `subscriptions/listen` streams. */
  sessionCount(): number;
  sessionsOf(clientId: string): number;
  connectedClients(): number;
  /** Re-evaluates every live session and listener after a governance change: closes revoked ones, notifies changed lists. */
  refresh(): void;
  /** Closes idle sessions now (also runs on a timer). */
  sweep(now?: number): Promise<void>;
  close(): Promise<void>;
}

export class PortInUseError extends Error {
  readonly code = 'port_in_use';
}

const header = (req: http.IncomingMessage, name: string) => {
  const value = req.headers[name];
  return typeof value === 'string' ? value : undefined;
};

export async function startGateway(options: GatewayOptions): Promise<Gateway> {
  const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY;
  const maxPerClient = options.maxSessionsPerClient ?? DEFAULT_MAX_SESSIONS_PER_CLIENT;
  let hosts = new Set<string>();
  let origins = new Set<string>();
  let stopping = false;

  /** What a client sees; a change of it is what `tools/list_changed` announces, in either era. */
  const signature = (clientId: string) => (options.isPaused() ? '' : options.governance.visibleTools(clientId).map((t) => t.name).join('\n'));
  const served = { governance: options.governance, version: options.version, call: options.call, isPaused: options.isPaused, log: options.log, signature, onChange: options.onSessionsChange };
  const legacy = createLegacySessions({ ...served, idleTtlMs: options.idleTtlMs ?? DEFAULT_IDLE_TTL_MS, maxPerClient });
  const modern = createModernClients({ ...served, maxListensPerClient: maxPerClient });

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
    const route = classifyInboundRequest({
      httpMethod: req.method ?? 'GET',
      protocolVersionHeader: header(req, 'mcp-protocol-version'),
      mcpMethodHeader: header(req, 'mcp-method'),
      mcpNameHeader: header(req, 'mcp-name'),
      body,
    });
    if (route.kind === 'legacy') return legacy.handle(req, res, client, body);
    // Modern requests and the SDK's rejections of malformed modern ones: the modern handler answers both.
    const listen = route.kind === 'modern' && route.messageKind === 'request' && route.message.method === 'subscriptions/listen';
    return modern.handle(req, res, client, body, listen);
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

  const idleTtl = options.idleTtlMs ?? DEFAULT_IDLE_TTL_MS;
  const sweeper = setInterval(() => void legacy.sweep(), Math.min(60_000, Math.max(1000, idleTtl / 2)));
  sweeper.unref();

  return {
    port,
    url: `http://127.0.0.1:${port}${MCP_PATH}`,
    sessionCount: () => legacy.count() + modern.count(),
    sessionsOf: (clientId) => legacy.sessionsOf(clientId) + modern.listensOf(clientId),
    connectedClients: () => new Set([...legacy.clientIds(), ...modern.clientIds()]).size,
    refresh() {
      // One pass, one look at governance per client, however many sessions and streams it holds.
      const seen = new Map<string, string>();
      const once = (clientId: string) => {
        let value = seen.get(clientId);
        if (value === undefined) seen.set(clientId, (value = signature(clientId)));
        return value;
      };
      legacy.refresh(once);
      modern.refresh(once);
    },
    sweep: (now) => legacy.sweep(now),
    async close() {
      stopping = true;
      clearInterval(sweeper);
      await Promise.all([legacy.close(), modern.close()]);
      http_.closeAllConnections();
      await new Promise<void>((resolve) => http_.close(() => resolve()));
    },
  };
}
