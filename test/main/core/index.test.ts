// The gateway end to end: the SDK's real Client over Streamable HTTP against createCore on a free port,
// with a temp data dir, the real keychain, the real audit log and the PagerDuty simulator.
import http from 'node:http';
import { ProtocolError } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main as cli } from '../../../src/main/headless/cli';
import type { AuditEntry } from '../../../src/shared/model';
import { connectMcp, connectSimulator, createSimulator, startTestCore, type Simulator, type TestCore } from './helpers';

let sim: Simulator;
let t: TestCore;
let responderToken: string;
let readerToken: string;
let responderId: string;

beforeAll(async () => {
  sim = await createSimulator();
  t = await startTestCore();
  await connectSimulator(t, sim);
  const responder = await t.call('clients.create', { name: 'Claude Code', profileId: 'pr_responder' });
  const reader = await t.call('clients.create', { name: 'Cursor', profileId: 'pr_read_only' });
  responderToken = responder.token;
  readerToken = reader.token;
  responderId = responder.client.id;
});

afterAll(async () => {
  await t?.close();
  await sim?.close();
});

const textOf = (r: unknown) => ((r as { content: { text: string }[] }).content[0]?.text ?? '');
async function lastAudit(tool: string): Promise<AuditEntry> {
  const page = await t.call('audit.query', { tool, limit: 1 });
  return page.entries[0]!;
}
async function callError(fn: () => Promise<unknown>): Promise<ProtocolError> {
  try {
    await fn();
  } catch (error) {
    return error as ProtocolError;
  }
  throw new Error('expected the call to fail');
}

function raw(options: { path?: string; headers?: Record<string, string>; method?: string; body?: string }): Promise<{ status: number; body: string }> {
  const url = new URL(t.url);
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port: url.port, path: options.path ?? '/mcp', method: options.method ?? 'POST', headers: options.headers },
      (res) => {
        let body = '';
        res.on('data', (d) => (body += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}
const initBody = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '1' } } });
const mcpHeaders = (token: string) => ({ 'content-type': 'application/json', accept: 'application/json, text/event-stream', authorization: `Bearer ${token}` });

describe('gateway', () => {
  it('gives two clients with different profiles different tool lists, in a stable order', async () => {
    const a = await connectMcp(t.url, responderToken);
    const b = await connectMcp(t.url, readerToken);
    try {
      const aTools = (await a.client.listTools()).tools.map((x) => x.name);
      const bTools = (await b.client.listTools()).tools.map((x) => x.name);
      expect(aTools).toContain('list_incidents');
      expect(bTools).toContain('list_incidents');
      // Writes start pending: nobody sees them yet.
      expect(aTools).not.toContain('add_note_to_incident');
      await t.call('tools.setState', { names: ['add_note_to_incident'], state: 'approved' });
      await a.nextListChanged();
      const after = (await a.client.listTools()).tools.map((x) => x.name);
      expect(after).toContain('add_note_to_incident');
      expect([...after].sort()).toEqual(after);
      // The reader's profile has no writes: same approval, still hidden there.
      expect((await b.client.listTools()).tools.map((x) => x.name)).not.toContain('add_note_to_incident');
      expect(t.core.status()).toMatchObject({ connectedClients: 2, gateway: { sessions: 2 } });
    } finally {
      await t.call('tools.setState', { names: ['add_note_to_incident'], state: 'pending_review' });
      await a.close();
      await b.close();
    }
  });

  it('answers a hidden tool exactly like a nonexistent one, audits it, and runs it once approved', async () => {
    const a = await connectMcp(t.url, responderToken);
    try {
      const hidden = await callError(() => a.client.callTool({ name: 'manage_incidents', arguments: { incident_ids: ['1'], status: 'acknowledged' } }));
      const missing = await callError(() => a.client.callTool({ name: 'manage_incidentz', arguments: { incident_ids: ['1'], status: 'acknowledged' } }));
      expect(hidden.code).toBe(-32602);
      expect({ code: hidden.code, message: hidden.message.replace('manage_incidents', 'X') }).toEqual({ code: missing.code, message: missing.message.replace('manage_incidentz', 'X') });
      expect(hidden.message).toBe('Unknown tool: manage_incidents');
      expect(await lastAudit('manage_incidents')).toMatchObject({ decision: 'not_approved', outcome: 'refused', clientName: 'Claude Code', profileName: 'Responder' });

      const before = sim.requests.length;
      const changed = a.nextListChanged();
      await t.call('tools.setState', { names: ['add_note_to_incident'], state: 'approved' });
      await changed;
      const incidents = JSON.parse(textOf(await a.client.callTool({ name: 'list_incidents', arguments: { limit: 1 } })));
      const incidentId = (incidents.incidents ?? incidents.items ?? incidents)[0].id as string;
      const result = await a.client.callTool({ name: 'add_note_to_incident', arguments: { incident_id: incidentId, note: 'Looking into it' } });
      expect(result.isError).toBeFalsy();
      expect(textOf(result)).toContain('Looking into it');
      const posted = sim.requests.slice(before).filter((r) => r.method === 'POST' && r.path.endsWith('/notes'));
      expect(posted).toHaveLength(1);
      expect(posted[0]!.from).toBe(sim.users[0]!.email);
      const entry = await lastAudit('add_note_to_incident');
      expect(entry).toMatchObject({ decision: 'allowed', outcome: 'ok', identity: expect.stringContaining(sim.users[0]!.email), pdStatus: 201 });
      expect(entry.args).toMatchObject({ incident_id: incidentId, note: 'Looking into it' });
      // A write is recorded as started before PagerDuty sees it, then with its result: one call, two entries.
      const [result1, started] = (await t.call('audit.query', { tool: 'add_note_to_incident', limit: 2 })).entries;
      expect(result1!.seq).toBe(entry.seq);
      expect(started).toMatchObject({ decision: 'allowed', outcome: 'started', seq: entry.seq - 1, identity: entry.identity, pdStatus: null });
      const [bucket] = await t.call('audit.histogram', { since: new Date(Date.now() - 3_600_000).toISOString(), until: new Date(Date.now() + 60_000).toISOString(), buckets: 1 });
      const everything = await t.call('audit.query', { limit: 500 });
      expect(bucket!.calls).toBe(everything.entries.filter((e) => e.outcome !== 'started').length);
    } finally {
      await t.call('tools.setState', { names: ['add_note_to_incident'], state: 'pending_review' });
      await a.close();
    }
  });

  it('reports bad input as a tool error the model can fix', async () => {
    const a = await connectMcp(t.url, responderToken);
    try {
      const result = await a.client.callTool({ name: 'get_incident', arguments: {} });
      expect(result.isError).toBe(true);
      expect(textOf(result)).toMatch(/^Invalid arguments for get_incident: incident_id:/);
      // A PagerDuty failure comes back as a tool error in PagerDuty's words, and is audited as an error.
      const missing = await a.client.callTool({ name: 'get_incident', arguments: { incident_id: 'PNOPE99' } });
      expect(missing.isError).toBe(true);
      expect(await lastAudit('get_incident')).toMatchObject({ decision: 'allowed', outcome: 'error', pdStatus: 404, message: textOf(missing) });
    } finally {
      await a.close();
    }
  });

  it('picks up a CLI write while running: the live session is told and the tool appears', async () => {
    const a = await connectMcp(t.url, responderToken);
    const announced: string[] = [];
    const off = t.core.events.on('tools.changed', (e) => announced.push(e.reason));
    try {
      const changed = a.nextListChanged(5000);
      const out: string[] = [];
      expect(await cli(['--data-dir', t.dataDir, 'tools', 'approve', 'add_responders'], { out: (x) => out.push(x), err: (x) => out.push(x) })).toBe(0);
      await changed;
      expect((await a.client.listTools()).tools.map((x) => x.name)).toContain('add_responders');
      const gone = a.nextListChanged(5000);
      await cli(['--data-dir', t.dataDir, 'tools', 'deny', 'add_responders'], { out: () => {}, err: () => {} });
      await gone;
      expect((await a.client.listTools()).tools.map((x) => x.name)).not.toContain('add_responders');
      // The app's window hears about a CLI change like about its own.
      expect(announced).toEqual(['state', 'state']);
    } finally {
      off();
      await a.close();
    }
  });

  it('asks each time: the app approves one call and declines another', async () => {
    await t.call('tools.setState', { names: ['get_incident'], state: 'ask_each_time' });
    const a = await connectMcp(t.url, responderToken);
    // Counted when the prompt shows: before it, the app looks up the incident's title (read-only) for the person.
    let atPrompt = 0;
    const off = t.core.events.on('ask.requested', (prompt) => {
      atPrompt = sim.requests.length;
      void t.call('ask.decide', { id: prompt.id, approve: prompt.args.incident_id === '1', argsHash: prompt.argsHash });
    });
    try {
      expect((await a.client.listTools()).tools.map((x) => x.name)).toContain('get_incident');
      const yes = await a.client.callTool({ name: 'get_incident', arguments: { incident_id: '1' } });
      expect(yes.isError).toBeFalsy();
      expect(await lastAudit('get_incident')).toMatchObject({ decision: 'ask_approved', outcome: 'ok' });
      const no = await a.client.callTool({ name: 'get_incident', arguments: { incident_id: '2' } });
      expect(no.isError).toBe(true);
      expect(textOf(no)).toMatch(/declined/);
      expect(sim.requests.length).toBe(atPrompt);
      expect(await lastAudit('get_incident')).toMatchObject({ decision: 'ask_denied', outcome: 'refused' });
      expect(t.notifications.some((n) => n.actionLabel === 'Review' && n.title.includes('Claude Code'))).toBe(true);
      expect(await t.call('ask.list', {})).toEqual([]);
    } finally {
      off();
      await a.close();
    }
  });

  it('refuses an unanswered ask when it times out', async () => {
    await t.call('settings.update', { askTimeoutSeconds: 5 });
    await t.call('tools.setState', { names: ['get_incident'], state: 'ask_each_time' });
    const a = await connectMcp(t.url, responderToken);
    const resolved: string[] = [];
    const off = t.core.events.on('ask.resolved', (r) => resolved.push(r.reason));
    // The prompt appears once its id names are looked up, which takes a moment on a busy machine.
    const requested = new Promise<void>((r) => {
      const stop = t.core.events.on('ask.requested', () => {
        stop();
        r();
      });
    });
    try {
      const pending = a.client.callTool({ name: 'get_incident', arguments: { incident_id: '1' } }, { timeout: 20_000 });
      await requested;
      expect((await t.call('ask.list', {})).map((p) => p.tool)).toEqual(['get_incident']);
      expect(t.core.status().askPending).toBe(1);
      const result = await pending;
      expect(result.isError).toBe(true);
      expect(textOf(result)).toMatch(/in time/);
      expect(resolved).toEqual(['timeout']);
      expect(await lastAudit('get_incident')).toMatchObject({ decision: 'ask_denied', outcome: 'refused' });
    } finally {
      off();
      await t.call('tools.setState', { names: ['get_incident'], state: 'approved' });
      await a.close();
    }
  }, 20_000);

  it('refuses calls while paused, and says how to resume', async () => {
    const a = await connectMcp(t.url, readerToken);
    try {
      expect((await t.call('gateway.setPaused', { paused: true })).gateway.paused).toBe(true);
      const result = await a.client.callTool({ name: 'list_incidents', arguments: {} });
      expect(result.isError).toBe(true);
      expect(textOf(result)).toBe('PagerDuty MCP is paused in the app; ask the person to resume it.');
      expect(await lastAudit('list_incidents')).toMatchObject({ decision: 'paused', outcome: 'refused', clientName: 'Cursor' });
    } finally {
      await t.call('gateway.setPaused', { paused: false });
      await a.close();
    }
  });

  it('refuses a bad token, a foreign Host or Origin, and 404s OAuth discovery', async () => {
    const noToken = await raw({ headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' }, body: initBody });
    expect(noToken.status).toBe(401);
    expect(JSON.parse(noToken.body)).toMatchObject({ jsonrpc: '2.0', error: { code: -32001 }, id: null });
    expect((await raw({ headers: mcpHeaders('pdmcp_wrong'), body: initBody })).status).toBe(401);
    const port = new URL(t.url).port;
    expect((await raw({ headers: { ...mcpHeaders(readerToken), host: `evil.example:${port}` }, body: initBody })).status).toBe(403);
    expect((await raw({ headers: { ...mcpHeaders(readerToken), origin: 'http://evil.example' }, body: initBody })).status).toBe(403);
    expect((await raw({ headers: { ...mcpHeaders(readerToken), origin: `http://127.0.0.1:${port}` }, body: initBody })).status).toBe(200);
    for (const p of ['/.well-known/oauth-protected-resource/mcp', '/.well-known/oauth-authorization-server', '/.well-known/openid-configuration', '/']) {
      const res = await raw({ path: p, method: 'GET', headers: { authorization: `Bearer ${readerToken}` } });
      expect(res).toEqual({ status: 404, body: 'Not found' });
    }
  });

  it("does not let one client use another client's session", async () => {
    const a = await connectMcp(t.url, responderToken);
    try {
      const res = await raw({
        headers: { ...mcpHeaders(readerToken), 'mcp-session-id': a.transport.sessionId! },
        body: JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'tools/list', params: {} }),
      });
      expect(res.status).toBe(404);
    } finally {
      await a.close();
    }
  });

  it('closes the sessions of a revoked client and refuses its token', async () => {
    const { client, token } = await t.call('clients.create', { name: 'Windsurf', profileId: 'pr_read_only' });
    const a = await connectMcp(t.url, token);
    const seen = (await t.call('clients.list', {})).find((c) => c.id === client.id)!;
    expect(seen.sessions).toBe(1);
    expect(seen.lastSeenAt).not.toBeNull();
    await t.call('clients.revoke', { id: client.id });
    await new Promise((r) => setTimeout(r, 100));
    expect((await t.call('clients.list', {})).find((c) => c.id === client.id)?.sessions).toBe(0);
    await expect(a.client.listTools()).rejects.toThrow();
    expect((await raw({ headers: mcpHeaders(token), body: initBody })).status).toBe(401);
    await a.close().catch(() => {});
  });

  it('tells the AI to connect PagerDuty when the connection is gone', async () => {
    const a = await connectMcp(t.url, readerToken);
    try {
      await t.call('connection.disconnect', {});
      const result = await a.client.callTool({ name: 'list_incidents', arguments: {} });
      expect(result.isError).toBe(true);
      expect(await lastAudit('list_incidents')).toMatchObject({ decision: 'not_connected', outcome: 'refused' });
    } finally {
      await connectSimulator(t, sim);
      await a.close();
    }
  });

  it('keeps an audit chain that verifies, and has a handler for every contract call', async () => {
    expect((await t.call('audit.verify', {})).ok).toBe(true);
    expect(responderId).toMatch(/^cl_/);
    const status = await t.call('status.get', {});
    expect(status.gateway.port).toBe(Number(new URL(t.url).port));
    expect(status.pendingReview).toBeGreaterThan(0);
  });
});
