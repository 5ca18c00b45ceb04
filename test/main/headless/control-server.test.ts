import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ContractError, type Handlers } from '../../../src/shared/contract';
import { EventBus } from '../../../src/main/core/events';
import { silentLogger, type Logger } from '../../../src/main/core/log';
import { startControlServer, type ControlServer } from '../../../src/main/headless/control-server';

let server: ControlServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

const calls: string[] = [];
const handlers = {
  'status.get': async () => ({ marker: 'status' }),
  'toolsets.create': async (args: { name: string }) => {
    calls.push(args.name);
    if (args.name === 'taken') throw new ContractError('name_taken', 'A toolset named taken exists already.', 'name');
    return { id: 't1', name: args.name, tools: [], builtIn: false };
  },
} as unknown as Handlers;

async function start() {
  const events = new EventBus();
  server = await startControlServer({ handlers, events, rendererDir: null, log: silentLogger, token: 'test-token-0123456789' });
  return { server, events };
}

function request(url: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = http.request(url, { method: init.method ?? 'POST', headers: init.headers }, (res) => {
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode!, body }));
    });
    req.on('error', reject);
    req.end(init.body);
  });
}

const auth = { authorization: 'Bearer test-token-0123456789', 'content-type': 'application/json' };

describe('control server (the contract over local HTTP)', () => {
  it('answers a contract call with its result for the right token', async () => {
    const { server } = await start();
    const res = await request(`${server.url}/api/call/status.get`, { headers: auth, body: '{}' });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toEqual({ result: { marker: 'status' } });
    expect(server.dashboardUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=test-token-0123456789$/);
  });

  it('refuses a missing or wrong token, a foreign Host and a foreign Origin', async () => {
    const { server } = await start();
    const port = new URL(server.url).port;
    expect((await request(`${server.url}/api/call/status.get`, { body: '{}' })).status).toBe(401);
    expect((await request(`${server.url}/api/call/status.get`, { headers: { authorization: 'Bearer nope' }, body: '{}' })).status).toBe(401);
    expect((await request(`${server.url}/api/call/status.get`, { headers: { ...auth, host: `evil.example:${port}` }, body: '{}' })).status).toBe(403);
    expect((await request(`${server.url}/api/call/status.get`, { headers: { ...auth, origin: 'https://evil.example' }, body: '{}' })).status).toBe(403);
    expect((await request(`${server.url}/api/call/status.get`, { headers: { ...auth, origin: `http://127.0.0.1:${port}` }, body: '{}' })).status).toBe(200);
  });

  it('validates arguments with the contract before a handler runs', async () => {
    const { server } = await start();
    calls.length = 0;
    const bad = await request(`${server.url}/api/call/toolsets.create`, { headers: auth, body: JSON.stringify({ name: '' }) });
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body).error).toMatchObject({ code: 'invalid_arguments', field: 'name' });
    const extra = await request(`${server.url}/api/call/toolsets.create`, { headers: auth, body: JSON.stringify({ name: 'x', admin: true }) });
    expect(extra.status).toBe(400);
    expect(calls).toEqual([]);
    const notJson = await request(`${server.url}/api/call/toolsets.create`, { headers: auth, body: '{nope' });
    expect(JSON.parse(notJson.body).error.code).toBe('invalid_json');
    const unknown = await request(`${server.url}/api/call/secrets.dump`, { headers: auth, body: '{}' });
    expect(unknown.status).toBe(404);
  });

  it('passes a handler error through with its code and field', async () => {
    const { server } = await start();
    const res = await request(`${server.url}/api/call/toolsets.create`, { headers: auth, body: JSON.stringify({ name: 'taken' }) });
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body).error).toEqual({ code: 'name_taken', message: 'A toolset named taken exists already.', field: 'name' });
  });

  it('refuses a body over 1 MiB', async () => {
    const { server } = await start();
    const res = await request(`${server.url}/api/call/toolsets.create`, { headers: auth, body: JSON.stringify({ name: 'x'.repeat(1_100_000) }) });
    expect(JSON.parse(res.body).error.code).toBe('body_too_large');
  });

  it('streams core events to an authenticated event stream', async () => {
    const { server, events } = await start();
    const received = await new Promise<string>((resolve, reject) => {
      const req = http.get(`${server.url}/api/events`, { headers: { authorization: auth.authorization } }, (res) => {
        expect(res.headers['content-type']).toBe('text/event-stream');
        let text = '';
        res.on('data', (d) => {
          text += d;
          if (text.includes('clients.changed')) {
            req.destroy();
            resolve(text);
          }
        });
        setTimeout(() => events.emit('clients.changed', {}), 50);
      });
      req.on('error', (e) => (e.message.includes('socket hang up') ? undefined : reject(e)));
    });
    expect(received).toContain('event: clients.changed\ndata: {}');
  });
});

/** Sends one request line as given (no client-side URL checks), returns the status and body. */
function rawGet(url: string, target: string): Promise<{ status: number; body: string }> {
  const { port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), '127.0.0.1', () => socket.write(`GET ${target} HTTP/1.0\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`));
    let text = '';
    socket.on('data', (d) => (text += d.toString('latin1')));
    socket.on('end', () => {
      const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(text)?.[1] ?? 0);
      resolve({ status, body: text.slice(text.indexOf('\r\n\r\n') + 4) });
    });
    socket.on('error', reject);
  });
}

describe('dashboard paths', () => {
  it('answers malformed and hostile paths 400 or 404, with no internal text, no install path and no log line', async () => {
    const rendererDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pdmcp-renderer-'));
    fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>PagerDuty MCP</title>');
    const lines: string[] = [];
    const log: Logger = { ...silentLogger, info: (m) => lines.push(m), warn: (m) => lines.push(m), error: (m) => lines.push(m) };
    server = await startControlServer({ handlers, events: new EventBus(), rendererDir, log, token: 'test-token-0123456789' });

    expect((await rawGet(server.url, '/')).status).toBe(200);
    expect((await rawGet(server.url, '/index.html')).body).toContain('PagerDuty MCP');
    const hostile = [
      '/%',
      '/%E0%A4%A',
      '/index.html%00.js',
      '/%00',
      '/%ff%fe',
      '/a%5c..%5c..%5cpackage.json',
      '/%2e%2e/%2e%2e/%2e%2e/etc/passwd',
      '/..%2f..%2fpackage.json',
      '/assets/%0d%0aSet-Cookie:%20x=1',
      '//',
      '/%252e%252e/',
      `/${'a'.repeat(4000)}`,
      '/no-such-file.js',
    ];
    for (const target of hostile) {
      const res = await rawGet(server.url, target);
      expect([400, 404], `${target} → ${res.status}`).toContain(res.status);
      expect(res.body, target).not.toContain(rendererDir);
      expect(res.body, target).not.toMatch(/URI|Error|TypeError|ERR_|null bytes|\bat\b/);
      expect(JSON.parse(res.body).error.code, target).toMatch(/^(bad_path|not_found)$/);
    }
    expect(lines).toEqual([]);
    fs.rmSync(rendererDir, { recursive: true, force: true });
  });
});
