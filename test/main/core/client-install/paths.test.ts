// Where each AI client's config lives on Linux, macOS and Windows (the README's table says the same).
import { describe, expect, it } from 'vitest';
import { clientConfigPath } from '../../../../src/main/core/client-install';
import { CLIENT_APPS } from '../../../../src/shared/client-configs';
import type { ClientApp } from '../../../../src/shared/model';

const linux = { home: '/home/ann', platform: 'linux' as const, env: {} };
const mac = { home: '/Users/ann', platform: 'darwin' as const, env: {} };
const win = { home: 'C:\\Users\\ann', platform: 'win32' as const, env: { APPDATA: 'C:\\Users\\ann\\AppData\\Roaming' } };

const expected: Record<ClientApp, [string, string, string]> = {
  claude_desktop: ['/home/ann/.config/Claude/claude_desktop_config.json', '/Users/ann/Library/Application Support/Claude/claude_desktop_config.json', 'C:\\Users\\ann\\AppData\\Roaming\\Claude\\claude_desktop_config.json'],
  claude_code: ['/home/ann/.claude.json', '/Users/ann/.claude.json', 'C:\\Users\\ann\\.claude.json'],
  cursor: ['/home/ann/.cursor/mcp.json', '/Users/ann/.cursor/mcp.json', 'C:\\Users\\ann\\.cursor\\mcp.json'],
  vscode: ['/home/ann/.config/Code/User/mcp.json', '/Users/ann/Library/Application Support/Code/User/mcp.json', 'C:\\Users\\ann\\AppData\\Roaming\\Code\\User\\mcp.json'],
  windsurf: ['/home/ann/.codeium/windsurf/mcp_config.json', '/Users/ann/.codeium/windsurf/mcp_config.json', 'C:\\Users\\ann\\.codeium\\windsurf\\mcp_config.json'],
  codex: ['/home/ann/.codex/config.toml', '/Users/ann/.codex/config.toml', 'C:\\Users\\ann\\.codex\\config.toml'],
  gemini_cli: ['/home/ann/.gemini/settings.json', '/Users/ann/.gemini/settings.json', 'C:\\Users\\ann\\.gemini\\settings.json'],
  zed: ['/home/ann/.config/zed/settings.json', '/Users/ann/.config/zed/settings.json', 'C:\\Users\\ann\\AppData\\Roaming\\Zed\\settings.json'],
  cline: [
    '/home/ann/.config/Code/User/globalStorage/saoudrizwan.claude-dev/settings/cline_mcp_settings.json',
    '/Users/ann/Library/Application Support/Code/User/globalStorage/saoudrizwan.claude-dev/settings/cline_mcp_settings.json',
    'C:\\Users\\ann\\AppData\\Roaming\\Code\\User\\globalStorage\\saoudrizwan.claude-dev\\settings\\cline_mcp_settings.json',
  ],
};

describe('client config paths per OS', () => {
  it.each(CLIENT_APPS)('%s', (app) => {
    expect([clientConfigPath(app, linux), clientConfigPath(app, mac), clientConfigPath(app, win)]).toEqual(expected[app]);
  });

  it('follows XDG_CONFIG_HOME on Linux, CODEX_HOME for Codex, and %APPDATA%’s default when it is unset', () => {
    expect(clientConfigPath('zed', { ...linux, env: { XDG_CONFIG_HOME: '/cfg' } })).toBe('/cfg/zed/settings.json');
    expect(clientConfigPath('vscode', { ...linux, env: { XDG_CONFIG_HOME: '/cfg' } })).toBe('/cfg/Code/User/mcp.json');
    expect(clientConfigPath('codex', { ...linux, env: { CODEX_HOME: '/opt/codex' } })).toBe('/opt/codex/config.toml');
    expect(clientConfigPath('vscode', { ...win, env: {} })).toBe('C:\\Users\\ann\\AppData\\Roaming\\Code\\User\\mcp.json');
  });
});
