// The hash chain: each entry's hash covers the previous hash and a canonical form of the entry, so an
// edit anywhere breaks every later link. Canonical = keys sorted at every level, so the hash does not
// depend on the key order a writer (or a text editor) happened to use.
import crypto, { createHash } from 'node:crypto';
import type { AuditEntry } from '../../../shared/model';

export const ZERO_HASH = '0'.repeat(64);

// crypto.hash (one-shot, Node ≥ 20.12 and Electron's Node 22) is about twice as fast as createHash for
// short inputs; the fallback keeps older runtimes working.
const sha256: (text: string) => string =
  typeof (crypto as { hash?: unknown }).hash === 'function'
    ? (text) => crypto.hash('sha256', text, 'hex')
    : (text) => crypto.createHash('sha256').update(text).digest('hex');

export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    const text = JSON.stringify(value);
    return text === undefined ? 'null' : text;
  }
  // String building rather than map/join: this runs for every append and shows up in GC time.
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i ? ',' : '') + canonicalJson(value[i]);
    return `${out}]`;
  }
  const keys = Object.keys(value).sort();
  let out = '{';
  let first = true;
  for (const key of keys) {
    const item = (value as Record<string, unknown>)[key];
    if (item === undefined || typeof item === 'function' || typeof item === 'symbol') continue;
    out += `${first ? '' : ','}${JSON.stringify(key)}:${canonicalJson(item)}`;
    first = false;
  }
  return `${out}}`;
}

export function entryHash(entry: Omit<AuditEntry, 'hash'>): string {
  const { hash: _ignored, ...rest } = entry as AuditEntry;
  return sha256(entry.prevHash + canonicalJson(rest));
}

/**
 * Seals an entry and gives its line on disk: the canonical JSON of the entry without its hash, with
 * `"hash"` added last. So a line is its own hash input, and verify can hash the bytes it reads without
 * parsing them (lineHashFollows); the index reads fields from the fixed (sorted) key order.
 */
export function sealEntry(unsealed: Omit<AuditEntry, 'hash'>): { entry: AuditEntry; line: string } {
  const canonical = canonicalJson(unsealed);
  const hash = sha256(unsealed.prevHash + canonical);
  return { entry: { ...unsealed, hash } as AuditEntry, line: `${canonical.slice(0, -1)},"hash":"${hash}"}` };
}

export function entryLine(entry: AuditEntry): string {
  const { hash: _ignored, ...rest } = entry;
  return sealEntry(rest).line;
}

const HASH_TAIL = Buffer.from(',"hash":"');
const PREV = Buffer.from(',"prevHash":"');
const SEQ = Buffer.from(',"seq":');
const TAIL_BYTES = HASH_TAIL.length + 64 + 2;

/**
 * The quick check of one stored line: when the line is in the form sealEntry writes, returns its seq,
 * prevHash and whether its stored hash matches its bytes. null means "not in that form": the caller then
 * parses the line and checks it the slow, authoritative way (entryHash), so a reformatted but unchanged
 * line is never reported as edited.
 */
export function quickLineCheck(buf: Buffer, start: number, end: number): { seq: number; prevHash: string; hash: string; intact: boolean } | null {
  const tail = end - TAIL_BYTES;
  if (tail <= start || buf[end - 1] !== 0x7d || buf[end - 2] !== 0x22) return null;
  for (let i = 0; i < HASH_TAIL.length; i++) if (buf[tail + i] !== HASH_TAIL[i]) return null;
  const body = buf.subarray(start, tail);
  const prevAt = body.lastIndexOf(PREV);
  const seqAt = body.lastIndexOf(SEQ);
  if (prevAt === -1 || seqAt === -1) return null;
  const prevHash = body.toString('latin1', prevAt + PREV.length, prevAt + PREV.length + 64);
  let seq = 0;
  let i = seqAt + SEQ.length;
  const digitsFrom = i;
  for (; i < body.length && body[i] >= 0x30 && body[i] <= 0x39; i++) seq = seq * 10 + (body[i] - 0x30);
  if (i === digitsFrom || body[i] !== 0x2c) return null;
  const hash = buf.toString('latin1', tail + HASH_TAIL.length, end - 2);
  const actual = createHash('sha256').update(prevHash).update(body).update('}').digest('hex');
  return { seq, prevHash, hash, intact: actual === hash };
}
