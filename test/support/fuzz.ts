// Shared pieces of the property-based (fast-check) suites in test/proof: run counts (short in CI, long
// via FUZZ_RUNS), a raw HTTP client that can send what fetch refuses to (no Host, odd methods, broken
// bodies), and arbitraries for the header attacks every local server must turn away.
import http from 'node:http';
import fc from 'fast-check';

/** Cases per property: `short` in CI; `FUZZ_RUNS` (npm run fuzz sets 10000) for the long run. */
export function fuzzRuns(short: number): number {
  const n = Number(process.env.FUZZ_RUNS);
  return Number.isFinite(n) && n > 0 ? n : short;
}

/** A generous per-test timeout for the long run (a short run must finish well inside vitest's 30 s). */
export const fuzzTimeout = (runs: number, msPerCase: number) => Math.max(30_000, runs * msPerCase * 2);

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface RawRequest {
  port: number;
  method: string;
  path: string;
  /** Sent as given; `host: null` sends no Host header at all. */
  headers: Record<string, string | null>;
  body?: string | Buffer;
  timeoutMs?: number;
}

export function rawHttp(r: RawRequest): Promise<RawResponse> {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(r.headers)) if (v !== null && v !== undefined) headers[k] = v;
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: r.port, method: r.method, path: r.path, headers, setHost: false, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (d: Buffer) => chunks.push(d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.setTimeout(r.timeoutMs ?? 5000, () => req.destroy(new Error(`no answer to ${r.method} ${r.path} within ${r.timeoutMs ?? 5000} ms`)));
    req.on('error', reject);
    req.end(r.body);
  });
}

/** A POST to the gateway's /mcp with the headers every MCP client sends, plus `headers` (null drops one). */
export function mcpPost(port: number, token: string, body: string | Buffer, headers: Record<string, string | null> = {}): Promise<RawResponse> {
  return rawHttp({
    port,
    method: 'POST',
    path: '/mcp',
    headers: {
      host: `127.0.0.1:${port}`,
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
      ...headers,
    },
    body,
  });
}

/** Header values a client might send, valid or hostile (CR/LF are left out: Node refuses to send them). */
export const headerText = fc.string({ maxLength: 40 }).map((s) => s.replace(/[\r\n\0]/g, '').replace(/[^\t\x20-\x7e]/g, '?'));

/** Host: ours, ours under another name, someone else's (DNS rebinding), missing, or junk. */
export function hostArb(port: number) {
  return fc.oneof(
    fc.constant({ value: `127.0.0.1:${port}` as string | null, ok: true }),
    fc.constant({ value: `localhost:${port}`, ok: true }),
    fc.constantFrom(`evil.example:${port}`, `127.0.0.1:${port + 1}`, `127.0.0.1`, `localhost`, `[::1]:${port}`, `0.0.0.0:${port}`, `127.0.0.1:${port}.evil.example`).map((value) => ({ value, ok: false })),
    fc.constant({ value: null, ok: false }),
    headerText.filter((s) => s !== `127.0.0.1:${port}` && s !== `localhost:${port}`).map((value) => ({ value, ok: false })),
  );
}

/** Origin: absent (non-browser clients), ours, or foreign (a web page trying to reach us). */
export function originArb(port: number) {
  return fc.oneof(
    fc.constant({ value: null as string | null, ok: true }),
    fc.constantFrom(`http://127.0.0.1:${port}`, `http://localhost:${port}`).map((value) => ({ value, ok: true })),
    fc.constantFrom('null', 'https://evil.example', `http://127.0.0.1:${port + 1}`, `https://127.0.0.1:${port}`, `http://evil.example:${port}`, '').map((value) => ({ value, ok: false })),
    headerText.filter((s) => s !== `http://127.0.0.1:${port}` && s !== `http://localhost:${port}`).map((value) => ({ value, ok: false })),
  );
}

/** Authorization: the right bearer token, or one of the ways to get it wrong. */
export function authArb(token: string) {
  return fc.oneof(
    fc.constant({ value: `Bearer ${token}` as string | null, ok: true }),
    fc.constantFrom(
      null,
      '',
      'Bearer',
      'Bearer ',
      `Bearer ${token}x`,
      `Bearer ${token.slice(0, -1)}`,
      `Basic ${Buffer.from(`user:${token}`).toString('base64')}`,
      `Token token=${token}`,
      `Bearer ${token.toUpperCase()}`,
      `Bearer  ${token} ${token}`,
    ).map((value) => ({ value, ok: false })),
    headerText.map((s) => ({ value: `Bearer ${s}`, ok: false })),
  );
}

/** Arbitrary JSON (what a parser will accept), including the odd corners. */
export const jsonValue = fc.jsonValue({ maxDepth: 4 });

/** Bodies that are not JSON at all, or only nearly. */
export const notJson = fc.oneof(
  fc.constantFrom('{', '}', '{"jsonrpc":"2.0",', 'null,', '[1,2', '\u0000', 'undefined', "{'a':1}", '{"a":1}}'),
  fc.string({ maxLength: 60 }).filter((s) => {
    try {
      JSON.parse(s);
      return false;
    } catch {
      return true;
    }
  }),
  fc.uint8Array({ maxLength: 64 }).map((b) => Buffer.from(b).toString('latin1')).filter((s) => {
    try {
      JSON.parse(s);
      return false;
    } catch {
      return true;
    }
  }),
);
