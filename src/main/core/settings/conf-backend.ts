// Headless backend: `conf`, the library electron-store is built on, writing the same file in the same
// folder so the desktop app and `serve` / the CLI share one configuration.
import Conf from 'conf';
import type { ConfLike } from './store';

export const CONFIG_NAME = 'config';

export function createConfBackend(dataDir: string): ConfLike {
  // 0600 from the first write (the store re-applies it, e.g. to a file an older version left readable).
  return new Conf<Record<string, unknown>>({ cwd: dataDir, configName: CONFIG_NAME, projectName: 'pagerduty-mcp-tray', configFileMode: 0o600 });
}
