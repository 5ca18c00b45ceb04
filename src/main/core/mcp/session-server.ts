// One low-level MCP Server per session, bound to the client that initialized it. We use the low-level
// Server (not McpServer) so that tools/list is computed from governance on every request and a hidden
// tool answers exactly like a nonexistent one: JSON-RPC -32602 "Unknown tool: X", as the spec shows.
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { CallToolRequestSchema, ErrorCode, ListToolsRequestSchema, type Tool } from '@modelcontextprotocol/sdk/types.js';
import type { Governance, ToolCallOutcome, ToolCallRequest } from '../governance';
import { toolListEntry } from '../governance';

export const SERVER_NAME = 'pagerduty';
export const SERVER_INSTRUCTIONS =
  'PagerDuty tools, governed by the person in the PagerDuty MCP app on this computer. Only tools they approved for this ' +
  'client are listed. If a tool you need is missing, ask the person to approve it (or add it to this client\'s access ' +
  'profile) in the app; the list updates by itself.';

/**
 * The wire error is exactly `{code: -32602, message: "Unknown tool: X"}` (the SDK's McpError would put
 * its own "MCP error -32602:" prefix into the message, which clients then prefix again).
 */
export function unknownToolError(name: string): Error & { code: number } {
  return Object.assign(new Error(`Unknown tool: ${name}`), { code: ErrorCode.InvalidParams });
}

export function createSessionServer(options: {
  clientId: string;
  governance: Governance;
  version: string;
  call(req: ToolCallRequest): Promise<ToolCallOutcome>;
  /** Aborted when the session closes, so in-flight PagerDuty requests stop too. */
  sessionSignal: AbortSignal;
}): Server {
  const server = new Server(
    { name: SERVER_NAME, title: 'PagerDuty (local)', version: options.version },
    {
      capabilities: { tools: { listChanged: true } },
      instructions: SERVER_INSTRUCTIONS,
      debouncedNotificationMethods: ['notifications/tools/list_changed'],
    },
  );

  server.setRequestHandler(ListToolsRequestSchema, async () => ({
    tools: options.governance.visibleTools(options.clientId).map((tool) => toolListEntry(tool) as Tool),
  }));

  server.setRequestHandler(CallToolRequestSchema, async (request, extra) => {
    const name = request.params.name;
    const outcome = await options.call({
      clientId: options.clientId,
      tool: name,
      args: request.params.arguments ?? {},
      signal: AbortSignal.any([extra.signal, options.sessionSignal]),
    });
    if (outcome.kind === 'unknown_tool') throw unknownToolError(name);
    return outcome.result;
  });

  return server;
}
