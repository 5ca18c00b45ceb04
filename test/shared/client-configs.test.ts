import { describe, expect, it } from 'vitest';
import { allClientConfigs, clientConfig, configDocument, serverEntry, shellQuote } from '../../src/shared/client-configs';

const input = {
  serverName: 'pagerduty',
  mcpUrl: 'http://127.0.0.1:7412/mcp',
  token: 'pdmcp_abcdefghijklmnopqrstuvwxyz0123456789',
  bridgeCommand: ['/usr/bin/node', '/opt/pdmcp/out/main/bridge.js'],
};
const auth = { Authorization: `Bearer ${input.token}` };
const parsed = (app: Parameters<typeof clientConfig>[0], i = 0) => JSON.parse(clientConfig(app, input).snippets[i]!.text);

describe('client configuration snippets', () => {
  it('gives Claude Desktop a stdio command that runs the bridge against our URL, token in env', () => {
    expect(parsed('claude_desktop')).toEqual({
      mcpServers: {
        pagerduty: {
          command: '/usr/bin/node',
          args: ['/opt/pdmcp/out/main/bridge.js', '--url', input.mcpUrl],
          env: { PDMCP_CLIENT_TOKEN: input.token },
        },
      },
    });
    // Claude Desktop rejects url entries: the snippet must not contain one.
    expect(parsed('claude_desktop').mcpServers.pagerduty.url).toBeUndefined();
  });

  it('gives Claude Code a `claude mcp add` command with the header, and the .mcp.json form', () => {
    const info = clientConfig('claude_code', input);
    expect(info.snippets[0]!.language).toBe('shell');
    expect(info.snippets[0]!.text).toBe(
      `claude mcp add --transport http --scope user pagerduty http://127.0.0.1:7412/mcp --header "Authorization: Bearer ${input.token}"`,
    );
    expect(parsed('claude_code', 1)).toEqual({ mcpServers: { pagerduty: { type: 'http', url: input.mcpUrl, headers: auth } } });
  });

  it('uses each editor’s own shape: Cursor url, VS Code servers/type http, Windsurf serverUrl', () => {
    expect(parsed('cursor')).toEqual({ mcpServers: { pagerduty: { url: input.mcpUrl, headers: auth } } });
    expect(parsed('vscode')).toEqual({ servers: { pagerduty: { type: 'http', url: input.mcpUrl, headers: auth } } });
    expect(parsed('windsurf')).toEqual({ mcpServers: { pagerduty: { serverUrl: input.mcpUrl, headers: auth } } });
  });

  it('names the server as asked and covers all five clients with a title and a next step', () => {
    expect(Object.keys(configDocument('cursor', { ...input, serverName: 'pd-work' }).mcpServers as object)).toEqual(['pd-work']);
    const all = allClientConfigs(input);
    expect(all.map((c) => c.title)).toEqual(['Claude Desktop', 'Claude Code', 'Cursor', 'VS Code', 'Windsurf']);
    for (const c of all) {
      expect(c.afterwards.length).toBeGreaterThan(10);
      expect(c.snippets.some((s) => s.text.includes(input.token))).toBe(true);
    }
  });

  it('quotes shell arguments that a shell would split or expand', () => {
    expect(shellQuote('pagerduty')).toBe('pagerduty');
    expect(shellQuote("it's $HOME")).toBe(`'it'\\''s $HOME'`);
  });
});

describe('Claude Desktop through the app binary', () => {
  it('passes the bridge environment (the Electron binary runs as Node) alongside the token', () => {
    const entry = serverEntry('claude_desktop', {
      mcpUrl: 'http://127.0.0.1:7428/mcp',
      token: 'pdmcp_tok',
      bridgeCommand: ['/Applications/PagerDuty MCP.app/Contents/MacOS/PagerDuty MCP', '/app/out/main/bridge.js'],
      bridgeEnv: { ELECTRON_RUN_AS_NODE: '1' },
    });
    expect(entry).toEqual({
      command: '/Applications/PagerDuty MCP.app/Contents/MacOS/PagerDuty MCP',
      args: ['/app/out/main/bridge.js', '--url', 'http://127.0.0.1:7428/mcp'],
      env: { ELECTRON_RUN_AS_NODE: '1', PDMCP_CLIENT_TOKEN: 'pdmcp_tok' },
    });
  });
});
