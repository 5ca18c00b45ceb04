// The in-memory index that makes a million-entry timeline answer in milliseconds: one row per entry
// in parallel typed arrays (no per-entry objects for the GC to walk), with client/tool/decision/outcome
// interned to small numbers. Entry text stays on disk; a row says where to read it.
import { AuditDecision, AuditOutcome, type AuditFilter } from '../../../shared/model';

export interface IndexRow {
  seq: number;
  time: number;
  file: number;
  offset: number;
  length: number;
  clientId: string | null;
  tool: string;
  decision: string;
  outcome: string;
}

const DECISIONS = AuditDecision.options as readonly string[];
const OUTCOMES = AuditOutcome.options as readonly string[];
const SNAPSHOT_MAGIC = Buffer.from('PDMCP-AUDIT-INDEX-1\n');
export const OUTCOME_ERROR = OUTCOMES.indexOf('error');
export const OUTCOME_REFUSED = OUTCOMES.indexOf('refused');
export const OUTCOME_STARTED = OUTCOMES.indexOf('started');

class Interner {
  private readonly ids = new Map<string, number>();
  private readonly values: (string | null)[] = [null];
  id(value: string | null): number {
    if (value === null) return 0;
    let id = this.ids.get(value);
    if (id === undefined) {
      id = this.values.length;
      this.values.push(value);
      this.ids.set(value, id);
    }
    return id;
  }
  /** -1 when the value was never seen, so a filter on it matches nothing. */
  find(value: string | null): number {
    if (value === null) return 0;
    return this.ids.get(value) ?? -1;
  }
  value(id: number): string | null {
    return this.values[id] ?? null;
  }
  all(): (string | null)[] {
    return this.values;
  }
}

/** A compiled filter: -1 / NaN mean "any". */
interface Compiled {
  client: number;
  tool: number;
  decision: number;
  outcome: number;
  since: number;
  until: number;
  empty: boolean;
}

export class EntryIndex {
  private capacity = 0;
  private count = 0;
  seq = new Float64Array(0);
  time = new Float64Array(0);
  file = new Uint32Array(0);
  offset = new Float64Array(0);
  length = new Uint32Array(0);
  client = new Uint32Array(0);
  tool = new Uint32Array(0);
  decision = new Uint8Array(0);
  outcome = new Uint8Array(0);
  private readonly clients = new Interner();
  private readonly tools = new Interner();

  get size(): number {
    return this.count;
  }

  /** Positional rather than one object per row: opening a large log should make no garbage per entry. */
  push(fields: Omit<IndexRow, 'file' | 'offset' | 'length'>, file: number, offset: number, length: number): void {
    if (this.count === this.capacity) this.grow(Math.max(1024, this.capacity * 2));
    const i = this.count++;
    this.seq[i] = fields.seq;
    this.time[i] = fields.time;
    this.file[i] = file;
    this.offset[i] = offset;
    this.length[i] = length;
    this.client[i] = this.clients.id(fields.clientId);
    this.tool[i] = this.tools.id(fields.tool);
    this.decision[i] = Math.max(0, DECISIONS.indexOf(fields.decision));
    this.outcome[i] = Math.max(0, OUTCOMES.indexOf(fields.outcome));
  }

  /** Retention dropped the oldest files: forget their rows. */
  dropWhere(predicate: (file: number) => boolean): number {
    let keep = 0;
    for (let i = 0; i < this.count; i++) {
      if (predicate(this.file[i])) continue;
      if (keep !== i) this.copyRow(i, keep);
      keep++;
    }
    const dropped = this.count - keep;
    this.count = keep;
    return dropped;
  }

  /** Position of seq, or -1. Seqs only grow, so binary search. */
  positionOf(seq: number): number {
    const p = this.firstBelowOrAt(seq);
    return p >= 0 && this.seq[p] === seq ? p : -1;
  }

  /** Greatest position whose seq ≤ seq, or -1. */
  firstBelowOrAt(seq: number): number {
    let lo = 0;
    let hi = this.count - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if (this.seq[mid] <= seq) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  }

  compile(filter: AuditFilter): Compiled {
    const client = filter.clientId === undefined ? -1 : this.clients.find(filter.clientId);
    const tool = filter.tool === undefined ? -1 : this.tools.find(filter.tool);
    const since = filter.since === undefined ? Number.NaN : Date.parse(filter.since);
    const until = filter.until === undefined ? Number.NaN : Date.parse(filter.until);
    return {
      client,
      tool,
      decision: filter.decision === undefined ? -1 : DECISIONS.indexOf(filter.decision),
      outcome: filter.outcome === undefined ? -1 : OUTCOMES.indexOf(filter.outcome),
      since,
      until,
      empty: (client === -1 && filter.clientId !== undefined) || (tool === -1 && filter.tool !== undefined),
    };
  }

  matches(i: number, f: Compiled): boolean {
    if (f.empty) return false;
    if (f.tool >= 0 && this.tool[i] !== f.tool) return false;
    if (f.client >= 0 && this.client[i] !== f.client) return false;
    if (f.decision >= 0 && this.decision[i] !== f.decision) return false;
    if (f.outcome >= 0 && this.outcome[i] !== f.outcome) return false;
    const t = this.time[i];
    if (t < f.since) return false;
    if (t > f.until) return false;
    return true;
  }

  /**
   * Positions of matching rows, newest first, starting below `beforeSeq`; returns `limit` positions plus
   * whether at least one more match exists further down.
   */
  newestFirst(filter: AuditFilter, beforeSeq: number | null, limit: number, upTo = this.count): { positions: number[]; more: boolean } {
    const f = this.compile(filter);
    const positions: number[] = [];
    if (f.empty) return { positions, more: false };
    let i = beforeSeq === null ? upTo - 1 : Math.min(upTo - 1, this.firstBelowOrAt(beforeSeq - 1));
    for (; i >= 0; i--) {
      if (!this.matches(i, f)) continue;
      if (positions.length === limit) return { positions, more: true };
      positions.push(i);
    }
    return { positions, more: false };
  }

  /** All matching positions, oldest first (export). */
  all(filter: AuditFilter, upTo = this.count): number[] {
    const f = this.compile(filter);
    const out: number[] = [];
    if (f.empty) return out;
    for (let i = 0; i < upTo; i++) if (this.matches(i, f)) out.push(i);
    return out;
  }

  /** Rows of one file: [from, to). Files are in ascending order in the index. */
  rangeOf(file: number): [number, number] {
    let from = 0;
    while (from < this.count && this.file[from] < file) from++;
    let to = from;
    while (to < this.count && this.file[to] === file) to++;
    return [from, to];
  }

  /**
   * A compact snapshot of one sealed file's rows, so the next open can load them instead of reading the
   * file's text. Strings travel by value (interned ids are only meaningful inside one process).
   */
  snapshot(file: number, meta: Record<string, unknown>): Buffer {
    const [from, to] = this.rangeOf(file);
    const n = to - from;
    const header = Buffer.from(
      JSON.stringify({
        ...meta,
        count: n,
        clients: this.clients.all(),
        tools: this.tools.all(),
        decisions: DECISIONS,
        outcomes: OUTCOMES,
      }),
    );
    const columns = this.columns().map((column) => Buffer.from(column.buffer, column.byteOffset + from * column.BYTES_PER_ELEMENT, n * column.BYTES_PER_ELEMENT));
    const head = Buffer.alloc(SNAPSHOT_MAGIC.length + 4);
    SNAPSHOT_MAGIC.copy(head);
    head.writeUInt32LE(header.length, SNAPSHOT_MAGIC.length);
    return Buffer.concat([head, header, ...columns]);
  }

  /** Appends the rows of a snapshot; false (and nothing changed) when it is malformed or not for `meta`. */
  load(file: number, data: Buffer, expect: (meta: Record<string, unknown>) => boolean): boolean {
    try {
      if (data.length < SNAPSHOT_MAGIC.length + 4 || !data.subarray(0, SNAPSHOT_MAGIC.length).equals(SNAPSHOT_MAGIC)) return false;
      const headerLength = data.readUInt32LE(SNAPSHOT_MAGIC.length);
      let at = SNAPSHOT_MAGIC.length + 4;
      const header = JSON.parse(data.toString('utf8', at, at + headerLength)) as {
        count: number;
        clients: (string | null)[];
        tools: (string | null)[];
        decisions: string[];
        outcomes: string[];
      };
      at += headerLength;
      const n = header.count;
      if (!expect(header) || !Number.isInteger(n) || n < 0) return false;
      const widths = this.columns().map((column) => column.BYTES_PER_ELEMENT);
      if (data.length !== at + widths.reduce((sum, w) => sum + w * n, 0)) return false;
      while (this.capacity < this.count + n) this.grow(Math.max(1024, this.capacity * 2));
      const base = this.count;
      for (const column of this.columns()) {
        const bytes = n * column.BYTES_PER_ELEMENT;
        data.copy(Buffer.from(column.buffer, column.byteOffset + base * column.BYTES_PER_ELEMENT, bytes), 0, at, at + bytes);
        at += bytes;
      }
      const clientIds = header.clients.map((value) => this.clients.id(value));
      const toolIds = header.tools.map((value) => this.tools.id(value));
      const decisionIds = header.decisions.map((value) => Math.max(0, DECISIONS.indexOf(value)));
      const outcomeIds = header.outcomes.map((value) => Math.max(0, OUTCOMES.indexOf(value)));
      for (let i = base; i < base + n; i++) {
        this.file[i] = file;
        this.client[i] = clientIds[this.client[i]] ?? 0;
        this.tool[i] = toolIds[this.tool[i]] ?? 0;
        this.decision[i] = decisionIds[this.decision[i]] ?? 0;
        this.outcome[i] = outcomeIds[this.outcome[i]] ?? 0;
      }
      this.count += n;
      return true;
    } catch {
      return false;
    }
  }

  private columns(): (Float64Array | Uint32Array | Uint8Array)[] {
    return [this.seq, this.time, this.offset, this.length, this.client, this.tool, this.decision, this.outcome];
  }

  private copyRow(from: number, to: number): void {
    this.seq[to] = this.seq[from];
    this.time[to] = this.time[from];
    this.file[to] = this.file[from];
    this.offset[to] = this.offset[from];
    this.length[to] = this.length[from];
    this.client[to] = this.client[from];
    this.tool[to] = this.tool[from];
    this.decision[to] = this.decision[from];
    this.outcome[to] = this.outcome[from];
  }

  private grow(capacity: number): void {
    const grow = <T extends Float64Array | Uint32Array | Uint8Array>(old: T, make: (n: number) => T): T => {
      const next = make(capacity);
      next.set(old.subarray(0, this.count) as never);
      return next;
    };
    this.seq = grow(this.seq, (n) => new Float64Array(n));
    this.time = grow(this.time, (n) => new Float64Array(n));
    this.file = grow(this.file, (n) => new Uint32Array(n));
    this.offset = grow(this.offset, (n) => new Float64Array(n));
    this.length = grow(this.length, (n) => new Uint32Array(n));
    this.client = grow(this.client, (n) => new Uint32Array(n));
    this.tool = grow(this.tool, (n) => new Uint32Array(n));
    this.decision = grow(this.decision, (n) => new Uint8Array(n));
    this.outcome = grow(this.outcome, (n) => new Uint8Array(n));
    this.capacity = capacity;
  }
}
