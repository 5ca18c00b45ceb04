// Assembles the core for a plain Node process (serve, demo, cli): conf for settings, keytar for
// secrets, a terminal-friendly platform. The Electron app does the same in src/main/index.ts.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCore, type Core } from '../core';
import { createLogger, type Logger } from '../core/log';
import type { Platform } from '../core/platform';
import { createKeytarSecretStore, type SecretStore } from '../core/secrets';
import { createConfBackend, createSettingsStore, type SettingsStore } from '../core/settings';

// The bundler may put this module in out/main/chunks/; the entries (bridge.js) and ../renderer sit beside out/main.
const here = ((dir) => (path.basename(dir) === 'chunks' ? path.dirname(dir) : dir))(path.dirname(fileURLToPath(import.meta.url)));

export const APP_VERSION = '0.1.0';

export interface HeadlessRuntime {
  core: Core;
  settings: SettingsStore;
  secrets: SecretStore;
  log: Logger;
  dataDir: string;
}

export function builtRendererDir(): string | null {
  const dir = path.resolve(here, '../renderer');
  return fs.existsSync(path.join(dir, 'index.html')) ? dir : null;
}

export function headlessPlatform(log: Logger): Platform {
  return {
    appVersion: APP_VERSION,
    async openExternal(url) {
      // Headless there may be no desktop: say where to go, and try the system opener where there is one.
      process.stderr.write(`Open this URL in your browser: ${url}\n`);
      if (process.env.PDMCP_NO_BROWSER === '1') return;
      const opener = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
      try {
        const child = spawn(opener, [url], { stdio: 'ignore', detached: true });
        child.on('error', () => log.info('no system browser opener available'));
        child.unref();
      } catch {
        log.info('no system browser opener available');
      }
    },
    notify(n) {
      process.stderr.write(`[notice] ${n.title}: ${n.body}\n`);
    },
    bridgeCommand() {
      return [process.execPath, path.resolve(here, 'bridge.js')];
    },
    showPage(page) {
      process.stderr.write(`[notice] open the dashboard's ${page} page\n`);
    },
  };
}

export async function createHeadlessRuntime(options: { dataDir: string; mcpPort?: number; watch?: boolean }): Promise<HeadlessRuntime> {
  fs.mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  const settings = createSettingsStore(createConfBackend(options.dataDir), { watch: options.watch ?? true });
  const log = createLogger({ file: path.join(options.dataDir, 'logs', 'app.log'), level: 'info' });
  const secrets = createKeytarSecretStore(settings.read().instanceId);
  const core = await createCore({
    dataDir: options.dataDir,
    settings,
    secrets,
    platform: headlessPlatform(log),
    log,
    mcpPort: options.mcpPort,
  });
  return { core, settings, secrets, log, dataDir: options.dataDir };
}
