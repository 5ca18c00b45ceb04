// Every "Add to …" writer against its real file format: the file is read back with the format's own
// library (jsonc-parser for JSON/JSONC, smol-toml — not the library that wrote it — for TOML), our entry
// is there, and everything else (other entries, settings, comments where the format keeps them) is
// untouched; a second install updates our entry in place and the preview says so; a broken file is
// left exactly as it was, with an error that says what to do.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { diffChars, diffLines } from 'diff';
import { parse as parseJsonc } from 'jsonc-parser';
import { parse as parseToml } from 'smol-toml';
import { afterEach, describe, expect, it } from 'vitest';
import { installClientConfig, locate, planInstall, type InstallTarget } from '../../../../src/main/core/client-install';
import { CLIENT_APPS, CLIENT_SPECS, serverEntry } from '../../../../src/shared/client-configs';
import type { ClientApp, TokenPlacement } from '../../../../src/shared/model';

const homes: string[] = [];
afterEach(() => {
  for (const h of homes.splice(0)) fs.rmSync(h, { recursive: true, force: true });
});
const newHome = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pdmcp-home-'));
  homes.push(dir);
  return dir;
};

const token = 'pdmcp_abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';
const target = (app: ClientApp, home: string, extra: Partial<InstallTarget> = {}): InstallTarget => ({
  app,
  placement: CLIENT_SPECS[app].placements[0]!,
  serverName: 'pagerduty',
  mcpUrl: 'http://127.0.0.1:7412/mcp',
  token,
  bridgeCommand: ['/usr/bin/node', '/opt/pdmcp/out/main/bridge.js'],
  headersHelper: "'/usr/bin/node' /opt/pdmcp/out/main/cli.js --data-dir /tmp/d clients header cl_1 --url http://127.0.0.1:7412/mcp",
  home,
  platform: 'linux',
  env: {},
  ...extra,
});

/** What each client's file looks like in the wild: other servers, other settings, and comments where the format allows them. */
const EXISTING: Record<ClientApp, string> = {
  claude_desktop: '{\n  "mcpServers": {\n    "files": { "command": "npx", "args": ["-y", "@modelcontextprotocol/server-filesystem", "/home/ann"] }\n  },\n  "globalShortcut": "Ctrl+Space"\n}\n',
  claude_code: '{\n  "numStartups": 12,\n  "projects": { "/src/x": { "mcpServers": { "a": {} } } },\n  "mcpServers": {\n    "github": { "type": "stdio", "command": "gh" }\n  }\n}\n',
  cursor: '{\n    "mcpServers": {\n        "linear": { "url": "https://mcp.linear.app/mcp" }\n    }\n}\n',
  vscode:
    '{\n\t// my servers\n\t"servers": {\n\t\t"gh": { "type": "http", "url": "https://x.example/mcp" }, // the work one\n\t},\n\t"inputs": [\n\t\t{ "type": "promptString", "id": "gh-key", "password": true },\n\t],\n}\n',
  windsurf: '{\n  "mcpServers": {\n    "notion": { "serverUrl": "https://mcp.notion.com/mcp" }\n  }\n}\n',
  codex:
    '# Codex settings\nmodel = "gpt-5-codex" # the default\n\n[mcp_servers.github] # my github\ncommand = "gh-mcp"\nargs = ["serve"]\n\n# projects I trust\n[projects."/home/ann/src"]\ntrust_level = "trusted"\n',
  gemini_cli: '{\n  // theme first\n  "theme": "Dracula",\n  "mcpServers": {\n    "git": { "command": "uvx", "args": ["mcp-server-git"] }\n  }\n}\n',
  zed: '// Zed settings\n{\n  "theme": "One Dark",\n  "context_servers": {\n    "local": { "command": "some-command", "args": [], "env": {} },\n  },\n  /* fonts */ "buffer_font_size": 15,\n}\n',
  cline: '{\n  "mcpServers": {\n    "weather": { "command": "uv", "args": ["run", "server.py"], "disabled": false, "autoApprove": [] }\n  }\n}\n',
};

const read = (app: ClientApp, text: string): Record<string, any> =>
  CLIENT_SPECS[app].format === 'toml' ? (parseToml(text) as Record<string, any>) : (parseJsonc(text, [], { allowTrailingComma: true }) as Record<string, any>);
const ours = (app: ClientApp, doc: Record<string, any>) => doc[CLIENT_SPECS[app].mapKey]?.pagerduty;
const removedLines = (before: string, after: string) => diffLines(before, after).filter((p) => p.removed).map((p) => p.value);
const comments = (text: string) => [...text.matchAll(/(?:^|[\s,{}[\]])((?:#|\/\/|\/\*).*)$/gm)].map((m) => m[1]!.trim());
/** Characters of `before` that are gone in `after`: an insertion-only edit has none. */
const removedChars = (before: string, after: string) => diffChars(before, after).filter((p) => p.removed).map((p) => p.value);

describe.each(CLIENT_APPS)('the %s writer', (app) => {
  it('creates a missing file (and its folder) with only our entry, mode 0600, no backup', async () => {
    const home = newHome();
    const result = await installClientConfig(target(app, home));
    expect(result).toMatchObject({ path: locate({ app, home, platform: 'linux', env: {} }), backupPath: null, action: 'create' });
    const doc = read(app, fs.readFileSync(result.path, 'utf8'));
    expect(ours(app, doc)).toEqual(serverEntry(app, target(app, home)));
    expect(Object.keys(doc).filter((k) => k !== 'inputs')).toEqual([CLIENT_SPECS[app].mapKey]);
    expect(fs.statSync(result.path).mode & 0o777).toBe(0o600);
  });

  it('adds our entry to an existing file: every other entry, setting and comment stays as it was, after a backup', async () => {
    const home = newHome();
    const file = locate({ app, home, platform: 'linux', env: {} });
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, EXISTING[app], { mode: 0o644 });
    const before = read(app, EXISTING[app]);

    const preview = await planInstall(target(app, home));
    expect(preview.action).toBe('add');
    expect(fs.readFileSync(file, 'utf8')).toBe(EXISTING[app]); // the preview writes nothing

    const result = await installClientConfig({ ...target(app, home), baseHash: preview.baseHash });
    const text = fs.readFileSync(file, 'utf8');
    expect(text).toBe(preview.after);
    const doc = read(app, text);
    expect(ours(app, doc)).toEqual(serverEntry(app, target(app, home)));
    // Everything that was there is still there, with the same values…
    const mapKey = CLIENT_SPECS[app].mapKey;
    for (const key of Object.keys(before)) if (key !== mapKey && key !== 'inputs') expect(doc[key]).toEqual(before[key]);
    for (const [name, entry] of Object.entries(before[mapKey] ?? {})) expect(doc[mapKey][name]).toEqual(entry);
    // …and as text: nothing was removed, so every comment and line of the old file is kept.
    expect(removedChars(EXISTING[app], text)).toEqual([]);
    expect(comments(text)).toEqual(expect.arrayContaining(comments(EXISTING[app])));
    expect(fs.readFileSync(result.backupPath!, 'utf8')).toBe(EXISTING[app]);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.readdirSync(path.dirname(file)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('updates our earlier entry in place (the preview says so) and changes nothing else', async () => {
    const home = newHome();
    const file = locate({ app, home, platform: 'linux', env: {} });
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, EXISTING[app]);
    await installClientConfig(target(app, home, { token: 'pdmcp_first_token_0123456789abcdefghijklmno' }));
    const first = fs.readFileSync(file, 'utf8');
    const order = Object.keys(read(app, first)[CLIENT_SPECS[app].mapKey]);

    const newUrl = 'http://127.0.0.1:7999/mcp';
    const preview = await planInstall(target(app, home, { mcpUrl: newUrl }));
    expect(preview.action).toBe('update');
    expect(preview.diff).toContain(`+`);
    expect(preview.diff).toContain('7999');
    const result = await installClientConfig(target(app, home, { mcpUrl: newUrl }));
    expect(result.action).toBe('update');
    const text = fs.readFileSync(file, 'utf8');
    const doc = read(app, text);
    expect(ours(app, doc)).toEqual(serverEntry(app, target(app, home, { mcpUrl: newUrl })));
    expect(Object.keys(doc[CLIENT_SPECS[app].mapKey])).toEqual(order); // in place: same position among the servers
    // Only lines of our own entry changed.
    for (const line of removedLines(first, text)) expect(line).toMatch(/7412|pdmcp_first|Bearer|pagerduty|"url"|url =|serverUrl|httpUrl|Authorization|"type"|headers|disabled|^\s*[}\]],?\s*$/);
    expect(comments(text)).toEqual(expect.arrayContaining(comments(EXISTING[app])));
    // Installing the very same entry again changes nothing and writes no backup.
    expect((await planInstall(target(app, home, { mcpUrl: newUrl }))).action).toBe('unchanged');
    expect((await installClientConfig(target(app, home, { mcpUrl: newUrl }))).backupPath).toBeNull();
  });

  it('leaves a malformed file untouched with a clear error, and writes no backup', async () => {
    const home = newHome();
    const file = locate({ app, home, platform: 'linux', env: {} });
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const broken = CLIENT_SPECS[app].format === 'toml' ? '[mcp_servers.github\ncommand = "gh"\n' : '{ "mcpServers": { "x": ';
    fs.writeFileSync(file, broken);
    const format = CLIENT_SPECS[app].format === 'toml' ? 'TOML' : 'JSON';
    await expect(planInstall(target(app, home))).rejects.toThrow(new RegExp(`left unchanged because it is not valid ${format} \\(.+\\)\\. Fix the file, or paste the snippet`));
    await expect(installClientConfig(target(app, home))).rejects.toThrow(/left unchanged/);
    expect(fs.readFileSync(file, 'utf8')).toBe(broken);
    expect(fs.readdirSync(path.dirname(file))).toEqual([path.basename(file)]);
  });

  it('refuses a server map that is not a map, changing nothing', async () => {
    const home = newHome();
    const file = locate({ app, home, platform: 'linux', env: {} });
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const odd = CLIENT_SPECS[app].format === 'toml' ? `${CLIENT_SPECS[app].mapKey} = "none"\n` : `{"${CLIENT_SPECS[app].mapKey}": []}`;
    fs.writeFileSync(file, odd);
    await expect(installClientConfig(target(app, home))).rejects.toThrow(new RegExp(`"${CLIENT_SPECS[app].mapKey}" is not a`));
    expect(fs.readFileSync(file, 'utf8')).toBe(odd);
  });
});

describe('format details', () => {
  it('refuses comments in a file its client reads as strict JSON, rather than writing a file the client cannot read', async () => {
    const home = newHome();
    const file = path.join(home, '.claude.json');
    const text = '{\n  // a note\n  "mcpServers": {}\n}\n';
    fs.writeFileSync(file, text);
    await expect(installClientConfig(target('claude_code', home))).rejects.toThrow(/comments or trailing commas, which Claude Code does not read/);
    expect(fs.readFileSync(file, 'utf8')).toBe(text);
  });

  it('adds to a one-line file and to an empty map without reflowing them', async () => {
    const home = newHome();
    const file = path.join(home, '.cursor', 'mcp.json');
    fs.mkdirSync(path.dirname(file));
    fs.writeFileSync(file, '{"mcpServers": {"x": {"url": "https://x.example/mcp"}}}');
    await installClientConfig(target('cursor', home));
    expect(fs.readFileSync(file, 'utf8')).toBe(`{"mcpServers": {"x": {"url": "https://x.example/mcp"}, "pagerduty": ${JSON.stringify(serverEntry('cursor', target('cursor', home)))}}}`);
    fs.writeFileSync(file, '{\r\n  "mcpServers": {}\r\n}\r\n');
    await installClientConfig(target('cursor', home));
    const text = fs.readFileSync(file, 'utf8');
    expect(text.startsWith('{\r\n  "mcpServers": {\r\n    "pagerduty": {\r\n      "url"')).toBe(true);
    expect(JSON.parse(text).mcpServers.pagerduty).toEqual(serverEntry('cursor', target('cursor', home)));
  });

  it('keeps a TOML file’s CRLF line endings', async () => {
    const home = newHome();
    const file = path.join(home, '.codex', 'config.toml');
    fs.mkdirSync(path.dirname(file));
    fs.writeFileSync(file, '# mine\r\n[mcp_servers.gh]\r\ncommand = "gh"\r\n');
    await installClientConfig(target('codex', home));
    const text = fs.readFileSync(file, 'utf8');
    expect(text.split('\n').slice(0, -1).every((l) => l.endsWith('\r'))).toBe(true);
    expect((parseToml(text) as any).mcp_servers.gh).toEqual({ command: 'gh' });
  });

  it('writes Codex’s entry as a [mcp_servers.NAME] table with env_http_headers, and replaces it with http_headers as the fallback', async () => {
    const home = newHome();
    const r = await installClientConfig(target('codex', home));
    const text = fs.readFileSync(r.path, 'utf8');
    expect(text).toContain('[mcp_servers.pagerduty]\nurl = "http://127.0.0.1:7412/mcp"\nenv_http_headers = { Authorization = "PDMCP_PAGERDUTY_AUTHORIZATION" }');
    expect(text).not.toContain(token);
    await installClientConfig(target('codex', home, { placement: 'file' }));
    const doc = parseToml(fs.readFileSync(r.path, 'utf8')) as any;
    expect(doc.mcp_servers.pagerduty).toEqual({ url: 'http://127.0.0.1:7412/mcp', http_headers: { Authorization: `Bearer ${token}` } });
  });

  it('gives VS Code an `inputs` prompt instead of the token, and reuses it on a second install', async () => {
    const home = newHome();
    const file = locate({ app: 'vscode', home, platform: 'linux', env: {} });
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, EXISTING.vscode);
    await installClientConfig(target('vscode', home));
    await installClientConfig(target('vscode', home, { mcpUrl: 'http://127.0.0.1:7000/mcp' }));
    const text = fs.readFileSync(file, 'utf8');
    expect(text).not.toContain(token);
    const doc = parseJsonc(text, [], { allowTrailingComma: true });
    expect(doc.servers.pagerduty.headers).toEqual({ Authorization: 'Bearer ${input:pagerduty-token}' });
    expect(doc.inputs.map((i: { id: string }) => i.id)).toEqual(['gh-key', 'pagerduty-token']);
    expect(text).toContain('// the work one');
  });

  it('keeps the Claude Code token out of ~/.claude.json with a headersHelper, and the file fallback puts it in', async () => {
    const home = newHome();
    const r = await installClientConfig(target('claude_code', home));
    expect(JSON.parse(fs.readFileSync(r.path, 'utf8')).mcpServers.pagerduty).toEqual({ type: 'http', url: 'http://127.0.0.1:7412/mcp', headersHelper: target('claude_code', home).headersHelper });
    expect(fs.readFileSync(r.path, 'utf8')).not.toContain(token);
    await installClientConfig(target('claude_code', home, { placement: 'file' }));
    expect(JSON.parse(fs.readFileSync(r.path, 'utf8')).mcpServers.pagerduty.headers).toEqual({ Authorization: `Bearer ${token}` });
  });

  it('shows the diff with the token masked', async () => {
    const plan = await planInstall(target('cursor', newHome()));
    expect(plan.diff).toMatch(/^\+.*"Authorization": "Bearer pdmcp_…DEFG"/m);
    expect(plan.diff).not.toContain(token);
    expect(plan.after).toContain(token);
  });

  it('refuses to write when the file changed after the preview', async () => {
    const home = newHome();
    const preview = await planInstall(target('windsurf', home));
    const file = preview.path;
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, '{"mcpServers": {"new": {"serverUrl": "x"}}}');
    await expect(installClientConfig({ ...target('windsurf', home), baseHash: preview.baseHash })).rejects.toThrow(/changed since the preview/);
    expect(fs.readFileSync(file, 'utf8')).toBe('{"mcpServers": {"new": {"serverUrl": "x"}}}');
  });

  it('refuses a placement the client does not have, and a bad server name, touching nothing', async () => {
    const home = newHome();
    await expect(installClientConfig(target('cursor', home, { placement: 'keychain' as TokenPlacement }))).rejects.toThrow(/Cursor cannot keep the token that way; use file/);
    await expect(installClientConfig(target('cursor', home, { serverName: 'pager duty' }))).rejects.toThrow(/server name/);
    expect(fs.readdirSync(home)).toEqual([]);
  });
});
