// What the auth tests share: a throwaway data dir with real settings (conf), the real keychain
// (gnome-keyring via keytar), a logger writing into the data dir, the real simulator, and a Platform
// that records what it was asked to do.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { OAuthProgress } from '../../../../src/shared/model';
import { createConnectionService, type ConnectionServiceOptions } from '../../../../src/main/core/auth';
import { EventBus } from '../../../../src/main/core/events';
import { createLogger } from '../../../../src/main/core/log';
import type { NotificationRequest, Platform } from '../../../../src/main/core/platform';
import { createKeytarSecretStore, type SecretName } from '../../../../src/main/core/secrets';
import { createConfBackend, createSettingsStore } from '../../../../src/main/core/settings';

export const SECRET_NAMES: SecretName[] = ['api_key', 'oauth_access_token', 'oauth_refresh_token', 'oauth_client_secret'];

export interface RecordingPlatform extends Platform {
  opened: string[];
  notifications: NotificationRequest[];
  onOpen: (url: string) => void | Promise<void>;
}

export function recordingPlatform(): RecordingPlatform {
  const platform: RecordingPlatform = {
    appVersion: '0.0.0-test',
    opened: [],
    notifications: [],
    onOpen: () => {},
    async openExternal(url) {
      platform.opened.push(url);
      await platform.onOpen(url);
    },
    notify(n) {
      platform.notifications.push(n);
    },
    bridgeCommand: () => ['node', 'bridge.js'],
    showPage: () => {},
  };
  return platform;
}

export function createHarness(extra: Partial<ConnectionServiceOptions> = {}) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pdmcp-auth-'));
  const settings = createSettingsStore(createConfBackend(dataDir));
  settings.read(); // the app reads its settings at start, which writes the file
  const secrets = createKeytarSecretStore(`test-auth-${randomUUID()}`);
  const log = createLogger({ file: path.join(dataDir, 'logs', 'main.log'), level: 'debug' });
  const events = new EventBus();
  const platform = recordingPlatform();
  let clock = Date.now();
  const progress: OAuthProgress[] = [];
  events.on('oauth.progress', (p) => progress.push(p));
  const service = createConnectionService({ settings, secrets, events, platform, log, now: () => clock, ...extra });
  return {
    dataDir,
    settings,
    secrets,
    log,
    events,
    platform,
    progress,
    service,
    h: service.handlers,
    advance(ms: number) {
      clock += ms;
    },
    /** The next oauth.progress event with one of these phases. */
    nextProgress(...phases: OAuthProgress['phase'][]): Promise<OAuthProgress> {
      return new Promise((resolve) => {
        const off = events.on('oauth.progress', (p) => {
          if (phases.includes(p.phase)) {
            off();
            resolve(p);
          }
        });
      });
    },
    async close() {
      await service.close();
      await secrets.deleteAll();
      settings.close();
    },
  };
}

/** Every file under dir whose content contains one of the secrets (the settings file must exist). */
export function filesContaining(dir: string, secrets: string[]): string[] {
  if (!fs.existsSync(path.join(dir, 'config.json'))) throw new Error(`${dir} has no settings file: the scan would prove nothing`);
  const hits: string[] = [];
  const walk = (d: string) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, entry.name);
      if (entry.isDirectory()) walk(p);
      else {
        const text = fs.readFileSync(p, 'utf8');
        if (secrets.some((s) => s && text.includes(s))) hits.push(p);
      }
    }
  };
  walk(dir);
  return hits;
}

/** Bytes logged across the data dirs, so a scan is known to have had something to look at. */
export function loggedBytes(dirs: string[]): number {
  return dirs.reduce((n, d) => n + (fs.existsSync(path.join(d, 'logs', 'main.log')) ? fs.statSync(path.join(d, 'logs', 'main.log')).size : 0), 0);
}

/** A port nobody listens on right now (the OAuth port is fixed by design, so tests pick one first). */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Lets the log stream reach the disk before a scan. */
export const settle = () => new Promise((r) => setTimeout(r, 50));
