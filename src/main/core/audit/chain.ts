// The hash chain: each entry's hash covers the previous hash and a canonical form of the entry, so an
// edit anywhere breaks every later link. Canonical = keys sorted at every level, so the hash does not
// depend on the key order a writer (or a text editor) happened to use.
import { createHash } from 'node:crypto';
import type { AuditEntry } from '../../../shared/model';

export const ZERO_HASH = '0'.repeat(64);

export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    const text = JSON.stringify(value);
    return text === undefined ? 'null' : text;
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const keys = Object.keys(value).sort();
  const parts: string[] = [];
  for (const key of keys) {
    const item = (value as Record<string, unknown>)[key];
    if (item === undefined || typeof item === 'function' || typeof item === 'symbol') continue;
    parts.push(`${JSON.stringify(key)}:${canonicalJson(item)}`);
  }
  return `{${parts.join(',')}}`;
}

export function entryHash(entry: Omit<AuditEntry, 'hash'>): string {
  const { hash: _ignored, ...rest } = entry as AuditEntry;
  return createHash('sha256').update(entry.prevHash).update(canonicalJson(rest)).digest('hex');
}

/** The one line format on disk; the key order is fixed so the index can read fields without parsing. */
export function entryLine(entry: AuditEntry): string {
  return JSON.stringify({
    seq: entry.seq,
    time: entry.time,
    clientId: entry.clientId,
    clientName: entry.clientName,
    profileId: entry.profileId,
    profileName: entry.profileName,
    tool: entry.tool,
    toolClass: entry.toolClass,
    decision: entry.decision,
    outcome: entry.outcome,
    durationMs: entry.durationMs,
    pdStatus: entry.pdStatus,
    pdRequestId: entry.pdRequestId,
    identity: entry.identity,
    args: entry.args,
    message: entry.message,
    prevHash: entry.prevHash,
    hash: entry.hash,
  });
}
