// The core's single entry: assembles the services and exposes them as contract handlers + events.
// Electron (src/main/index.ts) and headless (src/main/headless/*) both call createCore; neither adds
// behaviour of its own beyond transport and platform glue.
import { ContractError, type CallName, type Handlers } from '../../shared/contract';
import type { AppStatus } from '../../shared/model';
import { EventBus } from './events';
import type { Logger } from './log';
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
}

export interface Core {
  readonly handlers: Handlers;
  readonly events: EventBus;
  status(): AppStatus;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export async function createCore(options: CoreOptions): Promise<Core> {
  const events = new EventBus();
  const keychain = await options.secrets.check();
  const state = () => options.settings.read();

  const status = (): AppStatus => {
    const s = state();
    const port = options.mcpPort ?? s.settings.mcpPort;
    return {
      version: options.platform.appVersion,
      connection: {
        mode: s.connection.mode,
        status: 'not_configured',
        region: s.connection.region,
        baseUrl: s.connection.baseUrl,
        identity: null,
        readOnly: null,
        message: 'Connect PagerDuty with a REST API key or OAuth.',
        checkedAt: null,
        apiKey: { configured: s.connection.apiKey.configured, actorEmail: s.connection.apiKey.actorEmail },
        oauth: {
          clientId: s.connection.oauth.clientId,
          hasClientSecret: s.connection.oauth.hasClientSecret,
          scopes: s.connection.oauth.scopes,
          port: s.connection.oauth.port,
          pending: false,
          connected: false,
          expiresAt: null,
        },
      },
      gateway: {
        mcpUrl: `http://127.0.0.1:${port}/mcp`,
        port,
        paused: s.gateway.paused,
        sessions: 0,
        bridgeCommand: options.platform.bridgeCommand(),
      },
      keychain,
      pendingReview: 0,
      askPending: 0,
      connectedClients: 0,
    };
  };

  const notYet = (name: CallName) => async () => {
    throw new ContractError('not_available', `${name} is not available in this build yet.`);
  };
  const handlers = Object.fromEntries(
    (Object.keys((await import('../../shared/contract')).calls) as CallName[]).map((name) => [name, notYet(name)]),
  ) as unknown as Handlers;
  handlers['status.get'] = async () => status();

  options.settings.onChange(() => events.emit('status.changed', status()));

  return {
    handlers,
    events,
    status,
    async start() {},
    async stop() {
      options.settings.close();
    },
  };
}
