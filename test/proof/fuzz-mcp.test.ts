// Bad input against the MCP gateway, on the wire: property-based HTTP requests with hostile Host, Origin
// and token headers, and arbitrary JSON-RPC messages inside a real session. Every answer is a clear
// refusal or a JSON-RPC answer — never a 500, never a hang — and nothing invalid reaches PagerDuty.
// FUZZ_RUNS=10000 (npm run fuzz) for the long run.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalog } from '../../src/main/core/catalog';
import { authArb, fuzzRuns, fuzzTimeout, hostArb, jsonValue, notJson, originArb, rawHttp, type RawResponse } from '../support/fuzz';
import { startProofRig, type ProofRig } from '../support/proof';

let rig: ProofRig;
let port: number;
let token: string;
let sessionId: string;
const PROTOCOL = '2025-06-18';
const tools = new Map(catalog.map((t) => [t.name, t]));

const initialize = (id: unknown = 1) =>
  JSON.stringify({ jsonrpc: '2.0', id, method: 'initialize', params: { protocolVersion: PROTOCOL, capabilities: {}, clientInfo: { name: 'fuzz', version: '1' } } });

beforeAll(async () => {
  rig = await startProofRig();
  // Every tool visible, so argument validation (not hiding) is what answers.
  await rig.setState(catalog.map((t) => t.name), 'approved');
  port = Number(new URL(rig.t.url).port);
  token = rig.tokens[0]!;
  const res = await post(initialize(), { 'mcp-session-id': null });
  expect(res.status).toBe(200);
  sessionId = String(res.headers['mcp-session-id']);
  expect((await post(JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' }))).status).toBe(202);
});
afterAll(async () => {
  await rig?.close();
});

function post(body: string, extra: Record<string, string | null> = {}): Promise<RawResponse> {
  return rawHttp({
    port,
    method: 'POST',
    path: '/mcp',
    headers: {
      host: `127.0.0.1:${port}`,
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
      'mcp-session-id': sessionId ?? null,
      'mcp-protocol-version': PROTOCOL,
      ...extra,
    },
    body,
  });
}

/** The JSON-RPC messages in a response body, whether plain JSON or an SSE stream. */
function messages(res: RawResponse): Array<{ id?: unknown; result?: unknown; error?: { code: number; message: string } }> {
  if (!res.body.trim()) return [];
  if (String(res.headers['content-type']).startsWith('text/event-stream')) {
    return res.body
      .split('\n')
      .filter((l) => l.startsWith('data: '))
      .map((l) => JSON.parse(l.slice(6)));
  }
  const parsed = JSON.parse(res.body);
  return Array.isArray(parsed) ? parsed : [parsed];
}

/**
 * Could this message legitimately reach PagerDuty? Deliberately generous: only for messages it rejects
 * do we insist on zero upstream requests.
 */
function mayCallPagerDuty(message: unknown): boolean {
  if (Array.isArray(message)) return message.some(mayCallPagerDuty);
  if (!message || typeof message !== 'object') return false;
  const m = message as { method?: unknown; params?: { name?: unknown; arguments?: unknown } };
  if (m.method !== 'tools/call' || !m.params || typeof m.params !== 'object') return false;
  const tool = typeof m.params.name === 'string' ? tools.get(m.params.name) : undefined;
  if (!tool) return false;
  const args = m.params.arguments;
  if (args !== undefined && (args === null || typeof args !== 'object')) return false;
  return tool.input.safeParse(args ?? {}).success;
}

describe('gateway HTTP under hostile headers', () => {
  const runs = fuzzRuns(300);
  it(`refuses wrong Host, foreign Origin and bad tokens before anything else (${runs} cases)`, { timeout: fuzzTimeout(runs, 15) }, async () => {
    await fc.assert(
      fc.asyncProperty(
        hostArb(port),
        originArb(port),
        authArb(token),
        fc.constantFrom('GET', 'POST', 'DELETE', 'PUT', 'OPTIONS'),
        fc.constantFrom('/mcp', '/', '/mcp/', '/.well-known/oauth-authorization-server', '/.well-known/oauth-protected-resource/mcp', '/register'),
        fc.oneof(fc.constant(initialize()), jsonValue.map((v) => JSON.stringify(v)), notJson),
        async (host, origin, auth, method, path, body) => {
          const before = rig.upstream();
          const res = await rawHttp({
            port,
            method,
            path,
            headers: { host: host.value, origin: origin.value, authorization: auth.value, 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
            body: method === 'GET' ? undefined : body,
            timeoutMs: 3000,
          });
          expect(rig.upstream()).toBe(before);
          expect(res.status).not.toBe(500);
          if (host.value === null) {
            expect(res.status).toBe(400);
          } else if (!host.ok || !origin.ok) {
            expect(res.status).toBe(403);
          } else if (path !== '/mcp') {
            // Plain 404, never OAuth metadata: clients must keep using the configured header.
            expect(res.status).toBe(404);
            expect(res.body).not.toMatch(/authorization_endpoint|issuer/);
          } else if (!auth.ok) {
            expect(res.status).toBe(401);
            expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
            expect(messages(res)[0]?.error?.message).toMatch(/Create a client in the PagerDuty MCP app/);
          } else {
            expect([200, 400, 405, 406, 415]).toContain(res.status);
            if (res.status >= 400) expect(messages(res)[0]?.error?.message.length).toBeGreaterThan(3);
          }
        },
      ),
      { numRuns: runs },
    );
  });

  it('refuses a body over 1 MiB with 413 and a clear message', async () => {
    const res = await post(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'list_incidents', arguments: { pad: 'a'.repeat(1024 * 1024) } } }));
    expect(res.status).toBe(413);
    expect(messages(res)[0]?.error?.message).toMatch(/larger than/);
  });

  it('keeps a session to the client that opened it', async () => {
    const other = (await rig.t.call('clients.create', { name: 'intruder', profileId: rig.profileId })).token;
    const res = await post(JSON.stringify({ jsonrpc: '2.0', id: 9, method: 'tools/list' }), { authorization: `Bearer ${other}` });
    expect(res.status).toBe(404);
  });
});

describe('JSON-RPC messages inside a session', () => {
  const runs = fuzzRuns(500);
  it(`answers every message without crashing; nothing invalid reaches PagerDuty (${runs} cases)`, { timeout: fuzzTimeout(runs, 20) }, async () => {
    const methods = ['tools/call', 'tools/list', 'ping', 'initialize', 'resources/list', 'prompts/list', 'logging/setLevel', 'completion/complete', 'notifications/initialized', 'notifications/cancelled', 'tools/call ', 'TOOLS/CALL', ''];
    const toolName = fc.oneof(fc.constantFrom(...tools.keys()), fc.string({ maxLength: 20 }), jsonValue);
    const args = fc.oneof(jsonValue, fc.dictionary(fc.string({ maxLength: 12 }), jsonValue, { maxKeys: 4 }), fc.constant(undefined));
    const message = fc.record(
      {
        jsonrpc: fc.oneof({ weight: 5, arbitrary: fc.constant('2.0') }, { weight: 1, arbitrary: jsonValue }),
        id: fc.oneof(fc.nat(), fc.string({ maxLength: 8 }), fc.constant(null), jsonValue),
        method: fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...methods) }, { weight: 1, arbitrary: jsonValue }),
        params: fc.oneof(fc.record({ name: toolName, arguments: args }, { requiredKeys: [] }), jsonValue),
        result: jsonValue,
        error: jsonValue,
      },
      { requiredKeys: [] },
    );
    const body = fc.oneof(
      { weight: 6, arbitrary: message.map((m) => JSON.stringify(m)) },
      { weight: 1, arbitrary: fc.array(message, { maxLength: 3 }).map((m) => JSON.stringify(m)) },
      { weight: 1, arbitrary: notJson },
      { weight: 1, arbitrary: jsonValue.map((v) => JSON.stringify(v)) },
    );
    await fc.assert(
      fc.asyncProperty(body, async (text) => {
        const before = rig.upstream();
        const res = await post(text);
        expect(res.status, res.body).not.toBe(500);
        expect([200, 202, 400, 404, 406, 415]).toContain(res.status);
        const out = messages(res);
        for (const m of out) {
          if (m.error) expect(m.error.message.length).toBeGreaterThan(3);
          // A tool error is an isError result whose text says what to fix.
          const result = m.result as { isError?: boolean; content?: { text: string }[] } | undefined;
          if (result?.isError) expect(result.content?.[0]?.text.length).toBeGreaterThan(10);
        }
        let parsed: unknown = null;
        try {
          parsed = JSON.parse(text);
        } catch {
          /* not JSON: certainly nothing upstream */
        }
        if (!mayCallPagerDuty(parsed)) expect(rig.upstream(), text).toBe(before);
      }),
      { numRuns: runs },
    );
    // The session still works.
    const res = await post(JSON.stringify({ jsonrpc: '2.0', id: 'last', method: 'tools/call', params: { name: 'list_incidents', arguments: { limit: 1 } } }));
    const last = messages(res).find((m) => m.id === 'last') as { result?: { isError?: boolean } } | undefined;
    expect(last?.result?.isError).toBeFalsy();
  });
});
