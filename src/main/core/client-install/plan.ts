// Works out the exact change "Add to …" would make to an AI client's config file, without writing
// anything: the new text, whether our entry is created, added or updated in place, and a diff to show.
import os from 'node:os';
import { isDeepStrictEqual } from 'node:util';
import { createTwoFilesPatch } from 'diff';
import { CLIENT_SPECS, checkPlacement, serverEntry, vscodeInputId, vscodeTokenInput, type ServerEntryInput } from '../../../shared/client-configs';
import { ContractError } from '../../../shared/contract';
import type { ClientApp, TokenPlacement } from '../../../shared/model';
import { readConfigText, resolveTarget, textHash } from './file-io';
import { editJsonText, objectAt, readJsonConfig, type JsonChange } from './json-edit';
import { clientConfigPath } from './paths';
import { editTomlText, readTomlConfig } from './toml-edit';

export type InstallAction = 'create' | 'add' | 'update' | 'unchanged';

export interface InstallTarget extends ServerEntryInput {
  app: ClientApp;
  placement: TokenPlacement;
  home?: string;
  platform?: NodeJS.Platform;
  env?: NodeJS.ProcessEnv;
}

export interface InstallPlan {
  app: ClientApp;
  path: string;
  placement: TokenPlacement;
  before: string | null;
  after: string;
  action: InstallAction;
  /** Hash of the file as planned on (null: no file); the write refuses if the file changed since. */
  baseHash: string | null;
  /** Unified diff of before → after, with our token masked. */
  diff: string;
}

const plain = (v: unknown) => JSON.parse(JSON.stringify(v ?? null)) as unknown;

/** Masks the token in text shown on screen: enough to recognise it, not enough to use it. */
export function maskToken(text: string, token: string): string {
  return token.length < 12 ? text : text.split(token).join(`${token.slice(0, 6)}…${token.slice(-4)}`);
}

function checkTarget(target: InstallTarget): void {
  if (!/^[A-Za-z0-9_-]{1,40}$/.test(target.serverName)) {
    throw new ContractError('invalid_arguments', 'Use a server name of 1 to 40 letters, digits, "-" or "_".', 'serverName');
  }
  if (target.app === 'claude_desktop' && target.bridgeCommand.length === 0) {
    throw new ContractError('bridge_unavailable', 'Claude Desktop needs the stdio bridge, and this build does not know how to start it. Use a client that takes an HTTP URL.');
  }
  try {
    checkPlacement(target.app, target.placement);
  } catch (error) {
    throw new ContractError('invalid_arguments', (error as Error).message, 'placement');
  }
  if (target.placement === 'keychain' && !target.headersHelper) {
    throw new ContractError('helper_unavailable', 'This build cannot run its CLI as a header helper. Keep the token in the file instead.', 'placement');
  }
}

export function locate(target: Pick<InstallTarget, 'app' | 'home' | 'platform' | 'env'>): string {
  return clientConfigPath(target.app, { home: target.home ?? os.homedir(), platform: target.platform ?? process.platform, env: target.env ?? process.env });
}

export async function planInstall(target: InstallTarget): Promise<InstallPlan> {
  checkTarget(target);
  const spec = CLIENT_SPECS[target.app];
  const path = await resolveTarget(locate(target));
  const before = await readConfigText(path);
  const entry = serverEntry(target.app, target, target.placement);
  const { mapKey } = spec;

  let existing: unknown;
  let after: string;
  let read: (text: string) => Record<string, unknown>;
  if (spec.format === 'toml') {
    read = (text) => readTomlConfig(path, text);
    existing = (read(before ?? '')[mapKey] as Record<string, unknown> | undefined)?.[target.serverName];
    after = editTomlText(path, before, mapKey, target.serverName, entry);
  } else {
    read = (text) => readJsonConfig(path, text, spec.format === 'json', spec.title);
    const doc = before === null ? {} : read(before);
    existing = objectAt(path, doc, mapKey)?.[target.serverName];
    const changes: JsonChange[] = [{ path: [mapKey, target.serverName], value: entry }];
    if (target.app === 'vscode' && target.placement === 'client_prompt') changes.push(vscodeInputChange(path, doc, target.serverName));
    after = editJsonText(before, changes);
  }

  // Never write what we cannot read back: the file must parse, with exactly our entry in it.
  const written = (read(after)[mapKey] as Record<string, unknown> | undefined)?.[target.serverName];
  if (!isDeepStrictEqual(plain(written), plain(entry))) {
    throw new ContractError('config_invalid', `${path} was left unchanged: the edited file did not read back as expected. Paste the snippet by hand.`);
  }

  const fresh = before === null || before.trim() === '';
  const action: InstallAction = fresh ? 'create' : existing === undefined ? 'add' : after === before ? 'unchanged' : 'update';
  const diff = after === before ? '' : maskToken(createTwoFilesPatch(path, path, before ?? '', after, fresh ? '(new file)' : 'now', 'after', { context: 3 }), target.token);
  return { app: target.app, path, placement: target.placement, before, after, action, baseHash: textHash(before), diff };
}

/** VS Code's `inputs`: ours replaced where it is, or appended. */
function vscodeInputChange(path: string, doc: Record<string, unknown>, serverName: string): JsonChange {
  const inputs = doc.inputs;
  const value = vscodeTokenInput(serverName);
  if (inputs === undefined) return { path: ['inputs'], value: [value] };
  if (!Array.isArray(inputs)) {
    throw new ContractError('config_invalid', `${path} was left unchanged because its "inputs" is not a list. Fix it, or paste the snippet by hand.`);
  }
  const at = inputs.findIndex((i) => (i as { id?: unknown } | null)?.id === vscodeInputId(serverName));
  return at >= 0 ? { path: ['inputs', at], value } : { path: ['inputs', inputs.length], value, insert: true };
}
