// The keychain path end to end, as Claude Code runs it: "Add to Claude Code" writes a headersHelper
// (no token in ~/.claude.json), the helper command — the built CLI, run through a shell with the
// environment Claude Code gives it — reads the token from the real keychain, and its header opens a
// real MCP session on the gateway. Rotation replaces the keychain copy, revocation deletes it.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClientTokenKeychain } from '../../../../src/main/core/client-keychain';
import type { Platform } from '../../../../src/main/core/platform';
import { connectMcp, startTestCore, type TestCore } from '../helpers';

const ROOT = path.resolve(import.meta.dirname, '../../../..');
const BRIDGE = path.join(ROOT, 'out', 'main', 'bridge.js');

let t: TestCore;
let home: string;
const savedHome = process.env.HOME;

beforeAll(async () => {
  if (!fs.existsSync(path.join(ROOT, 'out', 'main', 'cli.js'))) throw new Error('out/main/cli.js is missing: run `npx electron-vite build` first (npm test does).');
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'pdmcp-home-'));
  process.env.HOME = home; // "Add to …" writes into this throwaway home, not the developer's
  const platform: Platform = { appVersion: '0.0.0-test', openExternal: async () => {}, notify: () => {}, bridgeCommand: () => [process.execPath, BRIDGE], showPage: () => {} };
  t = await startTestCore({ extra: { platform } });
});
afterAll(async () => {
  process.env.HOME = savedHome;
  await t?.close();
  if (home) fs.rmSync(home, { recursive: true, force: true });
});

/** Runs the helper exactly as Claude Code does: through a shell, with the server's name and URL in the environment. */
function runHelper(command: string, url: string) {
  const run = spawnSync('sh', ['-c', command], {
    env: { ...process.env, CLAUDE_CODE_MCP_SERVER_NAME: 'pagerduty', CLAUDE_CODE_MCP_SERVER_URL: url },
    encoding: 'utf8',
    timeout: 10_000, // Claude Code gives a helper 10 seconds
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

const plainCall = (url: string, authorization: string) =>
  fetch(url, {
    method: 'POST',
    headers: { Authorization: authorization, 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'curl-like', version: '1' } } }),
  });

describe('Claude Code’s headersHelper reads the token from the keychain', () => {
  let clientId = '';
  let helper = '';
  let url = '';
  let firstToken = '';

  it('writes ~/.claude.json with a helper and no token, and keeps the token in the keychain', async () => {
    const profile = (await t.call('profiles.list', {})).find((p) => p.name === 'Everything')!;
    const { client, token } = await t.call('clients.create', { name: 'Claude Code on my laptop', profileId: profile.id });
    clientId = client.id;
    firstToken = token;
    const preview = await t.call('clients.previewInstall', { app: 'claude_code', token });
    expect(preview).toMatchObject({ action: 'create', placement: 'keychain', path: path.join(home, '.claude.json') });
    const result = await t.call('clients.install', { app: 'claude_code', token, baseHash: preview.baseHash });
    expect(result.action).toBe('create');

    const text = fs.readFileSync(result.path, 'utf8');
    expect(text).not.toContain(token);
    const entry = JSON.parse(text).mcpServers.pagerduty;
    expect(entry).toMatchObject({ type: 'http', url: t.url });
    expect(entry.headers).toBeUndefined();
    helper = entry.headersHelper;
    url = entry.url;
    expect(await createClientTokenKeychain(t.settings.read().instanceId).read(clientId)).toBe(token);
    expect((await t.call('clients.list', {})).find((c) => c.id === clientId)?.tokenInKeychain).toBe(true);
  });

  it('runs the helper command and gets a header that works on the gateway', async () => {
    const run = runHelper(helper, url);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const headers = JSON.parse(run.stdout) as Record<string, string>;
    expect(Object.keys(headers)).toEqual(['Authorization']);
    expect(headers.Authorization).toBe(`Bearer ${firstToken}`);

    const mcp = await connectMcp(url, headers.Authorization!.slice('Bearer '.length));
    const { tools } = await mcp.client.listTools();
    expect(tools.length).toBeGreaterThan(0);
    await mcp.close();
    expect((await plainCall(url, 'Bearer not-a-token')).status).toBe(401);
  }, 30_000);

  it('gives the token only to our gateway: a config pointing the same helper elsewhere gets nothing', () => {
    const run = runHelper(helper, 'https://mcp.example.com/mcp');
    expect(run.status).not.toBe(0);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/only to the PagerDuty MCP gateway at http:\/\/127\.0\.0\.1:\d+\/mcp, not to https:\/\/mcp\.example\.com\/mcp/);
  });

  it('after a rotation the same helper hands out the new token (keychain copy replaced), and the old one is refused', async () => {
    const { token } = await t.call('clients.rotate', { id: clientId });
    const run = runHelper(helper, url);
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout).Authorization).toBe(`Bearer ${token}`);
    expect((await plainCall(url, `Bearer ${token}`)).status).toBe(200);
    expect((await plainCall(url, `Bearer ${firstToken}`)).status).toBe(401);
  }, 30_000);

  it('after revocation the keychain copy is gone and the helper says so, printing nothing', async () => {
    await t.call('clients.revoke', { id: clientId });
    expect(await createClientTokenKeychain(t.settings.read().instanceId).read(clientId)).toBeNull();
    const run = runHelper(helper, url);
    expect(run.status).not.toBe(0);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/not a live client/);
  });

  it('undoes the install from its backup-free record: the file it created is removed', async () => {
    const first = await t.call('clients.create', { name: 'Undo me', profileId: (await t.call('profiles.list', {}))[0]!.id });
    const done = await t.call('clients.install', { app: 'cursor', token: first.token });
    expect(fs.existsSync(done.path)).toBe(true);
    expect(await t.call('clients.undoInstall', { installId: done.installId! })).toEqual({ path: done.path, restored: 'removed' });
    expect(fs.existsSync(done.path)).toBe(false);
    await expect(t.call('clients.undoInstall', { installId: done.installId! })).rejects.toThrow(/nothing to undo/);
  });
});
