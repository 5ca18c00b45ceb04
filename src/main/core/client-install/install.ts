// One-click "add to this client": puts our server entry into the AI client's own config file, keeping
// every other server and setting it has.
import fs from 'node:fs/promises';
import os from 'node:os';
import { serverEntry, serverMapKey } from '../../../shared/client-configs';
import { ContractError } from '../../../shared/contract';
import type { ClientApp } from '../../../shared/model';
import { readJsonObject, writeBackup, writeFileAtomic } from './json-file';
import { clientConfigPath } from './paths';

export interface InstallClientConfigOptions {
  app: ClientApp;
  serverName: string;
  mcpUrl: string;
  token: string;
  bridgeCommand: string[];
  bridgeEnv?: Record<string, string>;
  home?: string;
  platform?: NodeJS.Platform;
  env?: NodeJS.ProcessEnv;
}

export interface InstallResult {
  path: string;
  /** null when there was no file before (nothing to back up). */
  backupPath: string | null;
}

/** Follows a symlinked config (dotfile managers) so the link stays and its target is edited. */
async function resolveTarget(file: string): Promise<string> {
  try {
    return await fs.realpath(file);
  } catch {
    return file;
  }
}

export async function installClientConfig(options: InstallClientConfigOptions): Promise<InstallResult> {
  if (!/^[A-Za-z0-9_-]{1,40}$/.test(options.serverName)) {
    throw new ContractError('invalid_arguments', 'Use a server name of 1 to 40 letters, digits, "-" or "_".', 'serverName');
  }
  if (options.app === 'claude_desktop' && options.bridgeCommand.length === 0) {
    throw new ContractError('bridge_unavailable', 'Claude Desktop needs the stdio bridge, and this build does not know how to start it. Use a client that takes an HTTP URL.');
  }
  const file = await resolveTarget(
    clientConfigPath(options.app, {
      home: options.home ?? os.homedir(),
      platform: options.platform ?? process.platform,
      env: options.env ?? process.env,
    }),
  );
  const current = await readJsonObject(file);
  const doc: Record<string, unknown> = { ...(current.value ?? {}) };
  const key = serverMapKey(options.app);
  const existing = doc[key];
  if (existing !== undefined && (typeof existing !== 'object' || existing === null || Array.isArray(existing))) {
    throw new ContractError('config_invalid', `${file} was left unchanged because its "${key}" is not a JSON object. Fix that entry, or paste the snippet by hand.`);
  }
  doc[key] = { ...((existing as Record<string, unknown>) ?? {}), [options.serverName]: serverEntry(options.app, options) };

  const backupPath = current.text !== null ? await writeBackup(file, current.text) : null;
  await writeFileAtomic(file, `${JSON.stringify(doc, null, current.indent)}\n`);
  return { path: file, backupPath };
}
