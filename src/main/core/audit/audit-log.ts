// The audit timeline: append-only JSONL segments, hash-chained across files, durable before append()
// resolves, recovered after a crash, and queried through an in-memory index built on open.
import fs, { type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { ContractError, describeInvalidArgs } from '../../../shared/contract';
import { AuditEntry, AuditQuery, type AuditFilter, type AuditPage, type AuditVerifyResult } from '../../../shared/model';
import { scrub, silentLogger, type Logger } from '../log';
import { ZERO_HASH, sealEntry } from './chain';
import { exportEntries } from './export-file';
import { EntryIndex, OUTCOME_ERROR, OUTCOME_REFUSED, OUTCOME_STARTED } from './entry-index';
import { lineFields } from './line-fields';
import { acquireLock } from './lock';
import { redactArgs } from './redact';
import { verifyChain } from './verify';
import { listSegments, readLastEntry, scanSegment, segmentName, setAsideTornTail, snapshotName, syncDir } from './segments';
import type { AuditInput, AuditLog } from './types';

/** The two disk operations a write depends on; replaceable so tests can make the disk fail for real callers. */
export interface AuditIo {
  write(handle: FileHandle, data: Buffer, position: number): Promise<void>;
  sync(handle: FileHandle): Promise<void>;
}

export interface AuditLogOptions {
  dir: string;
  log?: Logger;
  /** A segment is closed and a new one started once it would grow past this (default 16 MiB). */
  maxFileBytes?: number;
  /** Segments whose newest entry is older than this are deleted on open and daily (default 90). */
  retentionDays?: number;
  /** How long an append waits for others to share its write + fsync (default 0: only appends arriving during a write share the next one). */
  groupCommitMs?: number;
  now?: () => Date;
  io?: Partial<AuditIo>;
  /**
   * Read only: no appends, no crash recovery, no retention. Also what an open falls back to when another
   * live process holds the folder's lock.
   */
  readOnly?: boolean;
}

const DEFAULT_MAX_FILE_BYTES = 16 * 1024 * 1024;
const MAX_BATCH = 4096;
const DAY_MS = 24 * 60 * 60 * 1000;
// Nearby lines are read with one read() instead of one per line; gaps smaller than this are read through.
const MERGE_GAP = 64 * 1024;

const AuditInputSchema = AuditEntry.omit({ seq: true, prevHash: true, hash: true });

const defaultIo: AuditIo = {
  async write(handle, data, position) {
    let done = 0;
    while (done < data.length) {
      const { bytesWritten } = await handle.write(data, done, data.length - done, position + done);
      done += bytesWritten;
    }
  },
  sync: (handle) => handle.datasync(),
};

interface Pending {
  input: Omit<AuditEntry, 'seq' | 'prevHash' | 'hash'>;
  time: number;
  resolve(entry: AuditEntry): void;
  reject(error: Error): void;
}

interface Active {
  file: number;
  /** null when read-only. */
  handle: FileHandle | null;
  /** Offset just after the last durable line: the truncate point if a write fails. */
  size: number;
}

/** The log plus what the app shell (not the contract) needs. */
export interface OpenAuditLog extends AuditLog {
  readonly dir: string;
  /** Runs the retention sweep now (it also runs on open and daily). */
  enforceRetention(): Promise<void>;
  /** Why this log cannot be written (e.g. another live process holds it), or null when it is the writer. */
  readonly readOnly: string | null;
}

export async function openAuditLog(options: AuditLogOptions): Promise<OpenAuditLog> {
  const dir = path.resolve(options.dir);
  await fs.mkdir(dir, { recursive: true, mode: 0o700 });
  const lock = options.readOnly ? null : await acquireLock(dir);
  const release = lock && 'release' in lock ? lock.release : async () => undefined;
  const readOnly = options.readOnly
    ? 'it was opened read-only'
    : lock && 'heldBy' in lock
      ? `another running copy of the app (process ${lock.heldBy}) is writing it`
      : null;
  try {
    return await openLocked({ ...options, dir }, release, readOnly);
  } catch (error) {
    await release();
    throw error;
  }
}

async function openLocked(options: AuditLogOptions, unlock: () => Promise<void>, readOnly: string | null): Promise<OpenAuditLog> {
  const log = options.log ?? silentLogger;
  const now = options.now ?? (() => new Date());
  const io: AuditIo = { ...defaultIo, ...options.io };
  const dir = options.dir;
  const maxFileBytes = Math.max(1024, options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES);
  const retentionMs = Math.max(1, options.retentionDays ?? 90) * DAY_MS;
  // No artificial wait by default: appends that arrive while a write+fsync is under way share the next one.
  const groupCommitMs = Math.max(0, options.groupCommitMs ?? 0);

  const files = await listSegments(dir);
  if (!readOnly) await applyRetention(true);

  if (files.length > 0 && !readOnly) {
    const torn = await setAsideTornTail(dir, files[files.length - 1], now());
    if (torn) log.warn('audit: a partial last line (left by a crash) was set aside', { file: torn });
  }

  const index = new EntryIndex();
  const snapshotWrites = new Set<Promise<void>>();
  const needSnapshot: number[] = [];
  let unreadable = 0;
  let lastGoodEnd = 0;
  for (const file of files) {
    // Sealed segments usually come from their snapshot; the active one (and any without a valid snapshot) is read.
    if (file !== files[files.length - 1]) {
      if (await loadSnapshot(file)) continue;
      needSnapshot.push(file);
    }
    ({ goodEnd: lastGoodEnd } = await scanSegment(path.join(dir, segmentName(file)), (buf, start, end, offset) => {
      const fields = lineFields(buf, start, end);
      if (!fields || Number.isNaN(fields.time)) {
        unreadable++;
        return;
      }
      index.push(fields, file, offset, end - start);
    }));
  }
  if (unreadable > 0) log.warn('audit: some lines are not readable entries; run verify', { count: unreadable });

  let lastSeq = 0;
  let lastHash = ZERO_HASH;
  for (let i = files.length - 1; i >= 0; i--) {
    const last = await readLastEntry(path.join(dir, segmentName(files[i])));
    if (last && typeof last.seq === 'number' && typeof last.hash === 'string') {
      lastSeq = last.seq;
      lastHash = last.hash;
      break;
    }
  }

  let active: Active;
  if (readOnly) {
    // Only what was complete at open is read; the writer may be mid-line at the end.
    active = { file: files[files.length - 1] ?? 0, handle: null, size: lastGoodEnd };
  } else {
    if (files.length === 0) files.push(1);
    active = await openSegment(files[files.length - 1]);
    await syncDir(dir);
    for (const file of needSnapshot) snapshotLater(file);
  }

  const queue: Pending[] = [];
  const listeners = new Set<(entry: AuditEntry) => void>();
  const readHandles = new Map<number, Promise<FileHandle>>();
  let timer: NodeJS.Timeout | null = null;
  let flushing: Promise<void> | null = null;
  let healthy = true;
  let dirty = false;
  let closed = false;
  const retentionTimer = setInterval(() => {
    if (readOnly) return;
    applyRetention(false).catch((error: unknown) => log.warn('audit: retention failed', { error: String(error) }));
  }, DAY_MS);
  retentionTimer.unref();

  async function loadSnapshot(file: number): Promise<boolean> {
    try {
      const stat = await fs.stat(path.join(dir, segmentName(file)));
      const data = await fs.readFile(path.join(dir, snapshotName(file)));
      // A snapshot only stands in for the exact bytes it was made from.
      return index.load(file, data, (meta) => meta.file === file && meta.size === stat.size && meta.mtimeMs === stat.mtimeMs);
    } catch {
      return false;
    }
  }

  /** Writes a sealed segment's snapshot in the background; a failure only costs a slower next open. */
  function snapshotLater(file: number): void {
    const write = (async () => {
      const stat = await fs.stat(path.join(dir, segmentName(file)));
      const data = index.snapshot(file, { file, size: stat.size, mtimeMs: stat.mtimeMs });
      const target = path.join(dir, snapshotName(file));
      await fs.writeFile(`${target}.partial`, data, { mode: 0o600 });
      await fs.rename(`${target}.partial`, target);
    })()
      .catch((error: unknown) => log.warn('audit: could not write an index snapshot', { file: snapshotName(file), error: String(error) }))
      .finally(() => snapshotWrites.delete(write));
    snapshotWrites.add(write);
  }

  async function openSegment(file: number): Promise<Active> {
    const full = path.join(dir, segmentName(file));
    // 'r+' (not 'a'): positional writes are ignored in append mode, and we write at a known offset so a
    // failed write can be cut back exactly.
    await (await fs.open(full, 'a', 0o600)).close();
    const handle = await fs.open(full, 'r+');
    const size = (await handle.stat()).size;
    return { file, handle, size };
  }

  /** Deletes the oldest segments whose newest entry is past retention; never the active one, never a gap. */
  // Removes from the front of `files` in place: a rotation may append to it while this runs.
  async function applyRetention(opening: boolean): Promise<void> {
    const cutoff = now().getTime() - retentionMs;
    const removed = new Set<number>();
    for (let i = 0; i < files.length - 1; i++) {
      const last = await readLastEntry(path.join(dir, segmentName(files[i])));
      const time = last && typeof last.time === 'string' ? Date.parse(last.time) : Number.NaN;
      if (!(time < cutoff)) break;
      await fs.rm(path.join(dir, segmentName(files[i])), { force: true });
      await fs.rm(path.join(dir, snapshotName(files[i])), { force: true });
      removed.add(files[i]);
    }
    if (removed.size === 0) return;
    files.splice(0, removed.size);
    await syncDir(dir);
    log.info('audit: deleted segments past retention', { files: [...removed].map(segmentName) });
    if (!opening) {
      index.dropWhere((file) => removed.has(file));
      for (const file of removed) {
        const handle = readHandles.get(file);
        readHandles.delete(file);
        void handle?.then((h) => h.close()).catch(() => undefined);
      }
    }
  }

  function schedule(delay: number): void {
    if (timer || flushing || closed) return;
    timer = setTimeout(() => {
      timer = null;
      flushing = flush().finally(() => {
        flushing = null;
        if (queue.length > 0) schedule(0);
      });
    }, delay);
  }

  async function flush(): Promise<void> {
    const batch = queue.splice(0, MAX_BATCH);
    if (batch.length === 0) return;
    let done = 0;
    const written: AuditEntry[] = [];
    try {
      if (dirty) {
        await writable().truncate(active.size);
        await io.sync(writable());
        dirty = false;
      }
      let seq = lastSeq;
      let prev = lastHash;
      while (done < batch.length) {
        // One segment's worth of this batch: stop where the next line would push the file past the limit.
        const lines: Buffer[] = [];
        const entries: AuditEntry[] = [];
        let bytes = 0;
        for (let i = done; i < batch.length; i++) {
          const { entry, line: text } = sealEntry({ ...batch[i].input, seq: seq + 1, prevHash: prev });
          const line = Buffer.from(`${text}\n`, 'utf8');
          if (active.size + bytes + line.length > maxFileBytes && active.size + bytes > 0) break;
          lines.push(line);
          entries.push(entry);
          bytes += line.length;
          seq = entry.seq;
          prev = entry.hash;
        }
        if (entries.length === 0) {
          await rotate();
          continue;
        }
        const data = Buffer.concat(lines, bytes);
        await io.write(writable(), data, active.size);
        await io.sync(writable());
        let offset = active.size;
        for (let i = 0; i < entries.length; i++) {
          const entry = entries[i];
          index.push({ ...entry, time: batch[done + i].time }, active.file, offset, lines[i].length - 1);
          offset += lines[i].length;
        }
        active.size += bytes;
        lastSeq = seq;
        lastHash = prev;
        for (let i = 0; i < entries.length; i++) batch[done + i].resolve(entries[i]);
        written.push(...entries);
        done += entries.length;
      }
      if (!healthy) log.info('audit: writes work again');
      healthy = true;
    } catch (cause) {
      healthy = false;
      try {
        await writable().truncate(active.size);
      } catch {
        dirty = true;
      }
      const error = writeError(cause);
      log.error('audit: could not write the audit log', { error: error.message });
      for (let i = done; i < batch.length; i++) batch[i].reject(error);
    }
    for (const entry of written) {
      for (const listener of listeners) {
        try {
          listener(entry);
        } catch (error) {
          log.warn('audit: an append listener failed', { error: String(error) });
        }
      }
    }
  }

  function writable(): FileHandle {
    if (!active.handle) throw new Error('read-only');
    return active.handle;
  }

  async function rotate(): Promise<void> {
    const next = await openSegment(active.file + 1);
    await syncDir(dir);
    const old = active;
    active = next;
    files.push(next.file);
    await old.handle?.close().catch(() => undefined);
    snapshotLater(old.file);
  }

  function writeError(cause: unknown): Error {
    const code = (cause as NodeJS.ErrnoException)?.code;
    const what = code === 'ENOSPC' ? 'the disk is full' : code === 'EACCES' || code === 'EPERM' ? 'permission was denied' : String((cause as Error)?.message ?? cause);
    return new Error(
      `The audit log in ${dir} could not be written (${what}). Calls are refused until it can be: free disk space or fix the folder's permissions.`,
      { cause },
    );
  }

  function readHandle(file: number): Promise<FileHandle> {
    let handle = readHandles.get(file);
    if (!handle) {
      handle = fs.open(path.join(dir, segmentName(file)), 'r');
      readHandles.set(file, handle);
      handle.catch(() => readHandles.delete(file));
    }
    return handle;
  }

  /** The stored text of the lines at these index positions, in the order given. */
  async function readLines(positions: number[]): Promise<string[]> {
    const order = positions.map((p, i) => ({ p, i })).sort((a, b) => a.p - b.p);
    const out = new Array<string>(positions.length);
    const reads: Promise<void>[] = [];
    let k = 0;
    while (k < order.length) {
      // A run of lines in one file, close enough to read in one go; runs are read in parallel.
      const first = order[k].p;
      const file = index.file[first];
      const start = index.offset[first];
      let end = start + index.length[first];
      let j = k + 1;
      while (j < order.length) {
        const p = order[j].p;
        if (index.file[p] !== file || index.offset[p] - end > MERGE_GAP) break;
        end = index.offset[p] + index.length[p];
        j++;
      }
      const run = order.slice(k, j);
      reads.push(
        (async () => {
          const buf = Buffer.allocUnsafe(end - start);
          const handle = await readHandle(file);
          let got = 0;
          while (got < buf.length) {
            const { bytesRead } = await handle.read(buf, got, buf.length - got, start + got);
            if (bytesRead === 0) throw new Error(`The audit file ${segmentName(file)} is shorter than expected; run verify.`);
            got += bytesRead;
          }
          for (const { p, i } of run) {
            const from = index.offset[p] - start;
            out[i] = buf.toString('utf8', from, from + index.length[p]);
          }
        })(),
      );
      k = j;
    }
    await Promise.all(reads);
    return out;
  }

  async function readEntries(positions: number[]): Promise<AuditEntry[]> {
    return (await readLines(positions)).map((line) => JSON.parse(line) as AuditEntry);
  }

  function parseCursor(cursor: string | undefined): number | null {
    if (cursor === undefined || cursor === '') return null;
    if (!/^\d{1,15}$/.test(cursor)) {
      throw new ContractError('invalid_arguments', 'That page cursor did not come from this audit log. Reload the timeline from the newest entry.', 'cursor');
    }
    return Number(cursor);
  }

  function parseTime(value: string, field: string): number {
    const time = Date.parse(value);
    if (Number.isNaN(time)) throw new ContractError('invalid_arguments', `${field}: give a date and time such as 2026-01-31T12:00:00Z`, field);
    return time;
  }

  /** Writes and syncs one block past the end, then cuts it off: proves the disk takes writes again without touching the chain. */
  async function probeDisk(): Promise<void> {
    const handle = writable();
    try {
      await io.write(handle, Buffer.alloc(4096), active.size);
      await io.sync(handle);
      await handle.truncate(active.size);
      await io.sync(handle);
      dirty = false;
      if (!healthy) log.info('audit: writes work again');
      healthy = true;
    } catch (error) {
      if (healthy) log.error('audit: the disk refuses writes', { error: String(error) });
      healthy = false;
      await handle.truncate(active.size).catch(() => {
        dirty = true;
      });
    }
  }

  const audit: OpenAuditLog = {
    dir,
    enforceRetention: () => (readOnly ? Promise.resolve() : applyRetention(false)),
    get healthy() {
      return healthy && !readOnly;
    },
    readOnly,

    async probe() {
      if (readOnly || closed) return false;
      if (healthy) return true;
      while (flushing) await flushing;
      // Holding `flushing` keeps a concurrent append from writing at the same offset meanwhile.
      flushing = probeDisk().finally(() => {
        flushing = null;
        if (queue.length > 0) schedule(0);
      });
      await flushing;
      return healthy;
    },

    append(input: AuditInput): Promise<AuditEntry> {
      if (closed) return Promise.reject(new Error('The audit log is closed; the call cannot be recorded.'));
      if (readOnly) return Promise.reject(new Error(`The audit log in ${dir} cannot be written here because ${readOnly}. Quit the other copy, then try again.`));
      const parsed = AuditInputSchema.safeParse(input);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        return Promise.reject(new Error(`Audit entry rejected: ${issue?.path.join('.') || 'entry'}: ${issue?.message ?? 'invalid'}`));
      }
      const time = Date.parse(parsed.data.time);
      if (Number.isNaN(time)) return Promise.reject(new Error(`Audit entry rejected: time: "${parsed.data.time}" is not an ISO date and time`));
      // Known fields only (zod dropped the rest), arguments redacted again and made plain JSON.
      const clean = {
        ...parsed.data,
        durationMs: Number.isFinite(parsed.data.durationMs) ? parsed.data.durationMs : 0,
        // redactArgs returns plain JSON values only (no undefined, NaN, Dates, cycles), so it hashes as stored.
        args: redactArgs(parsed.data.args),
        message: parsed.data.message === null ? null : scrub(parsed.data.message),
      };
      return new Promise<AuditEntry>((resolve, reject) => {
        queue.push({ input: clean, time, resolve, reject });
        schedule(groupCommitMs);
      });
    },

    async query(raw) {
      const parsed = AuditQuery.safeParse(raw);
      if (!parsed.success) throw describeInvalidArgs(parsed.error);
      const query = parsed.data;
      const before = parseCursor(query.cursor);
      const { positions, more } = index.newestFirst(query, before, query.limit);
      const entries = await readEntries(positions);
      return { entries, nextCursor: more && entries.length > 0 ? String(entries[entries.length - 1].seq) : null } satisfies AuditPage;
    },

    async get(seq) {
      const position = index.positionOf(seq);
      if (position === -1) return null;
      return (await readEntries([position]))[0];
    },

    verify(): Promise<AuditVerifyResult> {
      // Only what was durable when verify started: appends running meanwhile are not half-read.
      return verifyChain(
        dir,
        files.map((file) => ({ file, limit: file === active.file ? active.size : Number.POSITIVE_INFINITY })),
      );
    },

    export(format, filter: AuditFilter, destPath) {
      return exportEntries(format, index.all(filter), readLines, destPath);
    },

    async histogram(since, until, buckets) {
      const from = parseTime(since, 'since');
      const to = parseTime(until, 'until');
      if (!(to > from)) throw new ContractError('invalid_arguments', 'until must be later than since', 'until');
      const n = Math.max(1, Math.min(500, Math.floor(buckets)));
      const width = (to - from) / n;
      const calls = new Array<number>(n).fill(0);
      const errors = new Array<number>(n).fill(0);
      const refused = new Array<number>(n).fill(0);
      const { time, outcome } = index;
      for (let i = 0, size = index.size; i < size; i++) {
        const t = time[i];
        if (t < from || t > to) continue;
        // A write's `started` record precedes its result entry: one call, not two.
        if (outcome[i] === OUTCOME_STARTED) continue;
        const b = Math.min(n - 1, Math.floor((t - from) / width));
        calls[b]++;
        if (outcome[i] === OUTCOME_ERROR) errors[b]++;
        else if (outcome[i] === OUTCOME_REFUSED) refused[b]++;
      }
      return calls.map((count, b) => ({ start: new Date(from + b * width).toISOString(), calls: count, errors: errors[b], refused: refused[b] }));
    },

    onAppend(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },

    async close() {
      if (closed) return;
      // Let everything already handed to append() reach the disk first.
      while (timer || flushing || queue.length > 0) {
        if (timer) {
          clearTimeout(timer);
          timer = null;
          flushing = flush().finally(() => {
            flushing = null;
          });
        }
        if (flushing) await flushing;
        else if (queue.length > 0) schedule(0);
      }
      closed = true;
      clearInterval(retentionTimer);
      await Promise.all([...snapshotWrites]);
      await active.handle?.close().catch(() => undefined);
      for (const handle of readHandles.values()) await handle.then((h) => h.close()).catch(() => undefined);
      readHandles.clear();
      await unlock();
    },
  };
  return audit;
}
