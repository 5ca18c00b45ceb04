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
function appDataDir({ home, platform, env }: LocateOptions): { dir: string; join: (...parts: string[]) => string } {
  if (platform === 'win32') return { dir: env.APPDATA || path.win32.join(home, 'AppData', 'Roaming'), join: path.win32.join };
  if (platform === 'darwin') return { dir: path.posix.join(home, 'Library', 'Application Support'), join: path.posix.join };
  return { dir: env.XDG_CONFIG_HOME || path.posix.join(home, '.config'), join: path.posix.join };
}

export function clientConfigPath(app: ClientApp, options: LocateOptions): string {
  const join = options.platform === 'win32' ? path.win32.join : path.posix.join;
  switch (app) {
    case 'claude_desktop': {
      const base = appDataDir(options);
      return base.join(base.dir, 'Claude', 'claude_desktop_config.json');
    }
    case 'vscode': {
      const base = appDataDir(options);
      return base.join(base.dir, 'Code', 'User', 'mcp.json');
    }
    case 'claude_code':
      // User scope: top-level mcpServers of ~/.claude.json, the file `claude mcp add --scope user` edits.
      return join(options.home, '.claude.json');
    case 'cursor':
      return join(options.home, '.cursor', 'mcp.json');
    case 'windsurf':
      return join(options.home, '.codeium', 'windsurf', 'mcp_config.json');
  }
}
