// Both protocol eras on one gateway URL, with the SDK's real client in each: a 2026-07-28 client (no
// session, `_meta` per request, `subscriptions/listen`) and a 2025-era one (initialize, a session, the GET
// stream), against a real core, the real keychain and audit log, and the PagerDuty simulator. Whatever
// the era, a client sees exactly its profile, calls go through the same governance, and the person's
// decisions in the app reach it without reconnecting.
import { ProtocolError } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../../src/shared/model';
import { mcpPost, rawHttp, type RawResponse } from '../../../support/fuzz';
import { connectMcp, connectSimulator, createSimulator, MCP_ERAS, MODERN_ENVELOPE, MODERN_REVISION, startTestCore, withEnvelope, type McpEra, type McpTestClient, type Simulator, type TestCore } from '../helpers';

let sim: Simulator;
let t: TestCore;
const tokens: Record<string, string> = {};
const ids: Record<string, string> = {};
const open: McpTestClient[] = [];

beforeAll(async () => {
  sim = await createSimulator();
  t = await startTestCore();
  await connectSimulator(t, sim);
  for (const [name, profileId] of [
    ['Claude Code', 'pr_responder'],
    ['VS Code', 'pr_responder'],
    ['Cursor', 'pr_read_only'],
  ] as const) {
    const created = await t.call('clients.create', { name, profileId });
    tokens[name] = created.token;
    ids[name] = created.client.id;
  }
});
afterAll(async () => {
  await Promise.all(open.map((c) => c.close().catch(() => undefined)));
  await t?.close();
  await sim?.close();
});

async function connect(name: string, era: McpEra, token = tokens[name]!): Promise<McpTestClient> {
  const c = await connectMcp(t.url, token, { era, name: `${name} (${era})` });
  open.push(c);
  return c;
}
const names = async (c: McpTestClient) => (await c.client.listTools()).tools.map((x) => x.name);
const textOf = (r: unknown) => ((r as { content: { text: string }[] }).content[0]?.text ?? '');
async function lastAudit(tool: string): Promise<AuditEntry> {
  return (await t.call('audit.query', { tool, limit: 1 })).entries[0]!;
}
/** What a promise settled to within `ms`, or 'still pending' (so a stream that never closes fails fast). */
const within = <T>(promise: Promise<T>, ms = 3000) => Promise.race([promise, new Promise<'still pending'>((r) => setTimeout(() => r('still pending'), ms))]);
/** Exactly what a profile grants, worked out from the app's own lists (not from the gateway). */
async function profileTools(profileId: string): Promise<string[]> {
  const profile = (await t.call('profiles.list', {})).find((p) => p.id === profileId)!;
  const inSets = new Set((await t.call('toolsets.list', {})).filter((s) => profile.toolsetIds.includes(s.id)).flatMap((s) => s.tools));
  return (await t.call('tools.list', {}))
    .filter((tool) => inSets.has(tool.name) && (tool.approvalState === 'approved' || tool.approvalState === 'ask_each_time'))
    .map((tool) => tool.name)
    .sort();
}

/** One raw POST in either era's wire form: the 2026-07-28 `_meta` envelope and headers, or a 2025 session. */
function rawCall(era: McpEra, token: string, method: string, params: Record<string, unknown>, sessionId?: string): Promise<RawResponse> {
  const modern = era === 'modern';
  const name: Record<string, string> = typeof params.name === 'string' ? { 'mcp-name': params.name } : {};
  const message = { jsonrpc: '2.0', id: 7, method, params };
  return mcpPost(Number(new URL(t.url).port), token, JSON.stringify(modern ? withEnvelope(message) : message), {
    ...(modern ? { 'mcp-protocol-version': MODERN_REVISION, 'mcp-method': method, ...name } : { 'mcp-protocol-version': '2025-11-25', 'mcp-session-id': sessionId ?? null }),
  });
}
/** The one JSON-RPC message of a response, whether sent as JSON or as an SSE event. */
function message(res: RawResponse): { result?: Record<string, unknown>; error?: { code: number; message: string } } {
  const text = String(res.headers['content-type']).startsWith('text/event-stream') ? res.body.split('\n').find((l) => l.startsWith('data: '))!.slice(6) : res.body;
  return JSON.parse(text);
}

describe('one gateway URL, both protocol eras', () => {
  it('lists exactly the profile of the token, in the same order in both eras', async () => {
    const modernResponder = await connect('Claude Code', 'modern');
    const legacyReader = await connect('Cursor', 'legacy');
    const legacyResponder = await connect('VS Code', 'legacy');
    const modernReader = await connect('Cursor', 'modern');
    expect(modernResponder.client.getProtocolEra()).toBe('modern');
    expect(legacyReader.transport.sessionId).toMatch(/./);
    expect(modernResponder.transport.sessionId).toBeUndefined();

    const responder = await profileTools('pr_responder');
    const reader = await profileTools('pr_read_only');
    expect(reader.length).toBeGreaterThan(5);
    expect(await names(modernResponder)).toEqual(responder);
    expect(await names(legacyResponder)).toEqual(responder);
    expect(await names(legacyReader)).toEqual(reader);
    expect(await names(modernReader)).toEqual(reader);
    // Same tool, same definition, whichever era asked.
    const one = async (c: McpTestClient) => (await c.client.listTools()).tools.find((x) => x.name === 'list_incidents');
    expect(await one(modernReader)).toEqual(await one(legacyReader));
  });

  it('runs a read tool against PagerDuty for both, through the same governance', async () => {
    for (const era of MCP_ERAS) {
      const c = await connect('Cursor', era);
      const before = sim.requests.length;
      const result = await c.client.callTool({ name: 'list_incidents', arguments: { limit: 2 } });
      expect(result.isError, `${era}: ${textOf(result)}`).toBeFalsy();
      expect(JSON.parse(textOf(result))).toBeTruthy();
      expect(sim.requests.slice(before).some((r) => r.method === 'GET' && r.path.endsWith('/incidents'))).toBe(true);
      expect(await lastAudit('list_incidents')).toMatchObject({ clientName: 'Cursor', decision: 'allowed', outcome: 'ok' });
    }
  });

  it("tells both about an approval in the app without reconnecting, and only the clients whose list changed", async () => {
    const modern = await connect('Claude Code', 'modern');
    const legacy = await connect('VS Code', 'legacy');
    const reader = await connect('Cursor', 'modern');
    expect(await names(modern)).not.toContain('add_note_to_incident');
    expect(await names(legacy)).not.toContain('add_note_to_incident');
    const told = Promise.all([modern.nextListChanged(), legacy.nextListChanged()]);
    const readerCount = reader.listChangedCount();
    try {
      await t.call('tools.setState', { names: ['add_note_to_incident'], state: 'approved' });
      await told;
      expect(await names(modern)).toContain('add_note_to_incident');
      expect(await names(legacy)).toContain('add_note_to_incident');
      // The read-only profile has no writes: its list did not change, so its listener hears nothing.
      await new Promise((r) => setTimeout(r, 300));
      expect(reader.listChangedCount()).toBe(readerCount);
      expect(await names(reader)).not.toContain('add_note_to_incident');
    } finally {
      const back = Promise.all([modern.nextListChanged(), legacy.nextListChanged()]);
      await t.call('tools.setState', { names: ['add_note_to_incident'], state: 'pending_review' });
      await back;
    }
    expect(await names(modern)).not.toContain('add_note_to_incident');
    expect(await names(legacy)).not.toContain('add_note_to_incident');
  });

  it('asks each time in both eras: the app approves one call and declines another', async () => {
    await t.call('tools.setState', { names: ['get_incident'], state: 'ask_each_time' });
    // Requests are counted from the prompt on: the prompt itself looks the incident's name up first.
    let atPrompt = 0;
    const off = t.core.events.on('ask.requested', (prompt) => {
      atPrompt = sim.requests.length;
      void t.call('ask.decide', { id: prompt.id, approve: prompt.args.incident_id === '1', argsHash: prompt.argsHash });
    });
    try {
      for (const era of MCP_ERAS) {
        const c = await connect('Claude Code', era);
        const yes = await c.client.callTool({ name: 'get_incident', arguments: { incident_id: '1' } });
        expect(yes.isError, `${era}: ${textOf(yes)}`).toBeFalsy();
        expect(await lastAudit('get_incident')).toMatchObject({ decision: 'ask_approved', outcome: 'ok', clientName: 'Claude Code' });
        const no = await c.client.callTool({ name: 'get_incident', arguments: { incident_id: '2' } });
        expect(no.isError).toBe(true);
        expect(textOf(no)).toBe('The person declined to run get_incident. Do not retry unless they ask you to.');
        expect(sim.requests.length).toBe(atPrompt);
        expect(await lastAudit('get_incident')).toMatchObject({ decision: 'ask_denied', outcome: 'refused' });
      }
    } finally {
      off();
      await t.call('tools.setState', { names: ['get_incident'], state: 'approved' });
    }
  });

  it('answers a hidden tool exactly like a nonexistent one, in the same words in both eras', async () => {
    const answers: Record<string, unknown> = {};
    for (const era of MCP_ERAS) {
      const c = await connect('Claude Code', era);
      const hidden = await c.client.callTool({ name: 'manage_incidents', arguments: { incident_ids: ['1'], status: 'acknowledged' } }).then(() => null, (e: ProtocolError) => e);
      const missing = await c.client.callTool({ name: 'manage_incidentz', arguments: {} }).then(() => null, (e: ProtocolError) => e);
      expect(hidden).toBeInstanceOf(ProtocolError);
      expect({ code: hidden?.code, message: hidden?.message }).toEqual({ code: -32602, message: 'Unknown tool: manage_incidents' });
      expect({ code: missing?.code, message: missing?.message }).toEqual({ code: -32602, message: 'Unknown tool: manage_incidentz' });
      answers[era] = { hidden: hidden?.message, missing: missing?.message };
    }
    expect(answers.modern).toEqual(answers.legacy);
  });

  it('answers a tools/call with an invalid name with one clean JSON-RPC error in both eras', async () => {
    const legacy = await connect('Cursor', 'legacy');
    for (const params of [{ name: 42, arguments: {} }, { arguments: {} }, { name: 'list_incidents', arguments: 'all' }]) {
      const errors = [];
      for (const era of MCP_ERAS) {
        const res = await rawCall(era, tokens.Cursor!, 'tools/call', params, legacy.transport.sessionId);
        const { error } = message(res);
        expect(error?.code, `${era} ${JSON.stringify(params)}: ${res.body}`).toBe(-32602);
        expect(error!.message).toMatch(/^Invalid tools\/call request \((name|arguments): [^{}[\]\n]+\)\. Send "name" as the tool's name/);
        errors.push(error);
      }
      expect(errors[0]).toEqual(errors[1]);
    }
  });

  it('hides every tool while paused and tells both eras; resuming brings them back', async () => {
    const modern = await connect('Cursor', 'modern');
    const legacy = await connect('Cursor', 'legacy');
    const before = await names(modern);
    expect(before.length).toBeGreaterThan(0);
    let told = Promise.all([modern.nextListChanged(), legacy.nextListChanged()]);
    await t.call('gateway.setPaused', { paused: true });
    try {
      await told;
      expect(await names(modern)).toEqual([]);
      expect(await names(legacy)).toEqual([]);
      // A client that remembers a tool still gets the reason, not a silent "unknown tool".
      const result = await legacy.client.callTool({ name: 'list_incidents', arguments: {} });
      expect(textOf(result)).toBe('PagerDuty MCP is paused in the app; ask the person to resume it.');
    } finally {
      told = Promise.all([modern.nextListChanged(), legacy.nextListChanged()]);
      await t.call('gateway.setPaused', { paused: false });
      await told;
    }
    expect(await names(modern)).toEqual(before);
    expect(await names(legacy)).toEqual(before);
  });

  it('stops both eras at once when a token is revoked', async () => {
    const { client, token } = await t.call('clients.create', { name: 'Windsurf', profileId: 'pr_read_only' });
    const modern = await connect('Windsurf', 'modern', token);
    const legacy = await connect('Windsurf', 'legacy', token);
    expect(await names(modern)).toContain('list_incidents');
    expect(t.core.status().gateway.sessions).toBeGreaterThanOrEqual(2);
    expect((await t.call('clients.list', {})).find((c) => c.id === client.id)?.sessions).toBe(2);
    await t.call('clients.revoke', { id: client.id });
    expect(await within(modern.subscription!.closed)).toBe('graceful');
    await expect.poll(async () => (await t.call('clients.list', {})).find((c) => c.id === client.id)?.sessions).toBe(0);
    await expect(modern.client.callTool({ name: 'list_incidents', arguments: {} })).rejects.toThrow(/revoked client token/);
    await expect(legacy.client.callTool({ name: 'list_incidents', arguments: {} })).rejects.toThrow(/revoked client token/);
    for (const era of MCP_ERAS) {
      const res = await rawCall(era, token, 'tools/list', {});
      expect(res.status, era).toBe(401);
      expect(message(res).error!.message).toMatch(/^Missing, unknown or revoked client token/);
    }
  });

  it("closes the old token's sessions and listen streams when the token is rotated", async () => {
    const { client, token } = await t.call('clients.create', { name: 'Zed', profileId: 'pr_read_only' });
    const modern = await connect('Zed', 'modern', token);
    const legacy = await connect('Zed', 'legacy', token);
    const sessionId = legacy.transport.sessionId!;
    expect((await t.call('clients.list', {})).find((c) => c.id === client.id)?.sessions).toBe(2);
    const rotated = await t.call('clients.rotate', { id: client.id });
    expect(await within(modern.subscription!.closed)).toBe('graceful');
    await expect.poll(async () => (await t.call('clients.list', {})).find((c) => c.id === client.id)?.sessions).toBe(0);
    // The old session is gone even for the new token: a session is bound to the token that opened it.
    expect((await rawCall('legacy', rotated.token, 'tools/list', {}, sessionId)).status).toBe(404);
    for (const era of MCP_ERAS) expect((await rawCall(era, token, 'tools/list', {}, sessionId)).status, era).toBe(401);
    // The new token works at once, in both eras.
    expect(await names(await connect('Zed', 'modern', rotated.token))).toContain('list_incidents');
    expect(await names(await connect('Zed', 'legacy', rotated.token))).toContain('list_incidents');
  });
});

describe('2026-07-28 on the wire', () => {
  it('answers server/discover and a deterministic, cacheable tools/list', async () => {
    const discover = message(await rawCall('modern', tokens.Cursor!, 'server/discover', {}));
    expect(discover.result).toMatchObject({ supportedVersions: expect.arrayContaining([MODERN_REVISION]), capabilities: { tools: { listChanged: true } } });
    expect(discover.result!.instructions).toMatch(/governed by the person/);
    const first = message(await rawCall('modern', tokens.Cursor!, 'tools/list', {})).result!;
    const second = message(await rawCall('modern', tokens.Cursor!, 'tools/list', {})).result!;
    expect(first).toMatchObject({ ttlMs: 60_000, cacheScope: 'private' });
    const listed = (first.tools as { name: string }[]).map((x) => x.name);
    expect(listed).toEqual([...listed].sort());
    expect(second.tools).toEqual(first.tools);
    // 2025-era answers carry no cache fields.
    const legacy = await connect('Cursor', 'legacy');
    const old = message(await rawCall('legacy', tokens.Cursor!, 'tools/list', {}, legacy.transport.sessionId)).result!;
    expect(old).not.toHaveProperty('ttlMs');
    expect(old.tools).toEqual(first.tools);
  });

  it('refuses a foreign Origin and a missing token with the same answer as the 2025 era', async () => {
    const port = Number(new URL(t.url).port);
    const send = (era: McpEra, headers: Record<string, string | null>) =>
      rawHttp({
        port,
        method: 'POST',
        path: '/mcp',
        headers: { host: `127.0.0.1:${port}`, 'content-type': 'application/json', accept: 'application/json, text/event-stream', 'mcp-protocol-version': era === 'modern' ? MODERN_REVISION : '2025-11-25', 'mcp-method': 'tools/list', ...headers },
        body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list', params: era === 'modern' ? { _meta: MODERN_ENVELOPE } : {} }),
      });
    const cases: Record<string, string | null>[] = [{ origin: 'http://evil.example', authorization: `Bearer ${tokens.Cursor}` }, { authorization: null }, { host: `evil.example:${port}` }];
    for (const headers of cases) {
      const [modern, legacy] = await Promise.all([send('modern', headers), send('legacy', headers)]);
      expect([modern.status, modern.body]).toEqual([legacy.status, legacy.body]);
      expect([401, 403]).toContain(modern.status);
    }
  });
});
