// The MCP server one client talks to, the same for both protocol eras: a 2025-era session holds one for
// its lifetime, a 2026-07-28 request gets a fresh one (as createMcpHandler builds them). We use the
// low-level Server, not McpServer: tools/list is computed from governance on every request, and a
// hidden tool answers exactly like a nonexistent one — JSON-RPC -32602 "Unknown tool: X", as the spec shows.
import { ProtocolError, ProtocolErrorCode, Server, type CallToolResult, type JSONRPCRequest, type Result, type ServerContext, type Tool } from '@modelcontextprotocol/server';
import { z } from 'zod';
import type { Governance, McpPeer, ToolCallOutcome, ToolCallRequest } from '../governance';
import { toolListEntry } from '../governance';

export const SERVER_NAME = 'pagerduty';
export const SERVER_INSTRUCTIONS =
  'PagerDuty tools, governed by the person in the PagerDuty MCP app on this computer. Only tools they approved for this ' +
  'client are listed. If a tool you need is missing, ask the person to approve it (or add it to this client\'s access ' +
  'profile) in the app; the list updates by itself.';

/**
 * How long a 2026-07-28 client may reuse a tools/list result. The list really holds until the person
 * changes governance, which nobody can predict; a client listening on `subscriptions/listen` is told the
 * moment its list changes (and the SDK's client drops its cached copy then). Calls are checked on every
 * request, so a stale list can only show a tool that then answers "Unknown tool", never run one.
 * `private`: the list depends on the token that asked.
 */
export const TOOL_LIST_TTL_MS = 60_000;

export interface ToolServerOptions {
  clientId: string;
  governance: Governance;
  version: string;
  call(req: ToolCallRequest): Promise<ToolCallOutcome>;
  /** While paused, clients see no tools (a call still gets the chain's "paused" answer). */
  isPaused(): boolean;
  /** Aborted when the session (2025 era) or the client's token (both eras) goes away. */
  signal: AbortSignal;
}

/** Errors we raise ourselves go out as they are (a tool name may look like anything, JSON included). */
const ours = new WeakSet<Error>();

export function unknownToolError(name: string): ProtocolError {
  const error = new ProtocolError(ProtocolErrorCode.InvalidParams, `Unknown tool: ${name}`);
  ours.add(error);
  return error;
}

/** The visible tools of a client as tools/list items, in governance's deterministic (alphabetical) order. */
export function listedTools(options: Pick<ToolServerOptions, 'clientId' | 'governance' | 'isPaused'>): Tool[] {
  if (options.isPaused()) return [];
  return options.governance.visibleTools(options.clientId).map((tool) => toolListEntry(tool) as Tool);
}

const CallParams = z.object({ name: z.string().min(1), arguments: z.record(z.string(), z.unknown()).optional() });
const CALL_HINT = 'Send "name" as the tool\'s name from tools/list and "arguments" as an object.';
const listIssues = (issues: readonly { path: readonly PropertyKey[]; message: string }[]) =>
  issues
    .slice(0, 3)
    .map((i) => `${i.path.length ? i.path.map(String).join('.') : 'params'}: ${i.message}`)
    .join('; ');

/**
 * A tools/call whose params are malformed gets one readable sentence instead of the SDK's raw zod issue
 * dump (which an AI cannot act on). Checked before the SDK's own validation, for both eras alike.
 */
function malformedCall(params: unknown): string | null {
  const parsed = CallParams.safeParse(params ?? {});
  return parsed.success ? null : `Invalid tools/call request (${listIssues(parsed.error.issues)}). ${CALL_HINT}`;
}

/**
 * The SDK reports other malformed requests (an `initialize` without a protocolVersion, say) with the
 * schema's issue list as JSON in the message; the same facts, as one sentence, under -32602.
 */
function readable(method: string, error: unknown): unknown {
  if (!(error instanceof Error) || ours.has(error)) return error;
  const text = error.message;
  const start = text.indexOf('[');
  if (start < 0) return error;
  let issues: unknown;
  try {
    issues = JSON.parse(text.slice(start));
  } catch {
    return error;
  }
  const wellFormed = (i: unknown): i is { path: PropertyKey[]; message: string } =>
    !!i && typeof i === 'object' && Array.isArray((i as { path?: unknown }).path) && typeof (i as { message?: unknown }).message === 'string';
  if (!Array.isArray(issues) || !issues.length || !issues.every(wellFormed)) return error;
  return new ProtocolError(ProtocolErrorCode.InvalidParams, `Invalid ${method} request (${listIssues(issues)}).`);
}

class ToolServer extends Server {
  protected override _wrapHandler(method: string, handler: (request: JSONRPCRequest, ctx: ServerContext) => Promise<Result>) {
    const wrapped = super._wrapHandler(method, handler);
    return async (request: JSONRPCRequest, ctx: ServerContext) => {
      const problem = method === 'tools/call' ? malformedCall(request.params) : null;
      if (problem) throw new ProtocolError(ProtocolErrorCode.InvalidParams, problem);
      try {
        return await wrapped(request, ctx);
      } catch (error) {
        throw readable(method, error);
      }
    };
  }
}

const MAX_PEER_TEXT = 120;
const short = (value: string | undefined) => (value ? value.slice(0, MAX_PEER_TEXT) : null);

/**
 * Who is calling, as the client says itself. The SDK fills these accessors from `initialize` on a 2025-era
 * session and from the request's validated `_meta` envelope on a 2026-07-28 request, so one read serves both
 * (the envelope itself is untyped in the SDK's public types; these accessors are typed and validated).
 */
function peerOf(server: Server): McpPeer {
  const info = server.getClientVersion();
  return { protocol: server.getNegotiatedProtocolVersion() ?? null, clientName: short(info?.name), clientVersion: short(info?.version) };
}

export function createToolServer(options: ToolServerOptions): Server {
  const server = new ToolServer(
    { name: SERVER_NAME, title: 'PagerDuty (local)', version: options.version },
    {
      capabilities: { tools: { listChanged: true } },
      instructions: SERVER_INSTRUCTIONS,
      debouncedNotificationMethods: ['notifications/tools/list_changed'],
      cacheHints: { 'tools/list': { ttlMs: TOOL_LIST_TTL_MS, cacheScope: 'private' } },
    },
  );

  server.setRequestHandler('tools/list', async () => ({ tools: listedTools(options) }));

  server.setRequestHandler('tools/call', async (request, ctx) => {
    const name = request.params.name;
    const outcome = await options.call({
      clientId: options.clientId,
      tool: name,
      args: request.params.arguments ?? {},
      signal: AbortSignal.any([ctx.mcpReq.signal, options.signal]),
      peer: peerOf(server),
    });
    if (outcome.kind === 'unknown_tool') throw unknownToolError(name);
    return project(server, options.governance, name, outcome.result);
  });

  return server;
}

/** Structured output is encoded per era by the SDK's codec (2025-era needs an object, plus a text copy). */
function project(server: Server, governance: Governance, name: string, result: CallToolResult): CallToolResult {
  if (result.structuredContent === undefined) return result;
  const tool = governance.tool(name);
  return server.projectCallToolResult(result, tool ? toolListEntry(tool).outputSchema : undefined);
}
