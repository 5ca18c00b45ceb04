// `clients add … --install APP`, `clients install NAME --app APP`, `undo-install`, and the keychain copy
// kept in step by rotate/revoke — through the CLI's own entry, on a throwaway data folder and home.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClientTokenKeychain } from '../../../src/main/core/client-keychain';
import { createConfBackend, createSettingsStore } from '../../../src/main/core/settings';
import { main } from '../../../src/main/headless/cli';

let dir: string;
let home: string;
const saved = { HOME: process.env.HOME, PDMCP_CLIENT_TOKEN: process.env.PDMCP_CLIENT_TOKEN };
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pdmcp-cli-'));
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'pdmcp-home-'));
  process.env.HOME = home;
});
afterAll(async () => {
  await createKeychain().remove(clientId).catch(() => false);
  process.env.HOME = saved.HOME;
  process.env.PDMCP_CLIENT_TOKEN = saved.PDMCP_CLIENT_TOKEN;
  fs.rmSync(dir, { recursive: true, force: true });
  fs.rmSync(home, { recursive: true, force: true });
});

async function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(['--data-dir', dir, ...argv], { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}
const instanceId = () => {
  const s = createSettingsStore(createConfBackend(dir));
  try {
    return s.read().instanceId;
  } finally {
    s.close();
  }
};
const createKeychain = () => createClientTokenKeychain(instanceId());
let clientId = '';

describe('clients … --install / install / undo-install', () => {
  let token = '';
  it('adds a client and writes it into Cursor’s config in one go, printing the change', async () => {
    const r = await run('clients', 'add', 'Laptop', '--profile', 'Read-only', '--install', 'cursor');
    expect(r.code).toBe(0);
    token = r.out.trim();
    expect(token).toMatch(/^pdmcp_/);
    const file = path.join(home, '.cursor', 'mcp.json');
    expect(JSON.parse(fs.readFileSync(file, 'utf8')).mcpServers.pagerduty).toEqual({ url: 'http://127.0.0.1:7428/mcp', headers: { Authorization: `Bearer ${token}` } });
    expect(r.err).toContain(`+++ ${file}`);
    expect(r.err).toContain(`Created ${file}`);
    expect(r.err).not.toContain(token.slice(10)); // the diff masks the token
    clientId = JSON.parse((await run('clients', 'list', '--json')).out)[0].id;
  });

  it('will not install an existing client without its token, and says where to put it', async () => {
    delete process.env.PDMCP_CLIENT_TOKEN;
    const r = await run('clients', 'install', 'Laptop', '--app', 'codex');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/not in the keychain.*PDMCP_CLIENT_TOKEN.*clients rotate "Laptop" --install APP/);
    expect(fs.existsSync(path.join(home, '.codex'))).toBe(false);
  });

  it('installs Codex with env_http_headers and the token in the keychain, telling the shell profile line', async () => {
    process.env.PDMCP_CLIENT_TOKEN = token;
    const r = await run('clients', 'install', 'Laptop', '--app', 'codex');
    expect(r.code, r.err).toBe(0);
    const file = path.join(home, '.codex', 'config.toml');
    const text = fs.readFileSync(file, 'utf8');
    expect(text).not.toContain(token);
    expect((parseToml(text) as any).mcp_servers.pagerduty).toEqual({ url: 'http://127.0.0.1:7428/mcp', env_http_headers: { Authorization: 'PDMCP_PAGERDUTY_AUTHORIZATION' } });
    expect(r.out).toMatch(/export PDMCP_PAGERDUTY_AUTHORIZATION="\$\(.*clients header cl_\w+ --url http:\/\/127\.0\.0\.1:7428\/mcp --format value\)"/);
    expect(await createKeychain().read(clientId)).toBe(token);
    expect((await run('clients', 'list')).out).toMatch(/Laptop .* keychain +active/);
    delete process.env.PDMCP_CLIENT_TOKEN;
  });

  it('shows an update in place with --dry-run and writes nothing', async () => {
    const file = path.join(home, '.codex', 'config.toml');
    const before = fs.readFileSync(file, 'utf8');
    const r = await run('clients', 'install', 'Laptop', '--app', 'codex', '--placement', 'file', '--dry-run');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^-env_http_headers/m);
    expect(r.out).toMatch(/^\+http_headers = \{ Authorization = "Bearer pdmcp_…/m);
    expect(r.out).toContain('would update the existing "pagerduty" entry');
    expect(fs.readFileSync(file, 'utf8')).toBe(before);
  });

  it('refuses a placement the client does not have, and an unknown client app', async () => {
    const zed = await run('clients', 'install', 'Laptop', '--app', 'zed', '--placement', 'keychain');
    expect(zed.code).toBe(1);
    expect(zed.err).toMatch(/Zed cannot keep the token that way; use file/);
    const bogus = await run('clients', 'install', 'Laptop', '--app', 'emacs');
    expect(bogus.code).toBe(2);
    expect(bogus.err).toMatch(/--app takes one of: claude_desktop, .*cline/);
  });

  it('undoes the last install of an app from its record', async () => {
    await run('clients', 'install', 'Laptop', '--app', 'codex', '--placement', 'file');
    const r = await run('clients', 'undo-install', '--app', 'codex');
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/Restored .*config\.toml as it was before/);
    expect(fs.readFileSync(path.join(home, '.codex', 'config.toml'), 'utf8')).toContain('env_http_headers');
    expect((await run('clients', 'undo-install', '--app', 'windsurf')).err).toMatch(/nothing to undo/);
  });

  it('keeps the keychain copy in step: rotated → replaced, revoked → deleted', async () => {
    const rotated = await run('clients', 'rotate', 'Laptop');
    expect(rotated.err).toMatch(/keychain copy was replaced/);
    expect(await createKeychain().read(clientId)).toBe(rotated.out.trim());
    const header = await run('clients', 'header', clientId, '--format', 'value');
    expect(header.out).toBe(`Bearer ${rotated.out.trim()}`);
    const revoked = await run('clients', 'revoke', 'Laptop');
    expect(revoked.out).toMatch(/keychain copy is deleted/);
    expect(await createKeychain().read(clientId)).toBeNull();
  });
});
