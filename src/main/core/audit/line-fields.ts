// Reads the indexed fields of one stored line. Lines are canonical JSON (keys sorted, see sealEntry), so a
// small byte-level reader walks the line in that fixed order, decoding only the fields it indexes;
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
const K_ARGS = keyBytes('{"args":');
const K_CLIENT_ID = keyBytes(',"clientId":');
const K_CLIENT_NAME = keyBytes(',"clientName":');
const K_DECISION = keyBytes(',"decision":');
const K_DURATION = keyBytes(',"durationMs":');
const K_IDENTITY = keyBytes(',"identity":');
const K_MESSAGE = keyBytes(',"message":');
const K_OUTCOME = keyBytes(',"outcome":');
const K_PD_REQUEST_ID = keyBytes(',"pdRequestId":');
const K_PD_STATUS = keyBytes(',"pdStatus":');
const K_PREV_HASH = keyBytes(',"prevHash":');
const K_PROFILE_ID = keyBytes(',"profileId":');
const K_PROFILE_NAME = keyBytes(',"profileName":');
const K_SEQ = keyBytes(',"seq":');
const K_TIME = keyBytes(',"time":');
const K_TOOL = keyBytes(',"tool":');
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
  // Keys in sorted order, as canonicalJson writes them.
  if (!literal(K_ARGS) || !skipObject()) return null;
  if (!literal(K_CLIENT_ID)) return null;
  const client = nullableString();
  if (client < 0) return null;
  out.clientId = client === 0 ? null : text();
  if (!literal(K_CLIENT_NAME) || nullableString() < 0) return null;
  if (!literal(K_DECISION) || !string()) return null;
  out.decision = text();
  if (!literal(K_DURATION) || !skipScalar()) return null;
  if (!literal(K_IDENTITY) || nullableString() < 0) return null;
  if (!literal(K_MESSAGE) || nullableString() < 0) return null;
  if (!literal(K_OUTCOME) || !string()) return null;
  out.outcome = text();
  if (!literal(K_PD_REQUEST_ID) || nullableString() < 0) return null;
  if (!literal(K_PD_STATUS) || !skipScalar()) return null;
  if (!literal(K_PREV_HASH) || !string()) return null;
  if (!literal(K_PROFILE_ID) || nullableString() < 0) return null;
  if (!literal(K_PROFILE_NAME) || nullableString() < 0) return null;
  if (!literal(K_SEQ)) return null;
  out.seq = integer();
  if (out.seq < 0 || !literal(K_TIME) || !string()) return null;
  const time = escaped ? Number.NaN : isoTime(line, from, to);
  out.time = Number.isNaN(time) ? Date.parse(text()) : time;
  if (!literal(K_TOOL) || !string()) return null;
  out.tool = text();
  return out;
}

/** Steps over a JSON object (args) without reading it: brackets counted outside strings. */
function skipObject(): boolean {
  if (buf[pos] !== 0x7b) return false;
  let depth = 0;
  while (pos < end) {
    const c = buf[pos];
    if (c === QUOTE) {
      if (!string()) return false;
      continue;
    }
    if (c === 0x7b || c === 0x5b) depth++;
    else if (c === 0x7d || c === 0x5d) {
      depth--;
      if (depth === 0) {
        pos++;
        return true;
      }
    }
    pos++;
  }
  return false;
}

/** Steps over a number or null, up to the next comma. */
function skipScalar(): boolean {
  const begin = pos;
  while (pos < end && buf[pos] !== 0x2c) pos++;
  return pos > begin && pos < end;
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
