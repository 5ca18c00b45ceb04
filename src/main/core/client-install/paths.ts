// Where each AI client keeps its MCP configuration, per operating system. Pure: home, platform and
// environment come in as arguments so tests (and other OSes) need no real home directory.
import path from 'node:path';
import type { ClientApp } from '../../../shared/model';

export interface LocateOptions {
  home: string;
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
}

/** %APPDATA% on Windows, ~/Library/Application Support on macOS, $XDG_CONFIG_HOME or ~/.config elsewhere. */
function appDataDir({ home, platform, env }: LocateOptions): string {
  if (platform === 'win32') return env.APPDATA || path.win32.join(home, 'AppData', 'Roaming');
  if (platform === 'darwin') return path.posix.join(home, 'Library', 'Application Support');
  return env.XDG_CONFIG_HOME || path.posix.join(home, '.config');
}

export function clientConfigPath(app: ClientApp, options: LocateOptions): string {
  const { home, platform, env } = options;
  const join = platform === 'win32' ? path.win32.join : path.posix.join;
  switch (app) {
    case 'claude_desktop':
      return join(appDataDir(options), 'Claude', 'claude_desktop_config.json');
    case 'vscode':
      return join(appDataDir(options), 'Code', 'User', 'mcp.json');
    case 'cline':
      // The Cline extension's storage inside VS Code's user folder (its id is still saoudrizwan.claude-dev).
      return join(appDataDir(options), 'Code', 'User', 'globalStorage', 'saoudrizwan.claude-dev', 'settings', 'cline_mcp_settings.json');
    case 'claude_code':
      // User scope: top-level mcpServers of ~/.claude.json, the file `claude mcp add --scope user` edits.
      return join(home, '.claude.json');
    case 'cursor':
      return join(home, '.cursor', 'mcp.json');
    case 'windsurf':
      return join(home, '.codeium', 'windsurf', 'mcp_config.json');
    case 'codex':
      return join(env.CODEX_HOME || join(home, '.codex'), 'config.toml');
    case 'gemini_cli':
      return join(home, '.gemini', 'settings.json');
    case 'zed':
      // Zed uses ~/.config/zed on macOS too; on Windows its folder is %APPDATA%\Zed.
      if (platform === 'win32') return join(appDataDir(options), 'Zed', 'settings.json');
      return join(platform === 'darwin' ? join(home, '.config') : appDataDir(options), 'zed', 'settings.json');
  }
}
