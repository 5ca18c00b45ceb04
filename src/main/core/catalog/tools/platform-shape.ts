// Output shaping for the platform-area tools (alert grouping, workflows, orchestrations, status pages,
// analytics, webhooks): an AI gets ids, names, links and the fields it acts on, never PagerDuty's full
// JSON with `self` links and nested objects repeated in every record.
import { z } from 'zod';

export type Json = Record<string, any>;

/** A reference as the AI needs it: id plus the name PagerDuty shows, nothing else. */
export function compactRef(ref: unknown): { id: string; summary?: string } | null {
  if (!ref || typeof ref !== 'object') return null;
  const r = ref as Json;
  if (typeof r.id !== 'string') return null;
  const summary = r.summary ?? r.name;
  return typeof summary === 'string' ? { id: r.id, summary } : { id: r.id };
}

export function compactRefs(refs: unknown): Array<{ id: string; summary?: string }> {
  return Array.isArray(refs) ? refs.map(compactRef).filter((r): r is { id: string; summary?: string } => r !== null) : [];
}

/** Drops null/undefined fields so records stay short. */
export function dropEmpty<T extends Json>(obj: T): Partial<T> {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== null && v !== undefined)) as Partial<T>;
}

/** The list envelope every list tool returns: how many, whether PagerDuty had more, the records. */
export function listOutput<T>(items: T[], more: boolean, extra: Json = {}): Json {
  return { count: items.length, more, ...extra, items };
}

// Shared input pieces, so the same argument reads the same in every tool.
export const pdId = (what: string) =>
  z.string().trim().min(1, `${what} is required`).max(64).describe(`The PagerDuty ID of the ${what}`);

export const pageLimit = (def: number) =>
  z.number().int().min(1).max(100).default(def).describe(`Maximum number of records to return (1-100, default ${def})`);

export const isoDateTime = (what: string) =>
  z.string().trim().refine((s) => !Number.isNaN(Date.parse(s)), { message: `${what} must be an ISO-8601 date-time, e.g. 2026-01-31T00:00:00Z` });
