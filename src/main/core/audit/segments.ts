// The log's files: audit-000001.jsonl, audit-000002.jsonl … (one entry per line, the chain running
// across them) and audit-torn-<time>.jsonl for fragments a crash left behind.
import fs from 'node:fs/promises';
import path from 'node:path';
import type { AuditEntry } from '../../../shared/model';

const SEGMENT = /^audit-(\d{6,})\.jsonl$/;
const TORN = /^audit-torn-.+\.jsonl$/;
const NEWLINE = 0x0a;
const CHUNK = 4 * 1024 * 1024;

export function segmentName(file: number): string {
  return `audit-${String(file).padStart(6, '0')}.jsonl`;
}

/** The index snapshot of a sealed segment (see EntryIndex.snapshot); only ever a cache of the segment. */
export function snapshotName(file: number): string {
  return `audit-${String(file).padStart(6, '0')}.idx`;
}

export async function listSegments(dir: string): Promise<number[]> {
  const names = await fs.readdir(dir);
  return names
    .map((name) => SEGMENT.exec(name))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => Number(m[1]))
    .sort((a, b) => a - b);
}

export async function countTorn(dir: string): Promise<number> {
  return (await fs.readdir(dir)).filter((name) => TORN.test(name)).length;
}

/**
 * Streams the complete lines of a segment: calls onLine(buffer, start, end, offset) for each line
 * (end excludes the newline). Returns the offset just after the last complete line and the bytes of an
 * unterminated tail, if any.
 */
export async function scanSegment(
  file: string,
  onLine: (buf: Buffer, start: number, end: number, offset: number) => void,
  limitBytes = Number.POSITIVE_INFINITY,
): Promise<{ goodEnd: number; size: number }> {
  const handle = await fs.open(file, 'r');
  try {
    const size = Math.min((await handle.stat()).size, limitBytes);
    let buf = Buffer.allocUnsafe(CHUNK);
    let carry = 0; // bytes at the start of buf left over from the previous read
    let base = 0; // file offset of buf[0]
    let pos = 0;
    while (pos < size) {
      if (carry === buf.length) {
        // One line longer than the buffer: make room rather than split it.
        const bigger = Buffer.allocUnsafe(buf.length * 2);
        buf.copy(bigger, 0, 0, carry);
        buf = bigger;
      }
      const { bytesRead } = await handle.read(buf, carry, Math.min(buf.length - carry, size - pos), pos);
      if (bytesRead === 0) break;
      pos += bytesRead;
      const filled = carry + bytesRead;
      const view = buf.subarray(0, filled);
      let start = 0;
      let nl = view.indexOf(NEWLINE, start);
      while (nl !== -1) {
        onLine(buf, start, nl, base + start);
        start = nl + 1;
        nl = view.indexOf(NEWLINE, start);
      }
      carry = filled - start;
      if (start > 0 && carry > 0) buf.copy(buf, 0, start, filled);
      base += start;
    }
    return { goodEnd: base, size };
  } finally {
    await handle.close();
  }
}

/** Reads the last complete line of a segment (for the chain's tip and for retention), or null. */
export async function readLastEntry(file: string): Promise<AuditEntry | null> {
  const { lastLine } = await findLastLine(file);
  if (!lastLine) return null;
  try {
    return JSON.parse(await readRange(file, lastLine.start, lastLine.end - lastLine.start)) as AuditEntry;
  } catch {
    return null;
  }
}

/**
 * After a crash the last line may be partial. Moves such a tail into audit-torn-<time>.jsonl (never
 * dropped silently, never merged into the chain) and truncates the segment to its last complete line.
 * Returns the torn file's name, or null when the segment was clean.
 */
export async function setAsideTornTail(dir: string, file: number, now: Date): Promise<string | null> {
  const full = path.join(dir, segmentName(file));
  const { size, lastLine, goodEnd } = await findLastLine(full);
  let cut = goodEnd;
  // A complete last line that is not an entry is also debris from the crash (e.g. zero-filled blocks).
  if (lastLine && !isEntryLike(await readRange(full, lastLine.start, lastLine.end - lastLine.start))) cut = lastLine.start;
  if (cut === size) return null;
  const tail = await readRange(full, cut, size - cut);
  const name = await uniqueTornName(dir, now);
  const torn = await fs.open(path.join(dir, name), 'wx', 0o600);
  try {
    await torn.writeFile(tail.endsWith('\n') ? tail : `${tail}\n`);
    await torn.sync();
  } finally {
    await torn.close();
  }
  const handle = await fs.open(full, 'r+');
  try {
    await handle.truncate(cut);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await syncDir(dir);
  return name;
}

/** Reads backwards from the end: where the last complete line starts and ends, without reading the file. */
async function findLastLine(file: string): Promise<{ size: number; goodEnd: number; lastLine: { start: number; end: number } | null }> {
  const handle = await fs.open(file, 'r');
  try {
    const size = (await handle.stat()).size;
    let window = 64 * 1024;
    for (;;) {
      const start = Math.max(0, size - window);
      const buf = Buffer.alloc(size - start);
      await handle.read(buf, 0, buf.length, start);
      const end = buf.lastIndexOf(NEWLINE);
      if (end === -1 && start > 0) {
        window *= 4;
        continue;
      }
      if (end === -1) return { size, goodEnd: 0, lastLine: null };
      const before = end === 0 ? -1 : buf.lastIndexOf(NEWLINE, end - 1);
      if (before === -1 && start > 0) {
        window *= 4;
        continue;
      }
      return { size, goodEnd: start + end + 1, lastLine: { start: start + before + 1, end: start + end } };
    }
  } finally {
    await handle.close();
  }
}

function isEntryLike(text: string): boolean {
  try {
    const value = JSON.parse(text) as { seq?: unknown; hash?: unknown } | null;
    return value !== null && typeof value === 'object' && typeof value.seq === 'number' && typeof value.hash === 'string';
  } catch {
    return false;
  }
}

async function readRange(file: string, start: number, length: number): Promise<string> {
  const handle = await fs.open(file, 'r');
  try {
    const buf = Buffer.alloc(length);
    await handle.read(buf, 0, length, start);
    return buf.toString('utf8');
  } finally {
    await handle.close();
  }
}

async function uniqueTornName(dir: string, now: Date): Promise<string> {
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  const existing = new Set(await fs.readdir(dir));
  let name = `audit-torn-${stamp}.jsonl`;
  for (let n = 2; existing.has(name); n++) name = `audit-torn-${stamp}-${n}.jsonl`;
  return name;
}

/** Makes a created or removed file name durable, not just its contents. Best effort where unsupported. */
export async function syncDir(dir: string): Promise<void> {
  try {
    const handle = await fs.open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Some platforms (Windows) cannot open a directory for sync; file contents are still fsync'd.
  }
}
