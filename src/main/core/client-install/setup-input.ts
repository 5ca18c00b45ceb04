// Everything an AI client's entry is built from, for one client: the gateway URL, the token, and the
// helper commands that read the token from the keychain. Shared by the contract handlers and the CLI.
import { CLIENT_SPECS } from '../../../shared/client-configs';
import type { ClientApp, TokenPlacement } from '../../../shared/model';
import type { SnippetInput } from './snippets';
import { headerCommand } from './helper-command';

export interface HostInfo {
  /** argv of the stdio bridge (the CLI entry is found beside it). */
  bridgeCommand: string[];
  bridgeEnv: Record<string, string>;
  dataDir: string;
  mcpUrl: string;
  platform?: NodeJS.Platform;
  home?: string;
  env?: NodeJS.ProcessEnv;
}

export function setupInput(host: HostInfo, clientId: string, token: string, serverName: string): SnippetInput {
  const helper = { bridgeCommand: host.bridgeCommand, env: host.bridgeEnv, dataDir: host.dataDir, clientId, mcpUrl: host.mcpUrl, platform: host.platform ?? process.platform };
  return {
    serverName,
    mcpUrl: host.mcpUrl,
    token,
    bridgeCommand: host.bridgeCommand,
    bridgeEnv: host.bridgeEnv,
    headersHelper: headerCommand(helper, 'json'),
    headerValueCommand: headerCommand(helper, 'value'),
    platform: host.platform,
    home: host.home,
    env: host.env,
  };
}

/** The placement asked for, or the client's recommended one this build can offer. */
export function choosePlacement(app: ClientApp, requested: TokenPlacement | undefined, input: SnippetInput): TokenPlacement {
  if (requested) return requested;
  return CLIENT_SPECS[app].placements.find((p) => p !== 'keychain' || Boolean(input.headersHelper)) ?? 'file';
}
