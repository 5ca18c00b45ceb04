// Contract handlers for local AI clients: their tokens, profiles, and writing their config files.
import { ContractError, type Handlers } from '../../../shared/contract';
import { installClientConfig } from '../client-install';
import type { Governance } from '../governance';
import type { Platform } from '../platform';

type ClientCalls = 'clients.list' | 'clients.create' | 'clients.rename' | 'clients.bind' | 'clients.rotate' | 'clients.revoke' | 'clients.install';

export function clientHandlers(deps: {
  governance: Governance;
  platform: Platform;
  /** Live MCP sessions of a client (0 before the gateway starts). */
  sessionsOf(clientId: string): number;
  mcpUrl(): string;
}): Pick<Handlers, ClientCalls> {
  const { governance, platform, sessionsOf } = deps;
  const clientView = (id: string) => {
    const record = governance.client(id);
    if (!record) throw new ContractError('not_found', `There is no client "${id}".`);
    return governance.clientView(record, sessionsOf(id));
  };
  return {
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
      return installClientConfig({ app, token, serverName, mcpUrl: deps.mcpUrl(), bridgeCommand: platform.bridgeCommand(), bridgeEnv: platform.bridgeEnv?.() });
    },
  };
}
