// `clients …`: local AI clients, their tokens and profiles, and writing their config files.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CLIENT_SPECS, PLACEMENT_LABELS, tokenEnvVar } from '../../../shared/client-configs';
import { ClientApp, TokenPlacement } from '../../../shared/model';
import { choosePlacement, clientSetups, createInstallJournal, installClientConfig, planInstall, setupInput, type HostInfo } from '../../core/client-install';
import { createClientTokenKeychain, removeOnRevoke, replaceOnRotate, type ClientTokenKeychain } from '../../core/client-keychain';
import { hashClientToken } from '../../core/governance';
import { INSTALL_JOURNAL_FILE } from '../../core/handlers/clients';
import { check, clientOf, CliError, need, profileOf, table, UsageError, type CliIo, type Cmd } from './shared';

// The bundler may put this module in out/main/chunks/; the entries (cli.js, bridge.js) sit in out/main.
const here = ((dir) => (path.basename(dir) === 'chunks' ? path.dirname(dir) : dir))(path.dirname(fileURLToPath(import.meta.url)));

/** The gateway's address as a client reaches it (the path is core/mcp's MCP_PATH, not imported so that the header helper starts fast). */
const gatewayUrl = (port: number) => `http://127.0.0.1:${port}/mcp`;

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

function sameGateway(asked: string, expected: string | undefined): boolean {
  try {
    const a = new URL(asked);
    if (expected === undefined) return a.protocol === 'http:' && LOOPBACK.has(a.hostname);
    const e = new URL(expected);
    return a.protocol === e.protocol && a.host === e.host && a.pathname.replace(/\/$/, '') === e.pathname.replace(/\/$/, '');
  } catch {
    return false;
  }
}

export async function clientsCommand(cmd: Cmd): Promise<void> {
  const { gov, io, flags, verb, rest } = cmd;
  const keychain = createClientTokenKeychain(cmd.settings.read().instanceId);
  const profileFlag = () => {
    if (typeof flags.profile !== 'string') throw new UsageError('Give the access profile with --profile NAME.');
    return profileOf(gov, flags.profile);
  };
  const liveClient = (ref: string) => {
    const c = clientOf(gov, ref);
    if (c.revoked) throw new CliError(`"${c.name}" is revoked; its token no longer works. Create a new client with \`clients add\`.`);
    return c;
  };
  switch (verb) {
    case 'list': {
      const kept = new Set(await keychain.list().catch(() => []));
      const clients = gov.clientViews().map((c) => ({ ...c, tokenInKeychain: kept.has(c.id) }));
      if (flags.json) return io.out(JSON.stringify(clients, null, 2));
      const names = new Map(gov.profiles().map((p) => [p.id, p.name]));
      return io.out(
        table([
          ['NAME', 'ID', 'PROFILE', 'LAST SEEN', 'TOKEN', 'STATUS'],
          ...clients.map((c) => [c.name, c.id, names.get(c.profileId) ?? c.profileId, c.lastSeenAt ?? 'never', c.tokenInKeychain ? 'keychain' : '-', c.revoked ? 'revoked' : 'active']),
        ]),
      );
    }
    case 'add': {
      need(rest, 1, 'the client name');
      const profile = profileFlag();
      check('clients.create', { name: rest[0], profileId: profile.id });
      const app = installFlag(flags.install);
      const { client, token } = gov.createClient({ name: rest[0]!, profileId: profile.id });
      printToken(io, client.name, token);
      if (app) await install(cmd, keychain, client.id, token, app, io.err);
      return;
    }
    case 'install': {
      need(rest, 1, 'the client name');
      const app = installFlag(flags.app, '--app');
      if (!app) throw new UsageError('Give the AI client with --app APP.');
      const c = liveClient(rest[0]!);
      return install(cmd, keychain, c.id, await tokenOf(keychain, c.id, c.name, c.tokenHash), app, io.out);
    }
    case 'header':
      return printHeader(cmd, keychain);
    case 'undo-install': {
      const app = installFlag(flags.app, '--app');
      if (!app) throw new UsageError('Give the AI client with --app APP.');
      const journal = createInstallJournal(path.join(cmd.dataDir, INSTALL_JOURNAL_FILE));
      const last = await journal.latest(app);
      if (!last) throw new CliError(`This app has not changed ${CLIENT_SPECS[app].title}'s config, so there is nothing to undo.`);
      const r = await journal.undo(last.id);
      return io.out(r.restored === 'previous' ? `Restored ${r.path} as it was before.` : `Removed ${r.path} (this app had created it).`);
    }
    case 'rotate': {
      need(rest, 1, 'the client name');
      const app = installFlag(flags.install);
      const { client, token } = gov.rotateClient(clientOf(gov, rest[0]!).id);
      const kept = await replaceOnRotate(keychain, client.id, token);
      printToken(io, client.name, token);
      if (kept) io.err('Its keychain copy was replaced too: configs that read the token from the keychain keep working.');
      if (app) await install(cmd, keychain, client.id, token, app, io.err);
      return;
    }
    case 'revoke': {
      need(rest, 1, 'the client name');
      const c = gov.revokeClient(clientOf(gov, rest[0]!).id);
      const removed = await removeOnRevoke(keychain, c.id);
      return io.out(`Revoked "${c.name}": its token no longer works${removed ? ', its keychain copy is deleted' : ''} and its sessions are closed.`);
    }
    case 'bind': {
      need(rest, 1, 'the client name');
      const profile = profileFlag();
      const c = gov.bindClient(clientOf(gov, rest[0]!).id, profile.id);
      return io.out(`"${c.name}" now uses the access profile "${profile.name}".`);
    }
    case 'rename': {
      need(rest, 2, 'the client name and the new name');
      check('clients.rename', { id: 'x', name: rest[1] });
      const c = gov.renameClient(clientOf(gov, rest[0]!).id, rest[1]!);
      return io.out(`Renamed to "${c.name}".`);
    }
    default:
      throw new UsageError(`Unknown clients command "${verb ?? ''}".`);
  }
}

function installFlag(value: string | boolean | undefined, flag = '--install'): ClientApp | null {
  if (value === undefined) return null;
  const parsed = ClientApp.safeParse(value);
  if (!parsed.success) throw new UsageError(`${flag} takes one of: ${ClientApp.options.join(', ')}.`);
  return parsed.data;
}

/** The keychain copy (kept by an earlier keychain-based install), or PDMCP_CLIENT_TOKEN; never a command-line argument. */
async function tokenOf(keychain: ClientTokenKeychain, id: string, name: string, hash: string): Promise<string> {
  const kept = await keychain.read(id).catch(() => null);
  if (kept && hashClientToken(kept) === hash) return kept;
  const given = process.env.PDMCP_CLIENT_TOKEN;
  if (given && hashClientToken(given) === hash) return given;
  throw new CliError(
    `The token of "${name}" is not in the keychain (only its hash is kept). Put it in PDMCP_CLIENT_TOKEN and run this again, or get a new one with \`clients rotate ${JSON.stringify(name)} --install APP\`.`,
  );
}

function host(cmd: Cmd): HostInfo {
  const url = typeof cmd.flags.url === 'string' ? cmd.flags.url : gatewayUrl(cmd.settings.read().settings.mcpPort);
  // Started as Node by the app binary (ELECTRON_RUN_AS_NODE) or by node itself: the helper runs the same way.
  const env: Record<string, string> = process.versions.electron ? { ELECTRON_RUN_AS_NODE: '1' } : {};
  return { bridgeCommand: [process.execPath, path.join(here, 'bridge.js')], bridgeEnv: env, dataDir: cmd.dataDir, mcpUrl: url };
}

async function install(cmd: Cmd, keychain: ClientTokenKeychain, clientId: string, token: string, app: ClientApp, say: (t: string) => void): Promise<void> {
  const placementFlag = cmd.flags.placement;
  let requested: TokenPlacement | undefined;
  if (placementFlag !== undefined) {
    const parsed = TokenPlacement.safeParse(placementFlag);
    if (!parsed.success) throw new UsageError(`--placement takes one of: ${TokenPlacement.options.join(', ')}.`);
    requested = parsed.data;
  }
  const serverName = typeof cmd.flags['server-name'] === 'string' ? cmd.flags['server-name'] : 'pagerduty';
  const input = setupInput(host(cmd), clientId, token, serverName);
  const target = { ...input, app, placement: choosePlacement(app, requested, input) };
  const plan = await planInstall(target);
  if (plan.diff) say(plan.diff.trimEnd());
  if (cmd.flags['dry-run']) return say(plan.action === 'unchanged' ? `${plan.path} already has this entry; nothing to change.` : `Nothing written (--dry-run). This would ${plan.action === 'update' ? 'update the existing' : 'add the'} "${serverName}" entry in ${plan.path}.`);
  if (target.placement === 'keychain') await keychain.store(clientId, token);
  const journal = createInstallJournal(path.join(cmd.dataDir, INSTALL_JOURNAL_FILE));
  const r = await installClientConfig({ ...target, baseHash: plan.baseHash, journal });
  const verb = { create: 'Created', add: 'Added to', update: 'Updated the existing entry in', unchanged: 'Already up to date:' }[r.action];
  say(`${verb} ${r.path} (${PLACEMENT_LABELS[target.placement].short.toLowerCase()}).${r.backupPath ? ` The previous file is saved as ${r.backupPath}.` : ''}`);
  if (r.installId) say(`Undo with: clients undo-install --app ${app}`);
  const setup = clientSetups(input).find((s) => s.app === app && s.placement === target.placement);
  if (app === 'codex' && target.placement === 'keychain') {
    const line = setup?.snippets.find((s) => s.label === 'Shell profile');
    if (line) say(`Codex reads the header from ${tokenEnvVar(serverName)}. Add this line to ${line.where.replace(/^Your /, 'your ').replace(/, so.*$/, '')}:\n${line.text}`);
  }
  if (setup) say(setup.afterwards);
}

/** Claude Code's headersHelper (and Codex's shell profile line): prints this one client's header, read from the keychain. */
async function printHeader(cmd: Cmd, keychain: ClientTokenKeychain): Promise<void> {
  const { gov, io, flags, rest } = cmd;
  need(rest, 1, 'the client id');
  const c = gov.findClient(rest[0]!);
  if (!c || c.revoked) throw new CliError(`"${rest[0]}" is not a live client of this app. Set the AI client up again from the app.`);
  const asked = process.env.CLAUDE_CODE_MCP_SERVER_URL;
  const expected = typeof flags.url === 'string' ? flags.url : undefined;
  if (asked && !sameGateway(asked, expected)) {
    throw new CliError(`This helper gives the token of "${c.name}" only to the PagerDuty MCP gateway${expected ? ` at ${expected}` : ''}, not to ${asked}.`);
  }
  const token = await keychain.read(c.id);
  if (!token) throw new CliError(`The keychain has no token for "${c.name}". Use "Add to …" in the app again (or \`clients rotate ${JSON.stringify(c.name)} --install APP\`).`);
  if (hashClientToken(token) !== c.tokenHash) throw new CliError(`The keychain copy of "${c.name}"'s token is out of date. Rotate its token in the app and add it again.`);
  io.out(flags.format === 'value' ? `Bearer ${token}` : JSON.stringify({ Authorization: `Bearer ${token}` }));
}

function printToken(io: CliIo, name: string, token: string): void {
  io.out(token);
  io.err(`This is the token of "${name}". It is shown only once: put it in the AI client's config now as the header "Authorization: Bearer <token>".`);
}
