// Gateway lifecycle at the HTTP level: sessions expire when idle and end on DELETE (and the counts the
// app shows drop with them), one client's sessions can never push out another's, oversized bodies and a
// busy port get clear answers, and the chain learns who is calling in both protocol eras.
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../../src/main/core/log';
import { startGateway } from '../../../../src/main/core/mcp';
import type { ToolCallRequest } from '../../../../src/main/core/governance';
import { connectMcp, MCP_ERAS, MODERN_REVISION, startTestCore, type TestCore } from '../helpers';

let t: TestCore;
let token: string;
let clientId: string;

beforeAll(async () => {
  t = await startTestCore({ extra: { sessionIdleMs: 300 } });
  const created = await t.call('clients.create', { name: 'VS Code', profileId: 'pr_read_only' });
  token = created.token;
  clientId = created.client.id;
});
afterAll(async () => {
  await t?.close();
});

type Reply = { status: number; headers: http.IncomingHttpHeaders; body: string };
function post(url: string, body: string | Buffer, headers: Record<string, string> = {}, method = 'POST', bearer = token): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: new URL(url).port,
        path: '/mcp',
        method,
        headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', authorization: `Bearer ${bearer}`, ...headers },
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
/** Opens a session's GET stream and keeps it open; resolves once the server answered its headers. */
function openStream(url: string, sessionId: string, bearer: string): Promise<{ status: number; close(): void }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port: new URL(url).port, path: '/mcp', method: 'GET', headers: { accept: 'text/event-stream', authorization: `Bearer ${bearer}`, 'mcp-session-id': sessionId, 'mcp-protocol-version': '2025-06-18' } },
      (res) => {
        res.resume();
        resolve({ status: res.statusCode ?? 0, close: () => req.destroy() });
      },
    );
    req.on('error', reject);
    req.end();
  });
}
const initialize = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '1' } } });
const list = JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'tools/list', params: {} });
const sessionsOf = async (id = clientId) => (await t.call('clients.list', {})).find((c) => c.id === id)?.sessions;

describe('gateway sessions', () => {
  it('closes a session nobody uses once it has been idle, and the counts drop', async () => {
    const init = await post(t.url, initialize);
    expect(init.status).toBe(200);
    const id = init.headers['mcp-session-id'] as string;
    expect(t.core.status().gateway.sessions).toBe(1);
    expect(await sessionsOf()).toBe(1);
    expect((await post(t.url, list, { 'mcp-session-id': id })).status).toBe(200);
    const changed: unknown[] = [];
    const off = t.core.events.on('clients.changed', (e) => changed.push(e));
    await new Promise((r) => setTimeout(r, 1600));
    off();
    expect(t.core.status().gateway.sessions).toBe(0);
    expect(await sessionsOf()).toBe(0);
    expect(changed.length).toBeGreaterThan(0);
    expect((await post(t.url, list, { 'mcp-session-id': id })).status).toBe(404);
  });

  it('ends a session on DELETE, and the counts drop at once', async () => {
    const id = (await post(t.url, initialize)).headers['mcp-session-id'] as string;
    expect(await sessionsOf()).toBe(1);
    const changed = new Promise<void>((resolve) => {
      const off = t.core.events.on('clients.changed', () => {
        off();
        resolve();
      });
    });
    expect((await post(t.url, '', { 'mcp-session-id': id }, 'DELETE')).status).toBe(200);
    await changed;
    expect(await sessionsOf()).toBe(0);
    expect(t.core.status().connectedClients).toBe(0);
    expect((await post(t.url, list, { 'mcp-session-id': id })).status).toBe(404);
  });

  it('counts a 2026-07-28 client while its listen stream is open', async () => {
    const modern = await connectMcp(t.url, token, { era: 'modern' });
    await expect.poll(() => sessionsOf()).toBe(1);
    expect(t.core.status()).toMatchObject({ connectedClients: 1, gateway: { sessions: 1 } });
    await modern.close();
    await expect.poll(() => sessionsOf()).toBe(0);
    expect(t.core.status().connectedClients).toBe(0);
  });

  it('refuses an oversized body in both eras before reading it all, and a request without a session', async () => {
    for (const era of MCP_ERAS) {
      const headers: Record<string, string> = era === 'modern' ? { 'mcp-protocol-version': MODERN_REVISION, 'mcp-method': 'tools/list' } : {};
      const res = await post(t.url, Buffer.alloc(2 * 1024 * 1024, 32), headers);
      expect(res.status, era).toBe(413);
      expect(JSON.parse(res.body).error.message).toBe('Request body larger than 1048576 bytes');
    }
    expect((await post(t.url, list)).status).toBe(400);
  });

  it("caps a client's sessions: its own longest-idle one makes room, its others keep working", async () => {
    const capped = await startTestCore({ extra: { maxSessionsPerClient: 2 } });
    try {
      const { token: own } = await capped.call('clients.create', { name: 'Windsurf', profileId: 'pr_read_only' });
      const call = (body: string, headers: Record<string, string> = {}) => post(capped.url, body, headers, 'POST', own);
      const first = (await call(initialize)).headers['mcp-session-id'] as string;
      await new Promise((r) => setTimeout(r, 20));
      const second = (await call(initialize)).headers['mcp-session-id'] as string;
      await new Promise((r) => setTimeout(r, 20));
      expect((await call(list, { 'mcp-session-id': second })).status).toBe(200); // second is now the most recently used
      const third = (await call(initialize)).headers['mcp-session-id'] as string;
      expect(capped.core.status().gateway.sessions).toBe(2);
      expect((await call(list, { 'mcp-session-id': first })).status).toBe(404);
      expect((await call(list, { 'mcp-session-id': second })).status).toBe(200);
      expect((await call(list, { 'mcp-session-id': third })).status).toBe(200);
    } finally {
      await capped.close();
    }
  });

  it("never lets one client push out or lock out another client's session, however many it opens", async () => {
    const own = await startTestCore();
    const streams: { close(): void }[] = [];
    try {
      const greedy = (await own.call('clients.create', { name: 'Runaway script', profileId: 'pr_read_only' })).token;
      const quiet = await own.call('clients.create', { name: 'Claude Desktop', profileId: 'pr_read_only' });
      const quietSession = (await post(own.url, initialize, {}, 'POST', quiet.token)).headers['mcp-session-id'] as string;
      // 70 sessions, each holding its GET stream open: more than the gateway ever held in total before.
      const opened: number[] = [];
      for (let i = 0; i < 70; i++) {
        const init = await post(own.url, initialize, {}, 'POST', greedy);
        opened.push(init.status);
        if (init.status === 200) streams.push(await openStream(own.url, init.headers['mcp-session-id'] as string, greedy));
      }
      expect((await post(own.url, list, { 'mcp-session-id': quietSession }, 'POST', quiet.token)).status).toBe(200);
      // The runaway client only ever pushed out its own sessions, and was never refused itself.
      expect(opened.every((status) => status === 200)).toBe(true);
      expect((await own.call('clients.list', {})).find((c) => c.name === 'Runaway script')?.sessions).toBe(16);
      const fresh = await post(own.url, initialize, {}, 'POST', quiet.token);
      expect(fresh.status).toBe(200);
      expect((await post(own.url, list, { 'mcp-session-id': fresh.headers['mcp-session-id'] as string }, 'POST', quiet.token)).status).toBe(200);
    } finally {
      for (const s of streams) s.close();
      await own.close();
    }
  }, 30_000);

  it('names the port and the setting when the MCP port is taken', async () => {
    const port = t.core.status().gateway.port;
    await expect(startTestCore({ mcpPort: port })).rejects.toThrow(new RegExp(`MCP port ${port} on 127.0.0.1 is already in use.*settings\\.mcpPort`));
  }, 20_000);
});

describe('who is calling', () => {
  it('hands the chain the protocol revision and the client name and version, from initialize or from _meta', async () => {
    const seen: ToolCallRequest[] = [];
    const gateway = await startGateway({
      port: 0,
      governance: t.core.governance,
      isPaused: () => false,
      log: silentLogger,
      version: '0.0.0-test',
      call: async (req) => {
        seen.push(req);
        return { kind: 'result', result: { content: [{ type: 'text', text: 'ok' }] } };
      },
    });
    try {
      for (const era of MCP_ERAS) {
        const c = await connectMcp(gateway.url, token, { era, name: `Claude Code ${era}`, version: '2.1.0', listen: false });
        await c.client.callTool({ name: 'list_incidents', arguments: { limit: 1 } });
        await c.close();
      }
      expect(seen.map((r) => ({ clientId: r.clientId, tool: r.tool, peer: r.peer }))).toEqual([
        { clientId, tool: 'list_incidents', peer: { protocol: MODERN_REVISION, clientName: 'Claude Code modern', clientVersion: '2.1.0' } },
        { clientId, tool: 'list_incidents', peer: { protocol: '2025-11-25', clientName: 'Claude Code legacy', clientVersion: '2.1.0' } },
      ]);
    } finally {
      await gateway.close();
    }
  });
});
