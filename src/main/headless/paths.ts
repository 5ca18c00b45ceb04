// Where the desktop app keeps its data, computed without Electron so `serve` and the CLI default to
// the very folder the app uses (Electron's userData = appData/<productName>).
import os from 'node:os';
import path from 'node:path';

export const PRODUCT_NAME = 'PagerDuty MCP';

export function defaultDataDir(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env, home = os.homedir()): string {
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', PRODUCT_NAME);
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), PRODUCT_NAME);
  return path.join(env.XDG_CONFIG_HOME || path.join(home, '.config'), PRODUCT_NAME);
}
