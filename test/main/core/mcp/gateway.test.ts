// Gateway lifecycle at the HTTP level: idle sessions expire, DELETE ends a session, oversized bodies
// and a busy port get clear answers.
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCore, type TestCore } from '../helpers';

let t: TestCore;
let token: string;

beforeAll(async () => {
  t = await startTestCore({ extra: { sessionIdleMs: 300 } });
  token = (await t.call('clients.create', { name: 'VS Code', profileId: 'pr_read_only' })).token;
});
afterAll(async () => {
  await t?.close();
});

function post(body: string | Buffer, headers: Record<string, string> = {}, method = 'POST'): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  const url = new URL(t.url);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: url.port,
        path: '/mcp',
        method,
        headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', authorization: `Bearer ${token}`, ...headers },
      },
      (res) => {
        let text = '';
        res.on('data', (d) => (text += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}
const initialize = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '1' } } });
const list = JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'tools/list', params: {} });

describe('gateway sessions', () => {
  it('closes a session nobody uses once it has been idle', async () => {
    const init = await post(initialize);
    expect(init.status).toBe(200);
    const id = init.headers['mcp-session-id'] as string;
    expect(t.core.status().gateway.sessions).toBe(1);
    expect((await post(list, { 'mcp-session-id': id })).status).toBe(200);
    await new Promise((r) => setTimeout(r, 1600));
    expect(t.core.status().gateway.sessions).toBe(0);
    expect((await post(list, { 'mcp-session-id': id })).status).toBe(404);
  });

  it('ends a session on DELETE', async () => {
    const id = (await post(initialize)).headers['mcp-session-id'] as string;
    expect((await post('', { 'mcp-session-id': id }, 'DELETE')).status).toBe(200);
    expect((await post(list, { 'mcp-session-id': id })).status).toBe(404);
  });

  it('refuses an oversized body and a request without a session', async () => {
    expect((await post(Buffer.alloc(2 * 1024 * 1024, 32))).status).toBe(413);
    expect((await post(list)).status).toBe(400);
  });

  it('caps open sessions: a new one pushes out the longest-idle, the others keep working', async () => {
    const capped = await startTestCore({ extra: { maxSessions: 2 } });
    try {
      const { token: own } = await capped.call('clients.create', { name: 'Windsurf', profileId: 'pr_read_only' });
      const call = (body: string, headers: Record<string, string> = {}) =>
        new Promise<{ status: number; id: string | undefined }>((resolve, reject) => {
          const req = http.request(
            { host: '127.0.0.1', port: new URL(capped.url).port, path: '/mcp', method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', authorization: `Bearer ${own}`, ...headers } },
            (res) => {
              res.resume();
              res.on('end', () => resolve({ status: res.statusCode ?? 0, id: res.headers['mcp-session-id'] as string | undefined }));
            },
          );
          req.on('error', reject);
          req.end(body);
        });
      const first = (await call(initialize)).id!;
      await new Promise((r) => setTimeout(r, 20));
      const second = (await call(initialize)).id!;
      await new Promise((r) => setTimeout(r, 20));
      expect((await call(list, { 'mcp-session-id': second })).status).toBe(200); // second is now the most recently used
      const third = (await call(initialize)).id!;
      expect(capped.core.status().gateway.sessions).toBe(2);
      expect((await call(list, { 'mcp-session-id': first })).status).toBe(404);
      expect((await call(list, { 'mcp-session-id': second })).status).toBe(200);
      expect((await call(list, { 'mcp-session-id': third })).status).toBe(200);
    } finally {
      await capped.close();
    }
  });

  it('names the port and the setting when the MCP port is taken', async () => {
    const port = t.core.status().gateway.port;
    await expect(startTestCore({ mcpPort: port })).rejects.toThrow(
      new RegExp(`MCP port ${port} on 127.0.0.1 is already in use.*settings\\.mcpPort`),
    );
  }, 20_000);
});
