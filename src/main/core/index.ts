// The core's single entry: assembles the services and exposes them as contract handlers + events.
// Electron (src/main/index.ts) and headless (src/main/headless/*) both call createCore; neither adds
// behaviour of its own beyond transport and platform glue.
import path from 'node:path';
import { calls, ContractError, type CallName, type Handlers } from '../../shared/contract';
import type { AppStatus } from '../../shared/model';
import { auditHandlers, openAuditLog, type AuditIo } from './audit';
import { createConnectionService } from './auth';
import { catalog as defaultCatalog, type ToolDefinition } from './catalog';
import { installClientConfig } from './client-install';
import { EventBus } from './events';
import { createAskQueue, createGovernance, runToolCall, type Governance } from './governance';
import type { Logger } from './log';
import { startGateway, MCP_PATH, type Gateway } from './mcp';
import type { Platform } from './platform';
import type { SecretStore } from './secrets';
import type { PersistedState, SettingsStore } from './settings';

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
  /** Most MCP sessions open at once (default 64); the longest-idle one makes room for a new one. */
  maxSessions?: number;
  /** Replaces the audit log's disk writes (fault tests make the disk fail for real callers). */
  auditIo?: Partial<AuditIo>;
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
  const asks = createAskQueue({ events, platform, onChange: () => emitStatus() });

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
  // Events for the UI come from what changed in the file, so a CLI write is announced like an app one.
  const snapshot = (st: PersistedState) => ({
    tools: JSON.stringify(st.governance.tools),
    toolsets: JSON.stringify(st.governance.toolsets),
    profiles: JSON.stringify(st.governance.profiles),
    clients: JSON.stringify(st.governance.clients),
  });
  let seen = snapshot(settings.read());
  const announce = (st: PersistedState) => {
    const next = snapshot(st);
    const reasons = (['tools', 'toolsets', 'profiles'] as const).filter((k) => next[k] !== seen[k]);
    if (reasons.length) events.emit('tools.changed', { reason: reasons.map((r) => (r === 'tools' ? 'state' : r)).join(',') });
    if (next.clients !== seen.clients) events.emit('clients.changed', {});
    seen = next;
  };
  const unsubscribers = [
    settings.onChange((st) => {
      announce(st);
      refresh();
    }),
    connection.onChange(() => emitStatus()),
    audit.onAppend((entry) => events.emit('audit.appended', entry)),
  ];

  const clientsChanged = () => events.emit('clients.changed', {});
  const sessionsOf = (id: string) => gateway?.sessionsOf(id) ?? 0;
  const clientView = (id: string) => {
    const record = governance.client(id);
    if (!record) throw new ContractError('not_found', `There is no client "${id}".`);
    return governance.clientView(record, sessionsOf(id));
  };

  const handlers: Handlers = {
    'status.get': async () => {
      keychain = await options.secrets.check();
      return status();
    },
    'settings.get': async () => settings.read().settings,
    'settings.update': async (patch) => {
      const before = settings.read().settings;
      const next = settings.update((draft) => {
        draft.settings = { ...draft.settings, ...patch };
      }).settings;
      if (patch.mcpPort !== undefined && patch.mcpPort !== before.mcpPort) {
        platform.notify({
          title: 'MCP port changed',
          body: `The gateway moves to port ${patch.mcpPort} when the app restarts; clients then need the new URL.`,
        });
      }
      if (patch.defaultClassification !== undefined && patch.defaultClassification !== before.defaultClassification) {
        events.emit('defaults.changed', { defaultClassification: next.defaultClassification });
      }
      return next;
    },
    ...connection.handlers,
    'gateway.setPaused': async ({ paused }) => {
      settings.update((draft) => {
        draft.gateway.paused = paused;
      });
      return status();
    },

    'tools.list': async () => governance.toolViews(),
    'tools.setState': async ({ names, state }) => {
      return governance.setToolStates(names, state);
    },
    'toolsets.list': async () => governance.toolsets(),
    'toolsets.create': async (args) => {
      return governance.createToolset(args);
    },
    'toolsets.update': async (args) => {
      return governance.updateToolset(args);
    },
    'toolsets.delete': async ({ id }) => {
      governance.deleteToolset(id);
      return { ok: true as const };
    },
    'profiles.list': async () => governance.profiles(),
    'profiles.create': async (args) => {
      return governance.createProfile(args);
    },
    'profiles.update': async (args) => {
      return governance.updateProfile(args);
    },
    'profiles.delete': async ({ id }) => {
      governance.deleteProfile(id);
      return { ok: true as const };
    },

    'clients.list': async () => governance.clientViews(sessionsOf),
    'clients.create': async (args) => {
      const { client, token } = governance.createClient(args);
      return { client: governance.clientView(client, 0), token };
    },
    'clients.rename': async ({ id, name }) => {
      governance.renameClient(id, name);
      return clientView(id);
    },
    'clients.bind': async ({ id, profileId }) => {
      governance.bindClient(id, profileId);
      return clientView(id);
    },
    'clients.rotate': async ({ id }) => {
      const { client, token } = governance.rotateClient(id);
      return { client: governance.clientView(client, 0), token };
    },
    'clients.revoke': async ({ id }) => {
      governance.revokeClient(id);
      return clientView(id);
    },
    'clients.install': async ({ app, token, serverName }) => {
      if (!governance.authenticate(token)) {
        throw new ContractError('unknown_token', 'That token does not belong to a live client. Create or rotate a client and use the token it shows.', 'token');
      }
      return installClientConfig({ app, token, serverName, mcpUrl: status().gateway.mcpUrl, bridgeCommand: platform.bridgeCommand(), bridgeEnv: platform.bridgeEnv?.() });
    },

    'ask.list': async () => asks.list(),
    'ask.decide': async ({ id, approve }) => {
      asks.decide(id, approve);
      return { ok: true as const };
    },

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
        maxSessions: options.maxSessions,
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
