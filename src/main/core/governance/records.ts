// What every governance noun module shares: the settings it reads and writes, the catalog, and the small
// checks that make a bad change fail with a sentence (and change nothing).
import { randomBytes } from 'node:crypto';
import { ContractError } from '../../../shared/contract';
import type { ToolDefinition } from '../catalog';
import type { PersistedState, SettingsStore } from '../settings';

export interface GovernanceContext {
  settings: SettingsStore;
  catalog: readonly ToolDefinition<any>[];
  byName: ReadonlyMap<string, ToolDefinition<any>>;
  now(): Date;
  /** The current governance part of the settings (cached; re-read after every change). */
  gov(): PersistedState['governance'];
}

export function governanceContext(options: { settings: SettingsStore; catalog: readonly ToolDefinition<any>[]; now?: () => Date }): GovernanceContext {
  const { settings, catalog } = options;
  return {
    settings,
    catalog,
    byName: new Map(catalog.map((t) => [t.name, t])),
    now: options.now ?? (() => new Date()),
    gov: () => settings.read().governance,
  };
}

export const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();
export const newId = (prefix: string) => `${prefix}_${randomBytes(6).toString('hex')}`;
export const dedupe = (xs: string[]) => [...new Set(xs)];
export const byToolName = (a: { name: string }, b: { name: string }) => (a.name < b.name ? -1 : 1);

export function notFound(what: string, id: string): ContractError {
  return new ContractError('not_found', `There is no ${what} "${id}". Refresh the list and try again.`);
}

export function checkToolNames(ctx: GovernanceContext, names: string[], field = 'tools'): void {
  const unknown = names.filter((n) => !ctx.byName.has(n));
  if (unknown.length) {
    throw new ContractError(
      'unknown_tool',
      `Unknown tool${unknown.length > 1 ? 's' : ''}: ${unknown.slice(0, 5).join(', ')}. Use the names shown in the Tools list.`,
      field,
    );
  }
}

export function uniqueName(list: { id: string; name: string }[], name: string, what: string, exceptId?: string): void {
  if (list.some((x) => x.id !== exceptId && same(x.name, name))) {
    throw new ContractError('duplicate_name', `A ${what} named "${name.trim()}" already exists; pick another name.`, 'name');
  }
}

/** By id first, then by (case-insensitive) name: how the CLI names things. */
export function findByRef<T extends { id: string; name: string }>(list: T[], ref: string): T | undefined {
  return list.find((x) => x.id === ref) ?? list.find((x) => same(x.name, ref));
}
