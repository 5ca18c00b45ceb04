// The AI clients this app can set up, and the one server entry each of them reads. Pure and shared:
// the core builds the paste-in snippets and the one-click install (core/client-install) from these
// very entries, so what the window shows is what gets written.
import { z } from 'zod';
import { ClientApp, TokenPlacement } from './model';

export type ConfigFormat = 'json' | 'jsonc' | 'toml';

export interface ClientAppSpec {
  title: string;
  /**
   * How the client reads its file: `json` strictly (comments would break the client, so a file with
   * them is refused), `jsonc` with comments and trailing commas (kept as they are), `toml`.
   */
  format: ConfigFormat;
  /** The key of the server map in the client's file. */
  mapKey: string;
  /** Where the token can live for this client, the recommended first; `file` is always the fallback. */
  placements: readonly TokenPlacement[];
}

export const CLIENT_SPECS: Record<ClientApp, ClientAppSpec> = {
  claude_desktop: { title: 'Claude Desktop', format: 'json', mapKey: 'mcpServers', placements: ['file'] },
  claude_code: { title: 'Claude Code', format: 'json', mapKey: 'mcpServers', placements: ['keychain', 'file'] },
  cursor: { title: 'Cursor', format: 'json', mapKey: 'mcpServers', placements: ['file'] },
  vscode: { title: 'VS Code', format: 'jsonc', mapKey: 'servers', placements: ['client_prompt', 'file'] },
  windsurf: { title: 'Windsurf', format: 'json', mapKey: 'mcpServers', placements: ['file'] },
  codex: { title: 'Codex CLI', format: 'toml', mapKey: 'mcp_servers', placements: ['keychain', 'file'] },
  // Gemini CLI strips comments from settings.json before parsing; Zed's settings are JSONC.
  gemini_cli: { title: 'Gemini CLI', format: 'jsonc', mapKey: 'mcpServers', placements: ['file'] },
  zed: { title: 'Zed', format: 'jsonc', mapKey: 'context_servers', placements: ['file'] },
  // Cline reads cline_mcp_settings.json with JSON.parse.
  cline: { title: 'Cline', format: 'json', mapKey: 'mcpServers', placements: ['file'] },
};

export const CLIENT_APPS = ClientApp.options;

export const CLIENT_TITLES = Object.fromEntries(CLIENT_APPS.map((app) => [app, CLIENT_SPECS[app].title])) as Record<ClientApp, string>;

export const recommendedPlacement = (app: ClientApp): TokenPlacement => CLIENT_SPECS[app].placements[0]!;

export function checkPlacement(app: ClientApp, placement: TokenPlacement): void {
  if (!CLIENT_SPECS[app].placements.includes(placement)) {
    const others = CLIENT_SPECS[app].placements.join(' or ');
    throw new Error(`${CLIENT_SPECS[app].title} cannot keep the token that way; use ${others}.`);
  }
}

export interface ServerEntryInput {
  mcpUrl: string;
  token: string;
  /** The server's key in the client's map, e.g. "pagerduty". */
  serverName: string;
  /** argv that starts our stdio bridge (status.gateway.bridgeCommand); for stdio-only clients. */
  bridgeCommand: string[];
  /** Extra environment the bridge command needs (status.gateway.bridgeEnv). */
  bridgeEnv?: Record<string, string>;
  /** Shell command printing this client's header as JSON, read from the keychain (Claude Code's headersHelper). */
  headersHelper?: string | null;
}

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

/** The environment variable Codex reads the Authorization header from (env_http_headers). */
export function tokenEnvVar(serverName: string): string {
  return `PDMCP_${serverName.toUpperCase().replace(/[^A-Z0-9]/g, '_')}_AUTHORIZATION`;
}

/** The id of the VS Code `inputs` entry that prompts for the token once. */
export const vscodeInputId = (serverName: string) => `${serverName}-token`;

/** VS Code's `inputs` item: VS Code asks for the token once and keeps it in its secret storage. */
export function vscodeTokenInput(serverName: string): Record<string, unknown> {
  return {
    type: 'promptString',
    id: vscodeInputId(serverName),
    description: 'Client token for PagerDuty MCP (shown once by the PagerDuty MCP app)',
    password: true,
  };
}

/** The one entry this app needs under the client's server map (CLIENT_SPECS[app].mapKey). */
export function serverEntry(app: ClientApp, input: ServerEntryInput, placement: TokenPlacement = recommendedPlacement(app)): Record<string, unknown> {
  checkPlacement(app, placement);
  switch (app) {
    case 'claude_desktop': {
      // claude_desktop_config.json only takes stdio commands ("url" entries are rejected), so it runs our
      // bridge, which forwards stdio to the local HTTP gateway; the token travels in the environment.
      const [command = 'node', ...args] = input.bridgeCommand;
      return { command, args: [...args, '--url', input.mcpUrl], env: { ...input.bridgeEnv, PDMCP_CLIENT_TOKEN: input.token } };
    }
    case 'claude_code':
      if (placement === 'keychain') {
        if (!input.headersHelper) throw new Error('The keychain helper command is not available in this build; keep the token in the file instead.');
        return { type: 'http', url: input.mcpUrl, headersHelper: input.headersHelper };
      }
      return { type: 'http', url: input.mcpUrl, headers: bearer(input.token) };
    case 'cursor':
      return { url: input.mcpUrl, headers: bearer(input.token) };
    case 'vscode':
      return {
        type: 'http',
        url: input.mcpUrl,
        headers: placement === 'client_prompt' ? { Authorization: `Bearer \${input:${vscodeInputId(input.serverName)}}` } : bearer(input.token),
      };
    case 'windsurf':
      // Windsurf names the HTTP endpoint `serverUrl`, not `url`.
      return { serverUrl: input.mcpUrl, headers: bearer(input.token) };
    case 'codex':
      // Codex ignores a `headers` table: literal headers are `http_headers`, env-sourced ones `env_http_headers`.
      return placement === 'keychain'
        ? { url: input.mcpUrl, env_http_headers: { Authorization: tokenEnvVar(input.serverName) } }
        : { url: input.mcpUrl, http_headers: bearer(input.token) };
    case 'gemini_cli':
      // Gemini CLI's `url` means the old SSE transport; Streamable HTTP is `httpUrl`.
      return { httpUrl: input.mcpUrl, headers: bearer(input.token) };
    case 'zed':
      return { url: input.mcpUrl, headers: bearer(input.token) };
    case 'cline':
      // Without an explicit type Cline takes a `url` entry for the deprecated SSE transport.
      return { type: 'streamableHttp', url: input.mcpUrl, headers: bearer(input.token), disabled: false };
  }
}

/** Quotes one argument for a POSIX shell (and keeps plain words readable). */
export function shellQuote(arg: string): string {
  return /^[A-Za-z0-9_./:@=+-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

// What the window shows for one AI client (built by the core, which alone knows paths and commands).
export const ClientSnippet = z.object({
  /** A short label for a heading, e.g. "Terminal" or "config.toml". */
  label: z.string(),
  /** Where the text goes, said for a person. */
  where: z.string(),
  language: z.enum(['json', 'toml', 'shell']),
  text: z.string(),
});
export type ClientSnippet = z.infer<typeof ClientSnippet>;

export const ClientSetup = z.object({
  app: ClientApp,
  title: z.string(),
  placement: TokenPlacement,
  placements: z.array(TokenPlacement),
  /** The config file "Add to …" edits, on this machine. */
  path: z.string(),
  /** What to do after the config is in place. */
  afterwards: z.string(),
  snippets: z.array(ClientSnippet),
});
export type ClientSetup = z.infer<typeof ClientSetup>;

/** How each placement is offered, said for a person. */
export const PLACEMENT_LABELS: Record<TokenPlacement, { short: string; long: string }> = {
  keychain: { short: 'Token in the keychain', long: 'The config holds no token: it runs this app’s CLI, which reads the token from your OS keychain.' },
  client_prompt: { short: 'Client asks once', long: 'The config holds no token: the client asks for it once and keeps it in its own secret storage.' },
  file: { short: 'Token in the file (fallback)', long: 'Fallback: the token is written in plain text into the config file (readable only by you).' },
};

export const InstallAction = z.enum(['create', 'add', 'update', 'unchanged']);

/** What "Add to …" would change, shown before anything is written. */
export const InstallPreview = z.object({
  path: z.string(),
  action: InstallAction,
  placement: TokenPlacement,
  /** Unified diff of the file now → after (the token masked); empty when nothing changes. */
  diff: z.string(),
  /** Pass back to clients.install: the write is refused if the file changed after this preview. */
  baseHash: z.string().nullable(),
});
export type InstallPreview = z.infer<typeof InstallPreview>;

export const InstallOutcome = z.object({
  path: z.string(),
  backupPath: z.string().nullable(),
  action: InstallAction,
  /** For clients.undoInstall; null when nothing was written. */
  installId: z.string().nullable(),
});
export type InstallOutcome = z.infer<typeof InstallOutcome>;
