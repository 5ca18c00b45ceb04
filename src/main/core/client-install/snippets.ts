// Ready-to-paste configuration for every AI client and every way it can hold the token, built from
// the very entries "Add to …" writes (shared/client-configs), with this machine's file paths.
import {
  CLIENT_APPS,
  CLIENT_SPECS,
  serverEntry,
  shellQuote,
  tokenEnvVar,
  vscodeTokenInput,
  type ClientSetup,
  type ClientSnippet,
  type ServerEntryInput,
} from '../../../shared/client-configs';
import type { ClientApp, TokenPlacement } from '../../../shared/model';
import { locate } from './plan';
import { tomlDocument } from './toml-edit';

export interface SnippetInput extends ServerEntryInput {
  /** The helper printing only "Bearer …", for an environment variable (Codex). */
  headerValueCommand?: string | null;
  home?: string;
  platform?: NodeJS.Platform;
  env?: NodeJS.ProcessEnv;
}

const json = (value: unknown) => JSON.stringify(value, null, 2);

const AFTERWARDS: Record<ClientApp, string> = {
  claude_desktop: 'Quit and reopen Claude Desktop; it reads its config only at start.',
  claude_code: 'Run /mcp in Claude Code to check that the server is connected.',
  cursor: 'Open Cursor Settings → MCP and switch the server on.',
  vscode: 'Run "MCP: List Servers" in VS Code and start the server.',
  windsurf: 'Press Refresh in Windsurf’s MCP panel.',
  codex: 'Start a new Codex session (codex) and type /mcp to see the server.',
  gemini_cli: 'Restart Gemini CLI and run /mcp to check the server.',
  zed: 'Zed picks the change up by itself: open the Agent panel’s settings to see the server.',
  cline: 'Open Cline’s MCP Servers panel; the server appears under Installed.',
};

function snippetsFor(app: ClientApp, placement: TokenPlacement, input: SnippetInput, path: string): ClientSnippet[] {
  const spec = CLIENT_SPECS[app];
  const entry = serverEntry(app, input, placement);
  const name = input.serverName;
  const file = path.split(/[\\/]/).pop()!;
  const doc = { [spec.mapKey]: { [name]: entry } };
  const jsonDoc: ClientSnippet = { label: file, where: path, language: 'json', text: json(doc) };
  switch (app) {
    case 'claude_code': {
      const terminal =
        placement === 'keychain'
          ? `claude mcp add-json --scope user ${shellQuote(name)} ${shellQuote(JSON.stringify(entry))}`
          : `claude mcp add --transport http --scope user ${shellQuote(name)} ${shellQuote(input.mcpUrl)} --header "Authorization: Bearer ${input.token}"`;
      return [
        { label: 'Terminal', where: 'Run once in a terminal (adds the server for every project of this user)', language: 'shell', text: terminal },
        { label: '.mcp.json', where: 'A project’s .mcp.json (shared with the project: prefer the terminal command for a personal token)', language: 'json', text: json(doc) },
      ];
    }
    case 'vscode':
      return [{ ...jsonDoc, where: `Command palette → "MCP: Open User Configuration" (${path})`, text: json(placement === 'client_prompt' ? { ...doc, inputs: [vscodeTokenInput(name)] } : doc) }];
    case 'codex': {
      const toml: ClientSnippet = { label: file, where: path, language: 'toml', text: tomlDocument(spec.mapKey, name, entry) };
      if (placement !== 'keychain' || !input.headerValueCommand) return [toml];
      const variable = tokenEnvVar(name);
      const profile =
        input.platform === 'win32'
          ? { where: 'Your PowerShell profile ($PROFILE), so every new terminal has it', text: `$env:${variable} = (cmd /c '${input.headerValueCommand.replace(/'/g, "''")}')` }
          : { where: 'Your shell profile (~/.zshrc or ~/.bashrc), so every new terminal has it', text: `export ${variable}="$(${input.headerValueCommand})"` };
      return [toml, { label: 'Shell profile', language: 'shell', ...profile }];
    }
    case 'gemini_cli':
      return [
        jsonDoc,
        {
          label: 'Terminal',
          where: 'Or run once in a terminal',
          language: 'shell',
          text: `gemini mcp add --scope user --transport http --header "Authorization: Bearer ${input.token}" ${shellQuote(name)} ${shellQuote(input.mcpUrl)}`,
        },
      ];
    case 'claude_desktop':
      return [{ ...jsonDoc, where: `Settings → Developer → Edit Config (${path})` }];
    case 'zed':
      return [{ ...jsonDoc, where: `zed: open settings (${path}) — merge into the existing settings` }];
    case 'cline':
      return [{ ...jsonDoc, where: `Cline → MCP Servers → Configure → Configure MCP Servers (${path})` }];
    case 'cursor':
    case 'windsurf':
      return [jsonDoc];
  }
}

/** Every client × every placement it offers (the recommended one first), for the token dialog. */
export function clientSetups(input: SnippetInput): ClientSetup[] {
  return CLIENT_APPS.flatMap((app) => {
    const spec = CLIENT_SPECS[app];
    const path = locate({ app, home: input.home, platform: input.platform, env: input.env });
    return spec.placements
      .filter((placement) => placement !== 'keychain' || Boolean(input.headersHelper))
      .map((placement) => ({
        app,
        title: spec.title,
        placement,
        placements: [...spec.placements].filter((p) => p !== 'keychain' || Boolean(input.headersHelper)),
        path,
        afterwards: AFTERWARDS[app],
        snippets: snippetsFor(app, placement, input, path),
      }));
  });
}
