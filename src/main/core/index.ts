// The core's single entry: assembles the services and exposes them as contract handlers + events.
// Electron (src/main/index.ts) and headless (src/main/headless/*) both call createCore; neither adds
// behaviour of its own beyond transport and platform glue.
import path from 'node:path';
import { calls, type CallName, type Handlers } from '../../shared/contract';
import type { AppStatus } from '../../shared/model';
import { auditHandlers, openAuditLog, type AuditIo } from './audit';
import { createConnectionService } from './auth';
import { createClientTokenKeychain, type ClientTokenKeychain } from './client-keychain';
import { catalog as defaultCatalog, type ToolDefinition } from './catalog';
import { EventBus } from './events';
import { governanceAnnouncer } from './governance-events';
import { askHandlers, clientHandlers, governanceHandlers, settingsHandlers } from './handlers';
import { createAskQueue, createGovernance, runToolCall, type Governance } from './governance';
import type { Logger } from './log';
import { startGateway, MCP_PATH, type Gateway } from './mcp';
import type { Platform } from './platform';
import type { SecretStore } from './secrets';
import type { SettingsStore } from './settings';

export interface CoreOptions {
  dataDir: string;
  settings: SettingsStore;
  secrets: SecretStore;
  platform: Platform;
  log: Logger;
  /** Overrides the configured MCP port (0 = any free port; tests and `--port`). */
  mcpPort?: number;
  /** Overrides the tool catalog (tests of definition changes). */
  catalog?: readonly ToolDefinition<any>[];
  /** Idle time after which an MCP session is closed (default 30 min). */
  sessionIdleMs?: number;
  /**
   * Most 2025-era MCP sessions one client may hold open (default 16; 2026-07-28 listen streams are capped
   * alike); that client's own longest-idle session makes room for a new one, never another client's.
   */
  maxSessionsPerClient?: number;
  /** Replaces the audit log's disk writes (fault tests make the disk fail for real callers). */
  auditIo?: Partial<AuditIo>;
  /** Where client tokens for keychain-based client configs live (default: the OS keychain). */
  clientTokens?: ClientTokenKeychain;
}

export interface Core {
  readonly handlers: Handlers;
  readonly events: EventBus;
  readonly governance: Governance;
  status(): AppStatus;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** Coalesces bursts (a CLI write, a multi-tool approval) into one refresh. */
function debounce(fn: () => void, ms: number): { (): void; cancel(): void } {
  let timer: NodeJS.Timeout | null = null;
  const run = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      fn();
    }, ms);
  };
  run.cancel = () => {
    if (timer) clearTimeout(timer);
  };
  return run;
}

export async function createCore(options: CoreOptions): Promise<Core> {
  const { settings, log, platform } = options;
  const events = new EventBus();
  let keychain = await options.secrets.check();

  const governance = createGovernance({ settings, catalog: options.catalog ?? defaultCatalog });
  governance.discover();

  const connection = createConnectionService({
    settings,
    secrets: options.secrets,
    events,
    platform,
    log,
    showConnection: () => platform.showPage('connection'),
  });
  const audit = await openAuditLog({
    dir: path.join(options.dataDir, 'audit'),
    io: options.auditIo,
    log,
    retentionDays: settings.read().settings.auditRetentionDays,
  });
  const asks = createAskQueue({
    events,
    platform,
    onChange: () => emitStatus(),
    clientLive: (id, tokenHash) => {
      const c = governance.client(id);
      return !!c && !c.revoked && c.tokenHash === tokenHash;
    },
  });

  let gateway: Gateway | null = null;
  const configuredPort = () => options.mcpPort ?? settings.read().settings.mcpPort;

  const status = (): AppStatus => {
    const s = settings.read();
    const port = gateway?.port ?? configuredPort();
    return {
      version: platform.appVersion,
      connection: connection.view(),
      gateway: {
        mcpUrl: `http://127.0.0.1:${port}${MCP_PATH}`,
        port,
        paused: s.gateway.paused,
        sessions: gateway?.sessionCount() ?? 0,
        bridgeCommand: platform.bridgeCommand(),
        bridgeEnv: platform.bridgeEnv?.() ?? {},
      },
      keychain,
      pendingReview: governance.pendingReviewCount(),
      askPending: asks.size,
      connectedClients: gateway?.connectedClients() ?? 0,
    };
  };
  const emitStatus = debounce(() => events.emit('status.changed', status()), 10);

  const call = (req: Parameters<typeof runToolCall>[1]) =>
    runToolCall(
      {
        governance,
        connection,
        audit,
        asks,
        log,
        isPaused: () => settings.read().gateway.paused,
        askTimeoutMs: () => settings.read().settings.askTimeoutSeconds * 1000,
      },
      req,
    );

  // Any settings change — ours, or the CLI's picked up by the file watch — may change what a live
  // session sees; the gateway works out which sessions are affected and tells only those.
  const refresh = debounce(() => {
    gateway?.refresh();
    emitStatus();
  }, 20);
  const announce = governanceAnnouncer(events, settings.read());
  const unsubscribers = [
    settings.onChange((st) => {
      announce(st);
      // A revoked or re-tokened client loses its "approve for 15 minutes" at once.
      asks.pruneGrants();
      refresh();
    }),
    connection.onChange(() => emitStatus()),
    audit.onAppend((entry) => events.emit('audit.appended', entry)),
  ];

  const clientsChanged = () => events.emit('clients.changed', {});
  const sessionsOf = (id: string) => gateway?.sessionsOf(id) ?? 0;

  const handlers: Handlers = {
    'status.get': async () => {
      keychain = await options.secrets.check();
      return status();
    },
    ...settingsHandlers({ settings, events, platform }),
    ...connection.handlers,
    'gateway.setPaused': async ({ paused }) => {
      settings.update((draft) => {
        draft.gateway.paused = paused;
      });
      return status();
    },
    ...governanceHandlers(governance),
    ...clientHandlers({
      governance,
      platform,
      sessionsOf,
      mcpUrl: () => status().gateway.mcpUrl,
      dataDir: options.dataDir,
      keychain: options.clientTokens ?? createClientTokenKeychain(settings.read().instanceId),
    }),
    ...askHandlers(asks),

    ...auditHandlers(audit, { exportDir: path.join(options.dataDir, 'exports') }),
    'app.openExternal': async ({ url }) => {
      await platform.openExternal(url);
      return { ok: true as const };
    },
  };
  const missing = (Object.keys(calls) as CallName[]).filter((name) => typeof handlers[name] !== 'function');
  if (missing.length) throw new Error(`createCore: no handler for ${missing.join(', ')}`);

  let stopped = false;
  return {
    handlers,
    events,
    governance,
    status,
    async start() {
      if (gateway) return;
      gateway = await startGateway({
        port: configuredPort(),
        governance,
        call,
        log,
        version: platform.appVersion,
        idleTtlMs: options.sessionIdleMs,
        maxSessionsPerClient: options.maxSessionsPerClient,
        isPaused: () => settings.read().gateway.paused,
        onSessionsChange: () => {
          emitStatus();
          clientsChanged();
        },
      });
      log.info('mcp gateway listening', { url: gateway.url });
      emitStatus();
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      refresh.cancel();
      emitStatus.cancel();
      for (const off of unsubscribers) off();
      asks.cancelAll();
      await gateway?.close();
      await connection.close();
      await audit.close();
      settings.close();
    },
  };
}
