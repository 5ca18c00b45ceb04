// What every CLI command shares: its output, its two kinds of failure, and small helpers.
import { calls } from '../../../shared/contract';
import type { Governance } from '../../core/governance';
import type { SettingsStore } from '../../core/settings';

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

/** A mistake in how the command was typed: answered with the usage text and exit code 2. */
export class UsageError extends Error {}
/** The command was understood but cannot be done: exit code 1. */
export class CliError extends Error {}

export interface Cmd {
  gov: Governance;
  io: CliIo;
  flags: Record<string, string | boolean | undefined>;
  verb: string | undefined;
  rest: string[];
  dataDir: string;
  settings: SettingsStore;
}

export function list(raw: string | undefined): string[] {
  return (raw ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Validates with the contract's own schema, so the CLI accepts exactly what the app accepts. */
export function check<K extends keyof typeof calls>(name: K, args: unknown): void {
  const parsed = calls[name].args.safeParse(args);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new CliError(issue.message);
  }
}

export function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).join('  ')).join('\n');
}

export function need(rest: string[], count: number, what: string): void {
  if (rest.length < count) throw new UsageError(`Missing ${what}.`);
}

export function toolsetOf(gov: Governance, ref: string) {
  const set = gov.findToolset(ref);
  if (!set) throw new CliError(`There is no toolset "${ref}". See \`toolsets list\`.`);
  return set;
}
export function profileOf(gov: Governance, ref: string) {
  const p = gov.findProfile(ref);
  if (!p) throw new CliError(`There is no access profile "${ref}". See \`profiles list\`.`);
  return p;
}
export function clientOf(gov: Governance, ref: string) {
  const c = gov.findClient(ref);
  if (!c) throw new CliError(`There is no client "${ref}". See \`clients list\`.`);
  return c;
}

