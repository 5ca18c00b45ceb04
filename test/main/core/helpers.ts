// Shared setup for the core's integration tests: a real core (settings file, real keychain, real
// audit log, gateway on a free port) connected to the PagerDuty simulator through the API-key handler.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { ToolListChangedNotificationSchema } from '@modelcontextprotocol/sdk/types.js';
import { dispatch, type CallArgs, type CallName, type CallResult } from '../../../src/shared/contract';
import { createCore, type Core, type CoreOptions } from '../../../src/main/core';
import { silentLogger } from '../../../src/main/core/log';
import type { NotificationRequest, Platform } from '../../../src/main/core/platform';
import { createKeytarSecretStore, type SecretStore } from '../../../src/main/core/secrets';
import { createConfBackend, createSettingsStore, type SettingsStore } from '../../../src/main/core/settings';
import { createSimulator, type Simulator } from '../../simulator';

export interface TestCore {
  core: Core;
  settings: SettingsStore;
  /** The real keychain entries of this core's data directory. */
  secrets: SecretStore;
  dataDir: string;
  notifications: NotificationRequest[];
  url: string;
  call<K extends CallName>(name: K, args: CallArgs<K>): Promise<CallResult<K>>;
  close(): Promise<void>;
}

export async function startTestCore(options: { dataDir?: string; mcpPort?: number; extra?: Partial<CoreOptions> } = {}): Promise<TestCore> {
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'pdmcp-core-'));
  const settings = createSettingsStore(createConfBackend(dataDir), { watch: true });
  const secrets = createKeytarSecretStore(settings.read().instanceId);
  const notifications: NotificationRequest[] = [];
  const platform: Platform = {
    appVersion: '0.0.0-test',
    openExternal: async () => {},
    notify: (n) => notifications.push(n),
    bridgeCommand: () => [process.execPath, 'bridge.js'],
    showPage: () => {},
  };
  const core = await createCore({ dataDir, settings, secrets, platform, log: silentLogger, mcpPort: options.mcpPort ?? 0, ...options.extra });
  try {
    await core.start();
  } catch (error) {
    await core.stop();
    throw error;
  }
  return {
    core,
    settings,
    secrets,
    dataDir,
    notifications,
    url: core.status().gateway.mcpUrl,
    call: (name, args) => dispatch(core.handlers, name, args),
    async close() {
      await core.stop();
      await secrets.deleteAll().catch(() => 0);
    },
  };
}

export async function connectSimulator(t: TestCore, sim: Simulator): Promise<void> {
  const result = await t.call('connection.saveApiKey', { apiKey: sim.keys.account, actorEmail: sim.users[0]!.email, region: 'us', baseUrl: sim.apiUrl('us') });
  if (!result.ok) throw new Error(`could not connect the simulator: ${result.message}`);
}

export interface McpTestClient {
  client: Client;
  transport: StreamableHTTPClientTransport;
  /** Resolves at the next notifications/tools/list_changed. */
  nextListChanged(timeoutMs?: number): Promise<void>;
  listChangedCount(): number;
  close(): Promise<void>;
}

export async function connectMcp(url: string, token: string): Promise<McpTestClient> {
  const client = new Client({ name: 'vitest', version: '1.0.0' });
  let count = 0;
  let waiters: (() => void)[] = [];
  client.setNotificationHandler(ToolListChangedNotificationSchema, async () => {
    count += 1;
    const w = waiters;
    waiters = [];
    for (const fn of w) fn();
  });
  const transport = new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers: { Authorization: `Bearer ${token}` } } });
  await client.connect(transport);
  return {
    client,
    transport,
    listChangedCount: () => count,
    nextListChanged(timeoutMs = 3000) {
      return new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no tools/list_changed within the timeout')), timeoutMs);
        waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    },
    close: () => client.close(),
  };
}

export { createSimulator, type Simulator };
