// The command an AI client runs to get its Authorization header from the OS keychain: this app's own
// CLI (`clients header`), started the way the stdio bridge is started (same runtime, same folder of
// built entries), on this core's data folder. Pure: everything comes in as arguments.
import path from 'node:path';
import { shellQuote } from '../../../shared/client-configs';

export interface HelperCommandInput {
  /** argv that starts the stdio bridge (platform.bridgeCommand()); the CLI entry sits beside it. */
  bridgeCommand: string[];
  /** Environment the runtime needs (ELECTRON_RUN_AS_NODE=1 when the app binary runs as Node). */
  env: Record<string, string>;
  dataDir: string;
  clientId: string;
  mcpUrl: string;
  platform: NodeJS.Platform;
}

/** argv of this app's CLI, or null when the build has no bridge entry to find it by. */
export function cliArgv(bridgeCommand: string[]): string[] | null {
  const [runtime, entry] = bridgeCommand;
  if (!runtime || !entry || !/bridge\.(js|mjs|cjs)$/.test(entry)) return null;
  const join = /^[A-Za-z]:\\/.test(entry) ? path.win32.join : path.posix.join;
  const dirname = /^[A-Za-z]:\\/.test(entry) ? path.win32.dirname : path.posix.dirname;
  return [runtime, join(dirname(entry), 'cli.js')];
}

// cmd.exe runs Claude Code's helper on Windows: double quotes, and `set "K=V" &&` for the environment.
const cmdQuote = (arg: string) => (/^[A-Za-z0-9_./:@=+\\-]+$/.test(arg) ? arg : `"${arg.replace(/"/g, '""')}"`);

/** One shell command line; `value` prints only "Bearer …" (for an environment variable) instead of JSON. */
export function headerCommand(input: HelperCommandInput, format: 'json' | 'value' = 'json'): string | null {
  const cli = cliArgv(input.bridgeCommand);
  if (!cli) return null;
  const argv = [...cli, '--data-dir', input.dataDir, 'clients', 'header', input.clientId, '--url', input.mcpUrl, ...(format === 'value' ? ['--format', 'value'] : [])];
  if (input.platform === 'win32') {
    const env = Object.entries(input.env).map(([k, v]) => `set "${k}=${v}" && `);
    return `${env.join('')}${argv.map(cmdQuote).join(' ')}`;
  }
  const env = Object.entries(input.env).map(([k, v]) => `${k}=${shellQuote(v)} `);
  return `${env.join('')}${argv.map(shellQuote).join(' ')}`;
}
