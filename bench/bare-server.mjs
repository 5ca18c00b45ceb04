// The baseline for the benchmarks: a bare server on the same MCP SDK (v2) as ours, serving the same two
// protocol eras on one URL — 2025-era stateful Streamable HTTP sessions with SSE responses, and
// 2026-07-28 requests through createMcpHandler, routed by the SDK's own classification — with one tool
// that forwards the same PagerDuty call: no governance, no audit, no auth. Plain JS so it starts exactly
// like `node out/main/serve.js` does.
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { NodeStreamableHTTPServerTransport, toNodeHandler } from '@modelcontextprotocol/node';
import { classifyInboundRequest, createMcpHandler, isInitializeRequest, McpServer } from '@modelcontextprotocol/server';
import { z } from 'zod';

const arg = (name) => process.argv[process.argv.indexOf(`--${name}`) + 1];
const pdUrl = arg('pd-url');
const pdKey = arg('pd-key');
const sessions = new Map();

function buildServer() {
  const server = new McpServer({ name: 'bare', version: '1.0.0' });
  server.registerTool('list_incidents', { description: 'List incidents', inputSchema: z.object({ limit: z.number().int().max(100).optional() }) }, async ({ limit }) => {
    const res = await fetch(`${pdUrl}/incidents?limit=${limit ?? 5}&date_range=all`, {
      headers: { authorization: `Token token=${pdKey}`, accept: 'application/vnd.pagerduty+json;version=2' },
    });
    const body = await res.json();
    return { content: [{ type: 'text', text: JSON.stringify(body) }] };
  });
  return server;
}
const modern = toNodeHandler(createMcpHandler(buildServer, { legacy: 'reject' }));

const httpServer = http.createServer(async (req, res) => {
  const chunks = [];
  for await (const c of req) chunks.push(c);
  const body = chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : undefined;
  const header = (name) => (typeof req.headers[name] === 'string' ? req.headers[name] : undefined);
  const route = classifyInboundRequest({
    httpMethod: req.method,
    protocolVersionHeader: header('mcp-protocol-version'),
    mcpMethodHeader: header('mcp-method'),
    mcpNameHeader: header('mcp-name'),
    body,
  });
  if (route.kind !== 'legacy') return modern(req, res, body);
  const id = req.headers['mcp-session-id'];
  let transport = id ? sessions.get(id) : undefined;
  if (!transport && req.method === 'POST' && isInitializeRequest(body)) {
    transport = new NodeStreamableHTTPServerTransport({ sessionIdGenerator: () => randomUUID(), onsessioninitialized: (sid) => sessions.set(sid, transport) });
    transport.onclose = () => sessions.delete(transport.sessionId);
    await buildServer().connect(transport);
  }
  if (!transport) {
    res.writeHead(404).end();
    return;
  }
  await transport.handleRequest(req, res, body);
});
httpServer.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ event: 'ready', mcpUrl: `http://127.0.0.1:${httpServer.address().port}/mcp` })}\n`);
});
process.on('SIGTERM', () => process.exit(0));
