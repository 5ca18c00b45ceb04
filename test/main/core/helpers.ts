// Shared setup for the core's integration tests: a real core (settings file, real keychain, real
// audit log, gateway on a free port) connected to the PagerDuty simulator through the API-key handler.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
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

/**
 * Which protocol era a test client speaks: `modern` is 2026-07-28 (the SDK's client pinned to it: no
 * session, `_meta` on every request, `tools/list_changed` over a `subscriptions/listen` stream);
 * `legacy` is the 2025-era handshake (`initialize`, a session, the GET stream), as 2025 clients do.
 */
export type McpEra = 'modern' | 'legacy';
export const MCP_ERAS: readonly McpEra[] = ['modern', 'legacy'];
export const MODERN_REVISION = '2026-07-28';

/** The per-request `_meta` envelope a 2026-07-28 client puts on every request (for raw wire tests). */
export const MODERN_ENVELOPE = {
  'io.modelcontextprotocol/protocolVersion': MODERN_REVISION,
  'io.modelcontextprotocol/clientInfo': { name: 'raw', version: '1' },
  'io.modelcontextprotocol/clientCapabilities': {},
};

/** A JSON-RPC message (or batch) as a 2026-07-28 client sends it: the envelope in `params._meta`, where params is an object. */
export function withEnvelope(message: unknown): unknown {
  if (Array.isArray(message)) return message.map(withEnvelope);
  if (!message || typeof message !== 'object') return message;
  const m = message as { params?: unknown };
  if (m.params !== undefined && (m.params === null || typeof m.params !== 'object' || Array.isArray(m.params))) return message;
  const params = (m.params ?? {}) as { _meta?: unknown };
  const meta = params._meta && typeof params._meta === 'object' && !Array.isArray(params._meta) ? params._meta : {};
  return { ...m, params: { ...params, _meta: { ...meta, ...MODERN_ENVELOPE } } };
}

export interface McpTestClient {
  client: Client;
  transport: StreamableHTTPClientTransport;
  era: McpEra;
  /** Resolves at the next notifications/tools/list_changed (over the listen stream or the GET stream). */
  nextListChanged(timeoutMs?: number): Promise<void>;
  listChangedCount(): number;
  /** The modern client's listen stream (null for legacy); `closed` says how it ended. */
  subscription: Awaited<ReturnType<Client['listen']>> | null;
  close(): Promise<void>;
}

/**
 * The SDK's real client over Streamable HTTP with the client's bearer token. A modern client opens its
 * listen stream before this resolves. Note that a modern client caches tools/list for the server's ttlMs
 * and drops the cached list when tools/list_changed arrives: wait for `nextListChanged()` after a change
 * (or pass `{ cacheMode: 'refresh' }` to listTools) before expecting a new list.
 */
export async function connectMcp(
  url: string,
  token: string,
  options: { era?: McpEra; name?: string; version?: string; listen?: boolean } = {},
): Promise<McpTestClient> {
  const era = options.era ?? 'legacy';
  const client = new Client(
    { name: options.name ?? 'vitest', version: options.version ?? '1.0.0' },
    era === 'modern' ? { versionNegotiation: { mode: { pin: MODERN_REVISION } } } : {},
  );
  let count = 0;
  let waiters: (() => void)[] = [];
  client.setNotificationHandler('notifications/tools/list_changed', async () => {
    count += 1;
    const w = waiters;
    waiters = [];
    for (const fn of w) fn();
  });
  const transport = new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers: { Authorization: `Bearer ${token}` } } });
  await client.connect(transport);
  if (client.getProtocolEra() !== era) throw new Error(`expected a ${era} connection, got ${client.getProtocolEra()}`);
  const subscription = era === 'modern' && options.listen !== false ? await client.listen({ toolsListChanged: true }) : null;
  return {
    client,
    transport,
    era,
    subscription,
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
    async close() {
      await subscription?.close().catch(() => undefined);
      await client.close();
    },
  };
}

export { createSimulator, type Simulator };
