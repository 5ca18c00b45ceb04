import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { installClientConfig } from '../../../../src/main/core/client-install';
import type { ClientApp } from '../../../../src/shared/model';

const homes: string[] = [];
const newHome = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pdmcp-home-'));
  homes.push(dir);
  return dir;
};
afterEach(() => {
  for (const h of homes.splice(0)) fs.rmSync(h, { recursive: true, force: true });
});

const token = 'pdmcp_abcdefghijklmnopqrstuvwxyz0123456789';
const base = { serverName: 'pagerduty', mcpUrl: 'http://127.0.0.1:7412/mcp', token, bridgeCommand: ['/usr/bin/node', '/opt/bridge.js'] };
const install = (app: ClientApp, home: string, extra: Partial<Parameters<typeof installClientConfig>[0]> = {}) =>
  installClientConfig({ ...base, app, home, platform: 'linux', env: {}, ...extra });
const read = (file: string) => JSON.parse(fs.readFileSync(file, 'utf8'));
const mode = (file: string) => fs.statSync(file).mode & 0o777;

describe('installClientConfig', () => {
  it('creates a missing Cursor config (and its folder) with only our entry, mode 0600, no backup', async () => {
    const home = newHome();
    const result = await install('cursor', home);
    expect(result).toEqual({ path: path.join(home, '.cursor', 'mcp.json'), backupPath: null });
    expect(read(result.path)).toEqual({ mcpServers: { pagerduty: { url: base.mcpUrl, headers: { Authorization: `Bearer ${token}` } } } });
    expect(mode(result.path)).toBe(0o600);
  });

  it('merges into Claude Code’s ~/.claude.json keeping every other key and server, after a backup', async () => {
    const home = newHome();
    const file = path.join(home, '.claude.json');
    const original = { numStartups: 12, projects: { '/src/x': { mcpServers: { a: {} } } }, mcpServers: { github: { type: 'stdio', command: 'gh' } } };
    fs.writeFileSync(file, JSON.stringify(original, null, 2), { mode: 0o644 });
    const result = await install('claude_code', home);
    const after = read(file);
    expect(after.numStartups).toBe(12);
    expect(after.projects).toEqual(original.projects);
    expect(after.mcpServers.github).toEqual(original.mcpServers.github);
    expect(after.mcpServers.pagerduty).toEqual({ type: 'http', url: base.mcpUrl, headers: { Authorization: `Bearer ${token}` } });
    expect(result.backupPath).toMatch(/\.claude\.json\.pdmcp-backup-\d{8}T\d{6}Z$/);
    expect(read(result.backupPath!)).toEqual(original);
    expect(mode(file)).toBe(0o600);
    expect(fs.readdirSync(home).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('replaces our own earlier entry on a second install (token rotation) and keeps both backups', async () => {
    const home = newHome();
    await install('windsurf', home);
    const first = await install('windsurf', home, { token: 'pdmcp_second_token_0123456789abcdef' });
    const second = await install('windsurf', home, { token: 'pdmcp_third_token_0123456789abcdefgh' });
    expect(read(second.path).mcpServers.pagerduty.headers.Authorization).toBe('Bearer pdmcp_third_token_0123456789abcdefgh');
    expect(second.path).toBe(path.join(home, '.codeium', 'windsurf', 'mcp_config.json'));
    expect(first.backupPath).not.toBe(second.backupPath);
    expect(read(second.backupPath!).mcpServers.pagerduty.headers.Authorization).toContain('second');
  });

  it('refuses a file that is not valid JSON and changes nothing', async () => {
    const home = newHome();
    const dir = path.join(home, '.cursor');
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'mcp.json'), '{ "mcpServers": { "x": ');
    await expect(install('cursor', home)).rejects.toThrow(/left unchanged because it is not valid JSON.*by hand/);
    expect(fs.readFileSync(path.join(dir, 'mcp.json'), 'utf8')).toBe('{ "mcpServers": { "x": ');
    expect(fs.readdirSync(dir)).toEqual(['mcp.json']);
  });

  it('refuses a VS Code mcp.json with comments rather than destroying them', async () => {
    const home = newHome();
    const file = path.join(home, '.config', 'Code', 'User', 'mcp.json');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const text = '{\n  // my servers\n  "servers": { "gh": { "type": "http", "url": "https://x.example/mcp" } }\n}\n';
    fs.writeFileSync(file, text);
    await expect(install('vscode', home)).rejects.toThrow(/comments or trailing commas/);
    expect(fs.readFileSync(file, 'utf8')).toBe(text);
  });

  it('refuses when the server map is not an object', async () => {
    const home = newHome();
    fs.writeFileSync(path.join(home, '.claude.json'), '{"mcpServers": []}');
    await expect(install('claude_code', home)).rejects.toThrow(/"mcpServers" is not a JSON object/);
    expect(fs.readFileSync(path.join(home, '.claude.json'), 'utf8')).toBe('{"mcpServers": []}');
  });

  it('finds each client’s file per OS', async () => {
    const home = newHome();
    const mac = await install('claude_desktop', home, { platform: 'darwin' });
    expect(mac.path).toBe(path.join(home, 'Library', 'Application Support', 'Claude', 'claude_desktop_config.json'));
    expect(read(mac.path).mcpServers.pagerduty).toEqual({ command: '/usr/bin/node', args: ['/opt/bridge.js', '--url', base.mcpUrl], env: { PDMCP_CLIENT_TOKEN: token } });
    const linux = await install('claude_desktop', home);
    expect(linux.path).toBe(path.join(home, '.config', 'Claude', 'claude_desktop_config.json'));
    const vsMac = await install('vscode', home, { platform: 'darwin' });
    expect(vsMac.path).toBe(path.join(home, 'Library', 'Application Support', 'Code', 'User', 'mcp.json'));
    expect(read(vsMac.path)).toEqual({ servers: { pagerduty: { type: 'http', url: base.mcpUrl, headers: { Authorization: `Bearer ${token}` } } } });
  });

  it('uses %APPDATA% on Windows', async () => {
    const { clientConfigPath } = await import('../../../../src/main/core/client-install');
    expect(clientConfigPath('claude_desktop', { home: 'C:\\Users\\ann', platform: 'win32', env: { APPDATA: 'C:\\Users\\ann\\AppData\\Roaming' } })).toBe(
      'C:\\Users\\ann\\AppData\\Roaming\\Claude\\claude_desktop_config.json',
    );
    expect(clientConfigPath('vscode', { home: 'C:\\Users\\ann', platform: 'win32', env: {} })).toBe('C:\\Users\\ann\\AppData\\Roaming\\Code\\User\\mcp.json');
    expect(clientConfigPath('cursor', { home: 'C:\\Users\\ann', platform: 'win32', env: {} })).toBe('C:\\Users\\ann\\.cursor\\mcp.json');
  });

  it('refuses a bad server name without touching anything', async () => {
    const home = newHome();
    await expect(install('cursor', home, { serverName: 'pager duty' })).rejects.toThrow(/server name/);
    expect(fs.readdirSync(home)).toEqual([]);
  });
});
