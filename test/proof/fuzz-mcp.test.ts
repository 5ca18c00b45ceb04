// Bad input against the MCP gateway, on the wire, in both protocol eras: property-based HTTP requests with
// hostile Host, Origin and token headers, and arbitrary JSON-RPC messages — inside a real 2025-era session,
// and as 2026-07-28 requests carrying the `_meta` envelope and the standard headers. Every answer is a
// clear refusal or a JSON-RPC answer — never a 500, never a hang — and nothing invalid reaches PagerDuty.
// FUZZ_RUNS=10000 (npm run fuzz) for the long run.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalog } from '../../src/main/core/catalog';
import { authArb, fuzzRuns, fuzzTimeout, hostArb, jsonValue, mcpPost, notJson, originArb, rawHttp, type RawResponse } from '../support/fuzz';
import { startProofRig, type ProofRig } from '../support/proof';
import { MCP_ERAS, MODERN_REVISION, withEnvelope, type McpEra } from '../main/core/helpers';

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

/** The headers each era's clients send with a POST (a 2026-07-28 request names its method and tool too). */
function eraHeaders(era: McpEra, message: unknown): Record<string, string | null> {
  if (era === 'legacy') return { 'mcp-session-id': sessionId ?? null, 'mcp-protocol-version': PROTOCOL };
  const m = (message && typeof message === 'object' && !Array.isArray(message) ? message : {}) as { method?: unknown; params?: { name?: unknown } };
  const name = m.params && typeof m.params === 'object' && typeof m.params.name === 'string' && /^[\x20-\x7e]*$/.test(m.params.name) ? m.params.name : null;
  const method = typeof m.method === 'string' && /^[\x20-\x7e]*$/.test(m.method) ? m.method : null;
  return { 'mcp-protocol-version': MODERN_REVISION, 'mcp-method': method, 'mcp-name': name };
}

function post(body: string, extra: Record<string, string | null> = {}, era: McpEra = 'legacy', message?: unknown): Promise<RawResponse> {
  return mcpPost(port, token, body, { ...eraHeaders(era, message), ...extra });
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

describe.each(MCP_ERAS)('gateway HTTP under hostile headers (%s era)', (era) => {
  const runs = fuzzRuns(300);
  const valid = () => (era === 'modern' ? withEnvelope({ jsonrpc: '2.0', id: 1, method: 'tools/list', params: {} }) : JSON.parse(initialize()));
  it(`refuses wrong Host, foreign Origin and bad tokens before anything else (${runs} cases)`, { timeout: fuzzTimeout(runs, 15) }, async () => {
    await fc.assert(
      fc.asyncProperty(
        hostArb(port),
        originArb(port),
        authArb(token),
        fc.constantFrom('GET', 'POST', 'DELETE', 'PUT', 'OPTIONS'),
        fc.constantFrom('/mcp', '/', '/mcp/', '/.well-known/oauth-authorization-server', '/.well-known/oauth-protected-resource/mcp', '/register'),
        fc.oneof(fc.constant(JSON.stringify(valid())), jsonValue.map((v) => JSON.stringify(era === 'modern' ? withEnvelope(v) : v)), notJson),
        async (host, origin, auth, method, path, body) => {
          const before = rig.upstream();
          let parsed: unknown;
          try {
            parsed = JSON.parse(body);
          } catch {
            /* not JSON */
          }
          const protocol = era === 'modern' ? eraHeaders('modern', parsed) : {};
          const res = await rawHttp({
            port,
            method,
            path,
            headers: { host: host.value, origin: origin.value, authorization: auth.value, 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...protocol },
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
            expect([200, 202, 400, 405, 406, 415]).toContain(res.status);
            if (res.status >= 400) expect(messages(res)[0]?.error?.message.length).toBeGreaterThan(3);
          }
        },
      ),
      { numRuns: runs },
    );
  });

  it('refuses a body over 1 MiB with 413 and a clear message', async () => {
    const big = { jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'list_incidents', arguments: { pad: 'a'.repeat(1024 * 1024) } } };
    const res = await post(JSON.stringify(era === 'modern' ? withEnvelope(big) : big), {}, era, big);
    expect(res.status).toBe(413);
    expect(messages(res)[0]?.error?.message).toMatch(/larger than/);
  });
});

describe('2025-era sessions', () => {
  it('keeps a session to the client that opened it', async () => {
    const other = (await rig.t.call('clients.create', { name: 'intruder', profileId: rig.profileId })).token;
    const res = await post(JSON.stringify({ jsonrpc: '2.0', id: 9, method: 'tools/list' }), { authorization: `Bearer ${other}` });
    expect(res.status).toBe(404);
  });
});

describe.each(MCP_ERAS)('JSON-RPC messages (%s era)', (era) => {
  const runs = fuzzRuns(500);
  it(`answers every message without crashing; nothing invalid reaches PagerDuty (${runs} cases)`, { timeout: fuzzTimeout(runs, 20) }, async () => {
    const methods = ['tools/call', 'tools/list', 'ping', 'initialize', 'server/discover', 'subscriptions/listen', 'resources/list', 'prompts/list', 'logging/setLevel', 'completion/complete', 'notifications/initialized', 'notifications/cancelled', 'tools/call ', 'TOOLS/CALL', ''];
    const toolName = fc.oneof(fc.constantFrom(...tools.keys()), fc.string({ maxLength: 20 }), jsonValue);
    const args = fc.oneof(jsonValue, fc.dictionary(fc.string({ maxLength: 12 }), jsonValue, { maxKeys: 4 }), fc.constant(undefined));
    // Mostly well-formed requests (so the tool and list paths are really exercised), with every part of
    // them sometimes missing, mistyped, or joined by keys a request must not have.
    const sometimes = <T>(arb: fc.Arbitrary<T>, present: number, absent: number) =>
      fc.oneof({ weight: present, arbitrary: arb }, { weight: absent, arbitrary: fc.constant(undefined) });
    const message = fc
      .record({
        jsonrpc: fc.oneof({ weight: 9, arbitrary: fc.constant('2.0') }, { weight: 1, arbitrary: sometimes(jsonValue, 1, 1) }),
        id: sometimes(fc.oneof({ weight: 6, arbitrary: fc.nat() }, { weight: 2, arbitrary: fc.string({ maxLength: 8 }) }, { weight: 1, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: jsonValue }), 8, 1),
        method: fc.oneof({ weight: 9, arbitrary: fc.constantFrom(...methods) }, { weight: 1, arbitrary: sometimes(jsonValue, 1, 1) }),
        params: sometimes(fc.oneof({ weight: 4, arbitrary: fc.record({ name: toolName, arguments: args }, { requiredKeys: [] }) }, { weight: 1, arbitrary: jsonValue }), 8, 1),
        result: sometimes(jsonValue, 1, 9),
        error: sometimes(jsonValue, 1, 9),
      })
      .map((m) => Object.fromEntries(Object.entries(m).filter(([, v]) => v !== undefined)));
    // A 2026-07-28 client puts the envelope on every request; some fuzzed ones lose it or get a wrong one.
    const framed = (m: unknown) => (era === 'modern' ? withEnvelope(m) : m);
    const body = fc.oneof(
      { weight: 6, arbitrary: message.map((m) => ({ text: JSON.stringify(framed(m)), parsed: framed(m) as unknown })) },
      { weight: 1, arbitrary: fc.array(message, { maxLength: 3 }).map((m) => ({ text: JSON.stringify(framed(m)), parsed: framed(m) as unknown })) },
      { weight: 1, arbitrary: notJson.map((text) => ({ text, parsed: undefined as unknown })) },
      { weight: 1, arbitrary: jsonValue.map((v) => ({ text: JSON.stringify(v), parsed: v as unknown })) },
    );
    await fc.assert(
      fc.asyncProperty(body, fc.boolean(), async ({ text, parsed }, headersAgree) => {
        const before = rig.upstream();
        // Headers that disagree with the body are a case of their own for the 2026-07-28 ladder.
        const res = await post(text, headersAgree ? {} : { 'mcp-method': 'tools/list', 'mcp-name': null }, era, parsed);
        expect(res.status, res.body).not.toBe(500);
        expect([200, 202, 400, 404, 406, 415]).toContain(res.status);
        const out = messages(res);
        for (const m of out) {
          if (m.error) expect(m.error.message.length).toBeGreaterThan(3);
          // A malformed request is told what is wrong in words, never handed a raw schema dump.
          if (m.error) expect(m.error.message, text).not.toMatch(/"(expected|code|path)":/);
          // A tool error is an isError result whose text says what to fix.
          const result = m.result as { isError?: boolean; content?: { text: string }[] } | undefined;
          if (result?.isError) expect(result.content?.[0]?.text.length).toBeGreaterThan(10);
        }
        if (!mayCallPagerDuty(parsed)) expect(rig.upstream(), text).toBe(before);
      }),
      { numRuns: runs },
    );
    // The gateway (and, for the 2025 era, the session) still works.
    const last = { jsonrpc: '2.0', id: 'last', method: 'tools/call', params: { name: 'list_incidents', arguments: { limit: 1 } } };
    const res = await post(JSON.stringify(framed(last)), {}, era, last);
    const answer = messages(res).find((m) => m.id === 'last') as { result?: { isError?: boolean } } | undefined;
    expect(answer?.result?.isError, res.body).toBeFalsy();
  });
});
