// Contract handlers for local AI clients: their tokens, profiles, and writing their config files.
import path from 'node:path';
import { ContractError, type Handlers } from '../../../shared/contract';
import { choosePlacement, clientSetups, createInstallJournal, installClientConfig, planInstall, setupInput, type HostInfo } from '../client-install';
import { removeOnRevoke, replaceOnRotate, type ClientTokenKeychain } from '../client-keychain';
import type { Governance } from '../governance';
import type { Platform } from '../platform';

type ClientCalls =
  | 'clients.list'
  | 'clients.create'
  | 'clients.rename'
  | 'clients.bind'
  | 'clients.rotate'
  | 'clients.revoke'
  | 'clients.setups'
  | 'clients.previewInstall'
  | 'clients.install'
  | 'clients.undoInstall';

export const INSTALL_JOURNAL_FILE = 'client-installs.json';

export function clientHandlers(deps: {
  governance: Governance;
  platform: Platform;
  keychain: ClientTokenKeychain;
  dataDir: string;
  /** Live MCP sessions of a client (0 before the gateway starts). */
  sessionsOf(clientId: string): number;
  mcpUrl(): string;
}): Pick<Handlers, ClientCalls> {
  const { governance, platform, sessionsOf, keychain } = deps;
  const journal = createInstallJournal(path.join(deps.dataDir, INSTALL_JOURNAL_FILE));
  const host = (): HostInfo => ({ bridgeCommand: platform.bridgeCommand(), bridgeEnv: platform.bridgeEnv?.() ?? {}, dataDir: deps.dataDir, mcpUrl: deps.mcpUrl() });
  /** Ids with a keychain copy; an unreachable keychain just means none are shown. */
  const kept = async () => new Set(await keychain.list().catch(() => []));
  const clientView = async (id: string) => {
    const record = governance.client(id);
    if (!record) throw new ContractError('not_found', `There is no client "${id}".`);
    return { ...governance.clientView(record, sessionsOf(id)), tokenInKeychain: (await kept()).has(id) };
  };
  const owner = (token: string) => {
    const client = governance.authenticate(token);
    if (!client) throw new ContractError('unknown_token', 'That token does not belong to a live client. Create or rotate a client and use the token it shows.', 'token');
    return client;
  };
  const target = (args: { app: Parameters<typeof choosePlacement>[0]; token: string; serverName: string; placement?: Parameters<typeof choosePlacement>[1] }) => {
    const client = owner(args.token);
    const input = setupInput(host(), client.id, args.token, args.serverName);
    return { client, target: { ...input, app: args.app, placement: choosePlacement(args.app, args.placement, input) } };
  };

  return {
    'clients.list': async () => {
      const ids = await kept();
      return governance.clientViews(sessionsOf).map((c) => ({ ...c, tokenInKeychain: ids.has(c.id) }));
    },
    'clients.create': async (args) => {
      const { client, token } = governance.createClient(args);
      return { client: { ...governance.clientView(client, 0), tokenInKeychain: false }, token };
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
      const inKeychain = await replaceOnRotate(keychain, id, token);
      return { client: { ...governance.clientView(client, 0), tokenInKeychain: inKeychain }, token };
    },
    'clients.revoke': async ({ id }) => {
      governance.revokeClient(id);
      await removeOnRevoke(keychain, id);
      return clientView(id);
    },
    'clients.setups': async ({ token, serverName }) => clientSetups(setupInput(host(), owner(token).id, token, serverName)),
    'clients.previewInstall': async (args) => {
      const plan = await planInstall(target(args).target);
      return { path: plan.path, action: plan.action, placement: plan.placement, diff: plan.diff, baseHash: plan.baseHash };
    },
    'clients.install': async ({ baseHash, ...args }) => {
      const { client, target: t } = target(args);
      // The helper reads the token from the keychain, so it must be there before the config points at it;
      // planning first means a file we would refuse leaves no keychain copy behind.
      if (t.placement === 'keychain') {
        await planInstall(t);
        await keychain.store(client.id, args.token);
      }
      return installClientConfig({ ...t, baseHash, journal });
    },
    'clients.undoInstall': async ({ installId }) => journal.undo(installId),
  };
}
