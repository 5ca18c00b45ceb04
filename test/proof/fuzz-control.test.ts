// Bad input against the control server (the dashboard's contract over local HTTP): property-based
// requests with hostile headers, arbitrary call names and arbitrary bodies. Every answer is a clear JSON
// error or a result — never a crash or a 500 — and a refused request changes no setting and makes no
// PagerDuty request. FUZZ_RUNS=10000 (npm run fuzz) for the long run.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startControlServer, type ControlServer } from '../../src/main/headless/control-server';
import { silentLogger } from '../../src/main/core/log';
import { calls } from '../../src/shared/contract';
import { authArb, fuzzRuns, fuzzTimeout, hostArb, jsonValue, notJson, originArb, rawHttp } from '../support/fuzz';
import { startProofRig, type ProofRig } from '../support/proof';

let rig: ProofRig;
let control: ControlServer;
let port: number;

beforeAll(async () => {
  rig = await startProofRig();
  control = await startControlServer({ handlers: rig.t.core.handlers, events: rig.t.core.events, rendererDir: null, log: silentLogger, token: 'fuzz-dashboard-token-0123456789abcdef' });
  port = Number(new URL(control.url).port);
});
afterAll(async () => {
  await control?.close();
  await rig?.close();
});

// Calls whose *valid* use reaches outside the data dir (client config files, exports, a browser, the
// OAuth port): random bodies are practically never valid for them, but a fuzzer must not risk it.
const OUTSIDE = new Set(['clients.install', 'audit.export', 'connection.startOAuth', 'app.openExternal']);
const callNames = Object.keys(calls).filter((n) => !OUTSIDE.has(n));

const snapshot = () => JSON.stringify(rig.t.settings.read());
const parse = (body: string) => JSON.parse(body) as { result?: unknown; error?: { code: string; message: string } };

describe('control server under bad input', () => {
  const headerRuns = fuzzRuns(300);
  it(`turns away wrong Host, foreign Origin and bad tokens (${headerRuns} cases)`, { timeout: fuzzTimeout(headerRuns, 15) }, async () => {
    await fc.assert(
      fc.asyncProperty(
        hostArb(port),
        originArb(port),
        authArb(control.token),
        fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'PATCH'),
        fc.constantFrom('/api/call/status.get', '/api/call/tools.list', '/api/events', '/api/call/nope', '/', '/index.html', '/../../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd'),
        async (host, origin, auth, method, path) => {
          const before = rig.upstream();
          const res = await rawHttp({
            port,
            method,
            path,
            headers: { host: host.value, origin: origin.value, authorization: auth.value, 'content-type': 'application/json' },
            body: method === 'GET' ? undefined : '{}',
            timeoutMs: path === '/api/events' ? 300 : 5000,
          }).catch((error: Error) => {
            // An authorised event stream stays open by design: that is the one request allowed not to end.
            if (path === '/api/events' && host.ok && origin.ok && auth.ok && method === 'GET' && /no answer/.test(error.message)) return null;
            throw error;
          });
          expect(rig.upstream()).toBe(before);
          if (res === null) return;
          expect(res.status).not.toBe(500);
          // Without any Host, Node's HTTP server itself answers 400 (HTTP/1.1 requires one).
          if (host.value === null) expect(res.status).toBe(400);
          else if (!host.ok) expect(res.status).toBe(403);
          else if (!origin.ok) expect(res.status).toBe(403);
          else if (path.startsWith('/api/') && !auth.ok) {
            expect(res.status).toBe(401);
            expect(parse(res.body).error?.message).toMatch(/dashboard token/);
          }
          if (res.status >= 400 && host.value !== null) {
            const error = parse(res.body).error;
            expect(error?.code).toEqual(expect.any(String));
            expect(error?.message.length).toBeGreaterThan(3);
          }
          // No page ever leaks a file from outside the renderer directory.
          expect(res.body).not.toMatch(/root:.*:0:0:/);
        },
      ),
      { numRuns: headerRuns },
    );
  });

  const bodyRuns = fuzzRuns(400);
  it(`answers arbitrary calls and bodies with a result or a clear error, and a refusal changes nothing (${bodyRuns} cases)`, { timeout: fuzzTimeout(bodyRuns, 20) }, async () => {
    const plausibleKeys = ['id', 'name', 'names', 'state', 'profileId', 'toolsetIds', 'tools', 'apiKey', 'actorEmail', 'region', 'baseUrl', 'limit', 'seq', 'patch', 'mode', 'paused', 'format', 'filter', 'decision', 'url', 'mcpPort'];
    const body = fc.oneof(
      jsonValue.map((v) => JSON.stringify(v)),
      fc.dictionary(fc.constantFrom(...plausibleKeys), jsonValue, { maxKeys: 4 }).map((v) => JSON.stringify(v)),
      notJson,
    );
    await fc.assert(
      fc.asyncProperty(fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...callNames) }, { weight: 1, arbitrary: fc.stringMatching(/^[A-Za-z.]{1,20}$/) }), body, async (name, text) => {
        const settingsBefore = snapshot();
        const upstreamBefore = rig.upstream();
        const res = await rawHttp({
          port,
          method: 'POST',
          path: `/api/call/${name}`,
          headers: { host: `127.0.0.1:${port}`, authorization: `Bearer ${control.token}`, 'content-type': 'application/json' },
          body: text,
        });
        expect(res.status, res.body).not.toBe(500);
        expect([200, 400, 404]).toContain(res.status);
        const answer = parse(res.body);
        if (res.status === 200) {
          expect(answer).toHaveProperty('result');
          return;
        }
        expect(answer.error?.code).toEqual(expect.any(String));
        expect(answer.error?.message.length).toBeGreaterThan(3);
        expect(snapshot()).toBe(settingsBefore);
        expect(rig.upstream()).toBe(upstreamBefore);
      }),
      { numRuns: bodyRuns },
    );
    // Still answering (a valid `{}` may have disconnected or paused: those are real calls, not bad input).
    expect((await rig.t.call('status.get', {})).version).toBe('0.0.0-test');
  });

  it('refuses a body over 1 MiB with a clear error', async () => {
    const res = await rawHttp({
      port,
      method: 'POST',
      path: '/api/call/settings.update',
      headers: { host: `127.0.0.1:${port}`, authorization: `Bearer ${control.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ x: 'a'.repeat(1024 * 1024 + 10) }),
    });
    expect(res.status).toBe(400);
    expect(parse(res.body).error).toMatchObject({ code: 'body_too_large', message: expect.stringContaining('larger than 1 MiB') });
  });
});
