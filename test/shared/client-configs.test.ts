import { describe, expect, it } from 'vitest';
import { CLIENT_APPS, CLIENT_SPECS, recommendedPlacement, serverEntry, shellQuote, tokenEnvVar } from '../../src/shared/client-configs';

const input = {
  serverName: 'pagerduty',
  mcpUrl: 'http://127.0.0.1:7412/mcp',
  token: 'pdmcp_abcdefghijklmnopqrstuvwxyz0123456789',
  bridgeCommand: ['/usr/bin/node', '/opt/pdmcp/out/main/bridge.js'],
  headersHelper: 'node cli.js clients header cl_1',
};
const auth = { Authorization: `Bearer ${input.token}` };

describe('the server entry each client reads', () => {
  it('gives Claude Desktop a stdio command that runs the bridge against our URL, token in env (it rejects url entries)', () => {
    const entry = serverEntry('claude_desktop', input);
    expect(entry).toEqual({ command: '/usr/bin/node', args: ['/opt/pdmcp/out/main/bridge.js', '--url', input.mcpUrl], env: { PDMCP_CLIENT_TOKEN: input.token } });
    expect(entry.url).toBeUndefined();
  });

  it('passes the bridge environment (the Electron binary runs as Node) alongside the token', () => {
    expect(serverEntry('claude_desktop', { ...input, bridgeEnv: { ELECTRON_RUN_AS_NODE: '1' } }).env).toEqual({ ELECTRON_RUN_AS_NODE: '1', PDMCP_CLIENT_TOKEN: input.token });
  });

  it('uses each client’s own field names', () => {
    expect(serverEntry('cursor', input)).toEqual({ url: input.mcpUrl, headers: auth });
    expect(serverEntry('windsurf', input)).toEqual({ serverUrl: input.mcpUrl, headers: auth });
    expect(serverEntry('gemini_cli', input)).toEqual({ httpUrl: input.mcpUrl, headers: auth });
    expect(serverEntry('zed', input)).toEqual({ url: input.mcpUrl, headers: auth });
    expect(serverEntry('cline', input)).toEqual({ type: 'streamableHttp', url: input.mcpUrl, headers: auth, disabled: false });
    expect(serverEntry('vscode', input, 'file')).toEqual({ type: 'http', url: input.mcpUrl, headers: auth });
    expect(serverEntry('codex', input, 'file')).toEqual({ url: input.mcpUrl, http_headers: auth });
    expect(serverEntry('claude_code', input, 'file')).toEqual({ type: 'http', url: input.mcpUrl, headers: auth });
  });

  it('keeps the token out of the entry where the client allows it, and recommends that', () => {
    expect(recommendedPlacement('claude_code')).toBe('keychain');
    expect(serverEntry('claude_code', input)).toEqual({ type: 'http', url: input.mcpUrl, headersHelper: input.headersHelper });
    expect(recommendedPlacement('codex')).toBe('keychain');
    expect(serverEntry('codex', input)).toEqual({ url: input.mcpUrl, env_http_headers: { Authorization: 'PDMCP_PAGERDUTY_AUTHORIZATION' } });
    expect(recommendedPlacement('vscode')).toBe('client_prompt');
    expect(serverEntry('vscode', input)).toEqual({ type: 'http', url: input.mcpUrl, headers: { Authorization: 'Bearer ${input:pagerduty-token}' } });
    for (const app of ['claude_code', 'codex', 'vscode'] as const) expect(JSON.stringify(serverEntry(app, input))).not.toContain(input.token);
  });

  it('offers the plaintext file as the fallback for every client, and refuses a placement a client lacks', () => {
    for (const app of CLIENT_APPS) expect(CLIENT_SPECS[app].placements.at(-1)).toBe('file');
    expect(() => serverEntry('cursor', input, 'keychain')).toThrow(/Cursor cannot keep the token that way/);
    expect(() => serverEntry('claude_code', { ...input, headersHelper: null }, 'keychain')).toThrow(/helper command is not available/);
  });

  it('covers all nine clients', () => {
    expect(CLIENT_APPS.map((a) => CLIENT_SPECS[a].title)).toEqual(['Claude Desktop', 'Claude Code', 'Cursor', 'VS Code', 'Windsurf', 'Codex CLI', 'Gemini CLI', 'Zed', 'Cline']);
  });

  it('names the Codex variable after the server, and quotes shell arguments a shell would split', () => {
    expect(tokenEnvVar('pd-work')).toBe('PDMCP_PD_WORK_AUTHORIZATION');
    expect(shellQuote('pagerduty')).toBe('pagerduty');
    expect(shellQuote("it's $HOME")).toBe(`'it'\\''s $HOME'`);
  });
});
