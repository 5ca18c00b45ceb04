// Reads the indexed fields of one stored line. Lines are written with a fixed key order (entryLine), so a
// small byte-level reader walks the head of the line (seq … outcome) without decoding or parsing the rest;
// that is what keeps opening a million-entry log within seconds. Any line that does not look exactly like
// ours (hand-edited, reordered) falls back to JSON.parse, so correctness never depends on the shortcut.
export interface LineFields {
  seq: number;
  time: number;
  clientId: string | null;
  tool: string;
  decision: string;
  outcome: string;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const keyBytes = (text: string) => Buffer.from(text, 'latin1');
const K_SEQ = keyBytes('{"seq":');
const K_TIME = keyBytes(',"time":');
const K_CLIENT_ID = keyBytes(',"clientId":');
const K_CLIENT_NAME = keyBytes(',"clientName":');
const K_PROFILE_ID = keyBytes(',"profileId":');
const K_PROFILE_NAME = keyBytes(',"profileName":');
const K_TOOL = keyBytes(',"tool":');
const K_TOOL_CLASS = keyBytes(',"toolClass":');
const K_DECISION = keyBytes(',"decision":');
const K_OUTCOME = keyBytes(',"outcome":');
const NULL = keyBytes('null');

// One reader reused for every line: opening a large log must not make garbage per line.
let buf: Buffer = Buffer.alloc(0);
let pos = 0;
let end = 0;
// The last string read: [from, to) of its raw bytes, and whether it has escapes.
let from = 0;
let to = 0;
let escaped = false;

function literal(bytes: Buffer): boolean {
  if (pos + bytes.length > end) return false;
  for (let i = 0; i < bytes.length; i++) if (buf[pos + i] !== bytes[i]) return false;
  pos += bytes.length;
  return true;
}

function integer(): number {
  let value = 0;
  const begin = pos;
  while (pos < end) {
    const c = buf[pos];
    if (c < 0x30 || c > 0x39) break;
    value = value * 10 + (c - 0x30);
    pos++;
  }
  return pos === begin || pos - begin > 15 ? -1 : value;
}

/** Reads a JSON string into from/to/escaped. */
function string(): boolean {
  if (buf[pos] !== QUOTE) return false;
  let i = pos + 1;
  escaped = false;
  while (i < end) {
    const c = buf[i];
    if (c === BACKSLASH) {
      escaped = true;
      i += 2;
      continue;
    }
    if (c === QUOTE) {
      from = pos + 1;
      to = i;
      pos = i + 1;
      return true;
    }
    i++;
  }
  return false;
}

/** null (returns 0), a string (1, in from/to), or neither (-1). */
function nullableString(): number {
  if (literal(NULL)) return 0;
  return string() ? 1 : -1;
}

function text(): string {
  return escaped ? (JSON.parse(buf.toString('utf8', from - 1, to + 1)) as string) : buf.toString('utf8', from, to);
}

const scratch: LineFields = { seq: 0, time: 0, clientId: null, tool: '', decision: '', outcome: '' };

/** The fields of one line, or null when it is not an entry. The result object is reused: copy what you keep. */
export function lineFields(line: Buffer, start: number, stop: number): LineFields | null {
  return fastFields(line, start, stop) ?? parsedFields(line.toString('utf8', start, stop));
}

function fastFields(line: Buffer, start: number, stop: number): LineFields | null {
  buf = line;
  pos = start;
  end = stop;
  const out = scratch;
  if (!literal(K_SEQ)) return null;
  out.seq = integer();
  if (out.seq < 0 || !literal(K_TIME) || !string()) return null;
  const time = escaped ? Number.NaN : isoTime(line, from, to);
  out.time = Number.isNaN(time) ? Date.parse(text()) : time;
  if (!literal(K_CLIENT_ID)) return null;
  const client = nullableString();
  if (client < 0) return null;
  out.clientId = client === 0 ? null : text();
  if (!literal(K_CLIENT_NAME) || nullableString() < 0) return null;
  if (!literal(K_PROFILE_ID) || nullableString() < 0) return null;
  if (!literal(K_PROFILE_NAME) || nullableString() < 0) return null;
  if (!literal(K_TOOL) || !string()) return null;
  out.tool = text();
  if (!literal(K_TOOL_CLASS) || nullableString() < 0) return null;
  if (!literal(K_DECISION) || !string()) return null;
  out.decision = text();
  if (!literal(K_OUTCOME) || !string()) return null;
  out.outcome = text();
  return out;
}

function digits(at: number, n: number): number {
  let v = 0;
  for (let k = 0; k < n; k++) {
    const c = buf[at + k] - 0x30;
    if (c < 0 || c > 9) return Number.NaN;
    v = v * 10 + c;
  }
  return v;
}

/** "2026-11-30T10:00:00.000Z" (what toISOString writes) without building a string; NaN for other forms. */
function isoTime(line: Buffer, a: number, b: number): number {
  if (b - a !== 24 || line[a + 23] !== 0x5a /* Z */ || line[a + 10] !== 0x54 /* T */) return Number.NaN;
  if (line[a + 4] !== 0x2d || line[a + 7] !== 0x2d || line[a + 13] !== 0x3a || line[a + 16] !== 0x3a || line[a + 19] !== 0x2e) return Number.NaN;
  return Date.UTC(digits(a, 4), digits(a + 5, 2) - 1, digits(a + 8, 2), digits(a + 11, 2), digits(a + 14, 2), digits(a + 17, 2), digits(a + 20, 3));
}

function parsedFields(line: string): LineFields | null {
  try {
    const e = JSON.parse(line) as Record<string, unknown>;
    if (typeof e.seq !== 'number' || typeof e.time !== 'string' || typeof e.tool !== 'string') return null;
    return {
      seq: e.seq,
      time: Date.parse(e.time),
      clientId: typeof e.clientId === 'string' ? e.clientId : null,
      tool: e.tool,
      decision: String(e.decision),
      outcome: String(e.outcome),
    };
  } catch {
    return null;
  }
}
