// `npm run cli -- …`: governance from a terminal. It works on the same data folder as the app and
// `serve` — also while they run: every write goes through the SettingsStore, and a running server
// picks it up from the file watch at once. All rules live in core/governance; this file only parses
// arguments and prints.
import { parseArgs } from 'node:util';
import { ContractError } from '../../shared/contract';
import { ClientApp } from '../../shared/model';
import { catalog as defaultCatalog, type ToolDefinition } from '../core/catalog';
import { createGovernance } from '../core/governance';
import { createConfBackend, createSettingsStore } from '../core/settings';
import { defaultDataDir } from './paths';
import { auditCommand } from './cli-commands/audit';
import { clientsCommand } from './cli-commands/clients';
import { profilesCommand } from './cli-commands/profiles';
import { CliError, UsageError, type CliIo } from './cli-commands/shared';
import { toolsCommand } from './cli-commands/tools';
import { toolsetsCommand } from './cli-commands/toolsets';

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
  clients add NAME --profile P [--install APP]                 clients bind NAME --profile P
  clients install NAME --app APP [--placement keychain|client_prompt|file] [--dry-run]
  clients undo-install --app APP         clients header ID [--url URL] [--format value]
  clients rotate NAME [--install APP]    clients revoke NAME       clients rename NAME NEW
  audit tail [-n N] [--json]             audit verify
  audit export --format jsonl|csv --out FILE
  help

Names may be given as shown by "list" (case does not matter) or as ids.
--data-dir defaults to the desktop app's data folder.
APP is one of: ${ClientApp.options.join(', ')}. --install/--app print the change as a diff and keep a backup;
--url sets the gateway URL the client gets (default http://127.0.0.1:<mcpPort>/mcp).`;


export type { CliIo } from './cli-commands/shared';

const processIo: CliIo = {
  out: (t) => process.stdout.write(`${t}\n`),
  err: (t) => process.stderr.write(`${t}\n`),
};

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
        install: { type: 'string' },
        app: { type: 'string' },
        placement: { type: 'string' },
        'dry-run': { type: 'boolean' },
        url: { type: 'string' },
        'server-name': { type: 'string' },
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
    const cmd = { gov, io, flags, verb, rest, dataDir, settings };
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
        await clientsCommand(cmd);
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

if (process.argv[1] && /cli\.(js|ts)$/.test(process.argv[1])) {
  process.exitCode = await main(process.argv.slice(2));
}
