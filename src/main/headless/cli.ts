// `npm run cli -- …`: governance from a terminal. It works on the same data folder as the app and
// `serve` — also while they run: every write goes through the SettingsStore, and a running server
// picks it up from the file watch at once. All rules live in core/governance; this file only parses
// arguments and prints.
import { parseArgs } from 'node:util';
import { calls, ContractError } from '../../shared/contract';
import type { ApprovalState } from '../../shared/model';
import { openAuditLog } from '../core/audit';
import { catalog as defaultCatalog, type ToolDefinition } from '../core/catalog';
import { createGovernance, type Governance } from '../core/governance';
import { createConfBackend, createSettingsStore } from '../core/settings';
import { defaultDataDir } from './paths';
import path from 'node:path';

export const USAGE = `Usage: pagerduty-mcp-cli [--data-dir DIR] <command>

  tools list [--json]
  tools approve|ask|deny|pending NAME… | --all-read | --all
  toolsets list [--json]
  toolsets create NAME [--tools a,b]     toolsets add|remove NAME TOOL…
  toolsets rename NAME NEW               toolsets delete NAME
  profiles list [--json]
  profiles create NAME [--toolsets a,b]  profiles add-toolset|remove-toolset NAME TOOLSET…
  profiles rename NAME NEW               profiles delete NAME
  clients list [--json]
  clients add NAME --profile P           clients bind NAME --profile P
  clients rotate NAME                    clients revoke NAME       clients rename NAME NEW
  audit tail [-n N] [--json]             audit verify
  audit export --format jsonl|csv --out FILE
  help

Names may be given as shown by "list" (case does not matter) or as ids.
--data-dir defaults to the desktop app's data folder.`;

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

const processIo: CliIo = {
  out: (t) => process.stdout.write(`${t}\n`),
  err: (t) => process.stderr.write(`${t}\n`),
};

class UsageError extends Error {}
class CliError extends Error {}

const STATE_VERBS: Record<string, ApprovalState> = { approve: 'approved', ask: 'ask_each_time', deny: 'denied', pending: 'pending_review' };

function list(raw: string | undefined): string[] {
  return (raw ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Validates with the contract's own schema, so the CLI accepts exactly what the app accepts. */
function check<K extends keyof typeof calls>(name: K, args: unknown): void {
  const parsed = calls[name].args.safeParse(args);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new CliError(issue.message);
  }
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).join('  ')).join('\n');
}

export async function main(argv: string[], io: CliIo = processIo, options: { catalog?: readonly ToolDefinition<any>[] } = {}): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        'data-dir': { type: 'string' },
        json: { type: 'boolean' },
        'all-read': { type: 'boolean' },
        all: { type: 'boolean' },
        tools: { type: 'string' },
        toolsets: { type: 'string' },
        profile: { type: 'string' },
        n: { type: 'string', short: 'n' },
        format: { type: 'string' },
        out: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    io.err(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    return 2;
  }
  const { values: flags, positionals } = parsed;
  const [group, verb, ...rest] = positionals;
  if (flags.help || group === 'help' || group === undefined) {
    (group === undefined && !flags.help ? io.err : io.out)(USAGE);
    return group === undefined && !flags.help ? 2 : 0;
  }

  const dataDir = flags['data-dir'] ?? defaultDataDir();
  const settings = createSettingsStore(createConfBackend(dataDir));
  try {
    const gov = createGovernance({ settings, catalog: options.catalog ?? defaultCatalog });
    gov.discover();
    const cmd = { gov, io, flags, verb, rest, dataDir };
    switch (group) {
      case 'tools':
        toolsCommand(cmd);
        break;
      case 'toolsets':
        toolsetsCommand(cmd);
        break;
      case 'profiles':
        profilesCommand(cmd);
        break;
      case 'clients':
        clientsCommand(cmd);
        break;
      case 'audit':
        await auditCommand(cmd);
        break;
      default:
        throw new UsageError(`Unknown command "${group}".`);
    }
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`${error.message}\n\n${USAGE}`);
      return 2;
    }
    io.err(`Error: ${error instanceof Error ? error.message : String(error)}`);
    return error instanceof CliError || error instanceof ContractError ? 1 : 1;
  } finally {
    settings.close();
  }
}

interface Cmd {
  gov: Governance;
  io: CliIo;
  flags: Record<string, string | boolean | undefined>;
  verb: string | undefined;
  rest: string[];
  dataDir: string;
}

function need(rest: string[], count: number, what: string): void {
  if (rest.length < count) throw new UsageError(`Missing ${what}.`);
}

function toolsetOf(gov: Governance, ref: string) {
  const set = gov.findToolset(ref);
  if (!set) throw new CliError(`There is no toolset "${ref}". See \`toolsets list\`.`);
  return set;
}
function profileOf(gov: Governance, ref: string) {
  const p = gov.findProfile(ref);
  if (!p) throw new CliError(`There is no access profile "${ref}". See \`profiles list\`.`);
  return p;
}
function clientOf(gov: Governance, ref: string) {
  const c = gov.findClient(ref);
  if (!c) throw new CliError(`There is no client "${ref}". See \`clients list\`.`);
  return c;
}

function toolsCommand({ gov, io, flags, verb, rest }: Cmd): void {
  if (verb === 'list') {
    const views = gov.toolViews();
    if (flags.json) return io.out(JSON.stringify(views.map(({ inputSchema: _s, ...v }) => v), null, 2));
    return io.out(
      table([
        ['NAME', 'CLASS', 'STATE', 'NOTE'],
        ...views.map((v) => [v.name, v.toolClass, v.approvalState, v.changeHint ?? '']),
      ]),
    );
  }
  const state = verb ? STATE_VERBS[verb] : undefined;
  if (!state) throw new UsageError(`Unknown tools command "${verb ?? ''}".`);
  let names = rest;
  if (flags.all) names = gov.catalog.map((t) => t.name);
  else if (flags['all-read']) names = gov.catalog.filter((t) => t.toolClass === 'read').map((t) => t.name);
  if (names.length === 0) throw new UsageError('Name at least one tool, or use --all-read / --all.');
  const views = gov.setToolStates(names, state);
  io.out(`${views.length} tool${views.length === 1 ? '' : 's'} set to ${state}.`);
}

function toolsetsCommand({ gov, io, flags, verb, rest }: Cmd): void {
  switch (verb) {
    case 'list': {
      const sets = gov.toolsets();
      if (flags.json) return io.out(JSON.stringify(sets, null, 2));
      return io.out(table([['NAME', 'ID', 'TOOLS'], ...sets.map((s) => [s.name, s.id, String(s.tools.length)])]));
    }
    case 'create': {
      need(rest, 1, 'the toolset name');
      const tools = list(flags.tools as string | undefined);
      check('toolsets.create', { name: rest[0], tools });
      const set = gov.createToolset({ name: rest[0]!, tools });
      return io.out(`Created toolset "${set.name}" (${set.id}) with ${set.tools.length} tools.`);
    }
    case 'add':
    case 'remove': {
      need(rest, 2, 'the toolset name and at least one tool');
      const set = toolsetOf(gov, rest[0]!);
      const names = rest.slice(1);
      const tools = verb === 'add' ? [...set.tools, ...names] : set.tools.filter((t) => !names.includes(t));
      if (verb === 'remove') {
        const absent = names.filter((n) => !set.tools.includes(n));
        if (absent.length) throw new CliError(`"${set.name}" does not contain ${absent.join(', ')}.`);
      }
      const next = gov.updateToolset({ id: set.id, tools });
      return io.out(`Toolset "${next.name}" now has ${next.tools.length} tools.`);
    }
    case 'rename': {
      need(rest, 2, 'the toolset name and the new name');
      check('toolsets.update', { id: 'x', name: rest[1] });
      const next = gov.updateToolset({ id: toolsetOf(gov, rest[0]!).id, name: rest[1]! });
      return io.out(`Renamed to "${next.name}".`);
    }
    case 'delete': {
      need(rest, 1, 'the toolset name');
      const set = toolsetOf(gov, rest[0]!);
      gov.deleteToolset(set.id);
      return io.out(`Deleted toolset "${set.name}".`);
    }
    default:
      throw new UsageError(`Unknown toolsets command "${verb ?? ''}".`);
  }
}

function profilesCommand({ gov, io, flags, verb, rest }: Cmd): void {
  switch (verb) {
    case 'list': {
      const profiles = gov.profiles();
      if (flags.json) return io.out(JSON.stringify(profiles, null, 2));
      const names = new Map(gov.toolsets().map((t) => [t.id, t.name]));
      return io.out(table([['NAME', 'ID', 'TOOLSETS'], ...profiles.map((p) => [p.name, p.id, p.toolsetIds.map((id) => names.get(id) ?? id).join(', ')])]));
    }
    case 'create': {
      need(rest, 1, 'the profile name');
      const toolsetIds = list(flags.toolsets as string | undefined).map((ref) => toolsetOf(gov, ref).id);
      check('profiles.create', { name: rest[0], toolsetIds });
      const p = gov.createProfile({ name: rest[0]!, toolsetIds });
      return io.out(`Created access profile "${p.name}" (${p.id}).`);
    }
    case 'add-toolset':
    case 'remove-toolset': {
      need(rest, 2, 'the profile name and at least one toolset');
      const p = profileOf(gov, rest[0]!);
      const ids = rest.slice(1).map((ref) => toolsetOf(gov, ref).id);
      const toolsetIds = verb === 'add-toolset' ? [...p.toolsetIds, ...ids] : p.toolsetIds.filter((id) => !ids.includes(id));
      const next = gov.updateProfile({ id: p.id, toolsetIds });
      return io.out(`Access profile "${next.name}" now has ${next.toolsetIds.length} toolsets.`);
    }
    case 'rename': {
      need(rest, 2, 'the profile name and the new name');
      check('profiles.update', { id: 'x', name: rest[1] });
      const next = gov.updateProfile({ id: profileOf(gov, rest[0]!).id, name: rest[1]! });
      return io.out(`Renamed to "${next.name}".`);
    }
    case 'delete': {
      need(rest, 1, 'the profile name');
      const p = profileOf(gov, rest[0]!);
      gov.deleteProfile(p.id);
      return io.out(`Deleted access profile "${p.name}".`);
    }
    default:
      throw new UsageError(`Unknown profiles command "${verb ?? ''}".`);
  }
}

function clientsCommand({ gov, io, flags, verb, rest }: Cmd): void {
  const profileFlag = () => {
    if (typeof flags.profile !== 'string') throw new UsageError('Give the access profile with --profile NAME.');
    return profileOf(gov, flags.profile);
  };
  switch (verb) {
    case 'list': {
      const clients = gov.clientViews();
      if (flags.json) return io.out(JSON.stringify(clients, null, 2));
      const names = new Map(gov.profiles().map((p) => [p.id, p.name]));
      return io.out(
        table([
          ['NAME', 'ID', 'PROFILE', 'LAST SEEN', 'STATUS'],
          ...clients.map((c) => [c.name, c.id, names.get(c.profileId) ?? c.profileId, c.lastSeenAt ?? 'never', c.revoked ? 'revoked' : 'active']),
        ]),
      );
    }
    case 'add': {
      need(rest, 1, 'the client name');
      const profile = profileFlag();
      check('clients.create', { name: rest[0], profileId: profile.id });
      const { client, token } = gov.createClient({ name: rest[0]!, profileId: profile.id });
      return printToken(io, client.name, token);
    }
    case 'rotate': {
      need(rest, 1, 'the client name');
      const { client, token } = gov.rotateClient(clientOf(gov, rest[0]!).id);
      return printToken(io, client.name, token);
    }
    case 'revoke': {
      need(rest, 1, 'the client name');
      const c = gov.revokeClient(clientOf(gov, rest[0]!).id);
      return io.out(`Revoked "${c.name}": its token no longer works and its sessions are closed.`);
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

function printToken(io: CliIo, name: string, token: string): void {
  io.out(token);
  io.err(`This is the token of "${name}". It is shown only once: put it in the AI client's config now as the header "Authorization: Bearer <token>".`);
}

async function auditCommand({ io, flags, verb, dataDir }: Cmd): Promise<void> {
  if (verb !== 'tail' && verb !== 'verify' && verb !== 'export') throw new UsageError(`Unknown audit command "${verb ?? ''}".`);
  let format: 'jsonl' | 'csv' = 'jsonl';
  let count = 20;
  if (verb === 'export') {
    if (flags.format !== 'jsonl' && flags.format !== 'csv') throw new UsageError('Give --format jsonl or --format csv.');
    if (typeof flags.out !== 'string') throw new UsageError('Give the file to write with --out FILE.');
    format = flags.format;
  }
  if (verb === 'tail' && flags.n !== undefined) {
    count = Number(flags.n);
    if (!Number.isInteger(count) || count < 1 || count > 500) throw new CliError('-n takes a whole number from 1 to 500.');
  }
  // Retention is the running app's job; the CLI only reads (and must never delete a segment).
  const audit = await openAuditLog({ dir: path.join(dataDir, 'audit'), retentionDays: 1_000_000 });
  try {
    if (verb === 'verify') {
      const result = await audit.verify();
      io.out(result.message);
      if (!result.ok) throw new CliError(`The audit chain is broken at entry ${result.brokenAt}.`);
      return;
    }
    if (verb === 'export') {
      const result = await audit.export(format, {}, path.resolve(flags.out as string));
      io.out(`Wrote ${result.count} entries to ${result.path}.`);
      return;
    }
    const page = await audit.query({ limit: count });
    const entries = [...page.entries].sort((a, b) => a.seq - b.seq);
    if (flags.json) return io.out(entries.map((e) => JSON.stringify(e)).join('\n'));
    if (entries.length === 0) return io.out('The audit log is empty.');
    io.out(
      table([
        ['SEQ', 'TIME', 'CLIENT', 'TOOL', 'DECISION', 'OUTCOME', 'MS'],
        ...entries.map((e) => [String(e.seq), e.time, e.clientName ?? '-', e.tool, e.decision, e.outcome, String(Math.round(e.durationMs))]),
      ]),
    );
  } finally {
    await audit.close();
  }
}

if (process.argv[1] && /cli\.(js|ts)$/.test(process.argv[1])) {
  process.exitCode = await main(process.argv.slice(2));
}
