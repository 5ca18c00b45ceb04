// Puts our entry into a TOML config (Codex's config.toml) with toml_edit — the format-preserving
// editor Cargo uses, here as @rainbowatcher/toml-edit-js: each key of our entry is set on its own, so
// every other table, key and comment keeps its text and place.
import { edit, initSync, parse } from '@rainbowatcher/toml-edit-js';
import { ContractError } from '../../../shared/contract';

let ready = false;
function init(): void {
  if (!ready) {
    initSync();
    ready = true;
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The parser's first line ("TOML parse error at line 3, column 7") and its reason, without the quoted source (it may hold secrets). */
function describeTomlError(error: unknown): string {
  const lines = String((error as Error)?.message ?? error).split('\n').map((l) => l.trim());
  const where = /line \d+, column \d+/.exec(lines[0] ?? '')?.[0];
  const why = [...lines].reverse().find((l) => l !== '' && !l.startsWith('|') && !/^\d+ \|/.test(l));
  return [why, where && `at ${where}`].filter(Boolean).join(' ');
}

export function readTomlConfig(file: string, text: string): Record<string, unknown> {
  init();
  try {
    const value = parse(text.replace(/^\uFEFF/, '')) as unknown;
    return isObject(value) ? value : {};
  } catch (error) {
    throw new ContractError('config_invalid', `${file} was left unchanged because it is not valid TOML (${describeTomlError(error)}). Fix the file, or paste the snippet into it by hand.`);
  }
}

/**
 * Sets `[mapKey.name]` to exactly `entry`: our keys are written (nested tables inline, as Codex's docs
 * show them), keys of an earlier entry of ours that the new one does not have are removed.
 */
export function editTomlText(file: string, text: string | null, mapKey: string, name: string, entry: Record<string, unknown>): string {
  init();
  const original = text ?? '';
  const current = readTomlConfig(file, original);
  const map = current[mapKey];
  if (map !== undefined && !isObject(map)) {
    throw new ContractError('config_invalid', `${file} was left unchanged because its "${mapKey}" is not a table. Fix that entry, or paste the snippet by hand.`);
  }
  const existing = map?.[name];
  if (existing !== undefined && !isObject(existing)) {
    throw new ContractError('config_invalid', `${file} was left unchanged because its "${mapKey}.${name}" is not a table. Fix that entry, or paste the snippet by hand.`);
  }
  let out = original.replace(/^\uFEFF/, '');
  try {
    for (const [key, value] of Object.entries(entry)) out = edit(out, `${mapKey}.${name}.${key}`, value, { inline: isObject(value) });
    for (const key of Object.keys(existing ?? {})) if (!(key in entry)) out = edit(out, `${mapKey}.${name}.${key}`, undefined);
  } catch (error) {
    const why = /not a table/.test(String((error as Error)?.message ?? error))
      ? `its "${mapKey}" is written as an inline table ({ … }), which this app does not rewrite; make it a [${mapKey}.NAME] table`
      : `it could not be edited safely (${describeTomlError(error)})`;
    throw new ContractError('config_invalid', `${file} was left unchanged because ${why}. Or paste the snippet by hand.`);
  }
  // toml_edit writes the parent table's header too when it creates the map; a person would not.
  if (map === undefined) out = out.replace(new RegExp(`^\\[${mapKey}\\]\\n\\n(?=\\[${mapKey}\\.)`, 'm'), '');
  if (original.includes('\r\n') && !out.includes('\r\n')) out = out.replace(/\n/g, '\r\n');
  if (original.startsWith('\uFEFF')) out = `\uFEFF${out}`;
  return out;
}

/** The whole document as TOML, for a paste-in snippet. */
export function tomlDocument(mapKey: string, name: string, entry: Record<string, unknown>): string {
  return editTomlText('(snippet)', null, mapKey, name, entry);
}
