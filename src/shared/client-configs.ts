// Ready-to-paste configuration for each AI client, built from the gateway's status and a client token.
// Pure and shared: the window shows these snippets, and the one-click install (core/client-install)
// writes the very same entry into the client's own file, so what is shown is what gets written.
import type { ClientApp } from './model';

export interface ClientConfigInput {
  /** The key under the client's server map, e.g. "pagerduty". */
  serverName: string;
  mcpUrl: string;
  token: string;
  /** argv that starts our stdio bridge (status.gateway.bridgeCommand); for stdio-only clients. */
  bridgeCommand: string[];
  /** Extra environment the bridge command needs (status.gateway.bridgeEnv). */
  bridgeEnv?: Record<string, string>;
}

export interface ClientSnippet {
  /** A short label for a tab or heading, e.g. "Terminal" or ".mcp.json". */
  label: string;
  /** Where the text goes, said for a person. */
  where: string;
  language: 'json' | 'shell';
  text: string;
}

export interface ClientAppInfo {
  app: ClientApp;
  /** The product's own name, e.g. "Claude Desktop". */
  title: string;
  /** What to do after the config is in place. */
  afterwards: string;
  snippets: ClientSnippet[];
}

/** Which key of the client's config file holds the server map. */
export function serverMapKey(app: ClientApp): 'mcpServers' | 'servers' {
  return app === 'vscode' ? 'servers' : 'mcpServers';
}

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

/** The one entry this app needs under its server map (see serverMapKey). */
export function serverEntry(app: ClientApp, input: Omit<ClientConfigInput, 'serverName'>): Record<string, unknown> {
  switch (app) {
    case 'claude_desktop': {
      // claude_desktop_config.json only takes stdio commands ("url" entries are rejected), so it runs our
      // bridge, which forwards stdio to the local HTTP gateway; the token travels in the environment.
      const [command = 'node', ...args] = input.bridgeCommand;
      return { command, args: [...args, '--url', input.mcpUrl], env: { ...input.bridgeEnv, PDMCP_CLIENT_TOKEN: input.token } };
    }
    case 'claude_code':
      return { type: 'http', url: input.mcpUrl, headers: bearer(input.token) };
    case 'cursor':
      return { url: input.mcpUrl, headers: bearer(input.token) };
    case 'vscode':
      return { type: 'http', url: input.mcpUrl, headers: bearer(input.token) };
    case 'windsurf':
      // Windsurf names the HTTP endpoint `serverUrl`, not `url`.
      return { serverUrl: input.mcpUrl, headers: bearer(input.token) };
  }
}

/** The whole file content for a client that has none yet (also the paste-in snippet). */
export function configDocument(app: ClientApp, input: ClientConfigInput): Record<string, unknown> {
  return { [serverMapKey(app)]: { [input.serverName]: serverEntry(app, input) } };
}

const json = (value: unknown) => JSON.stringify(value, null, 2);

/** Quotes one argument for a POSIX shell (and keeps plain words readable). */
export function shellQuote(arg: string): string {
  return /^[A-Za-z0-9_./:@=+-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

export const CLIENT_APPS: readonly ClientApp[] = ['claude_desktop', 'claude_code', 'cursor', 'vscode', 'windsurf'];

export const CLIENT_TITLES: Record<ClientApp, string> = {
  claude_desktop: 'Claude Desktop',
  claude_code: 'Claude Code',
  cursor: 'Cursor',
  vscode: 'VS Code',
  windsurf: 'Windsurf',
};

/** Everything the window shows for one AI client: its name, the snippets, and what to do next. */
export function clientConfig(app: ClientApp, input: ClientConfigInput): ClientAppInfo {
  const doc = json(configDocument(app, input));
  const title = CLIENT_TITLES[app];
  switch (app) {
    case 'claude_desktop':
      return {
        app,
        title,
        afterwards: 'Quit and reopen Claude Desktop; it reads its config only at start.',
        snippets: [
          {
            label: 'claude_desktop_config.json',
            where: 'Settings → Developer → Edit Config (macOS: ~/Library/Application Support/Claude/claude_desktop_config.json; Windows: %APPDATA%\\Claude\\claude_desktop_config.json)',
            language: 'json',
            text: doc,
          },
        ],
      };
    case 'claude_code':
      return {
        app,
        title,
        afterwards: 'Run /mcp in Claude Code to check that the server is connected.',
        snippets: [
          {
            label: 'Terminal',
            where: 'Run once in a terminal (adds the server for every project of this user)',
            language: 'shell',
            text: `claude mcp add --transport http --scope user ${shellQuote(input.serverName)} ${shellQuote(input.mcpUrl)} --header "Authorization: Bearer ${input.token}"`,
          },
          { label: '.mcp.json', where: 'A project’s .mcp.json (shared with the project: prefer the terminal command for a personal token)', language: 'json', text: doc },
        ],
      };
    case 'cursor':
      return {
        app,
        title,
        afterwards: 'Open Cursor Settings → MCP and switch the server on.',
        snippets: [{ label: 'mcp.json', where: '~/.cursor/mcp.json', language: 'json', text: doc }],
      };
    case 'vscode':
      return {
        app,
        title,
        afterwards: 'Run "MCP: List Servers" in VS Code and start the server.',
        snippets: [{ label: 'mcp.json', where: 'Command palette → "MCP: Open User Configuration" (user mcp.json)', language: 'json', text: doc }],
      };
    case 'windsurf':
      return {
        app,
        title,
        afterwards: 'Press Refresh in Windsurf’s MCP panel.',
        snippets: [{ label: 'mcp_config.json', where: '~/.codeium/windsurf/mcp_config.json', language: 'json', text: doc }],
      };
  }
}

export function allClientConfigs(input: ClientConfigInput): ClientAppInfo[] {
  return CLIENT_APPS.map((app) => clientConfig(app, input));
}
