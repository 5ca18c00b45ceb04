import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { ZERO_HASH, entryHash, openAuditLog, type AuditIo, type AuditLog, type OpenAuditLog } from '../../../../src/main/core/audit';
import { ContractError } from '../../../../src/shared/contract';
import type { AuditEntry } from '../../../../src/shared/model';
import { input, readLines, removeTempDirs, segmentFiles, tempDir } from './helpers';

const ROOT = path.resolve(import.meta.dirname, '../../../..');
const open: AuditLog[] = [];
async function openLog(options: Parameters<typeof openAuditLog>[0]): Promise<OpenAuditLog> {
  const log = await openAuditLog({ groupCommitMs: 0, ...options });
  open.push(log);
  return log;
}
afterEach(async () => {
  for (const log of open.splice(0)) await log.close();
});
afterAll(removeTempDirs);

describe('append', () => {
  it('assigns seq, chains hashes from 64 zeros and writes one JSON line per entry', async () => {
    const dir = tempDir();
    const audit = await openLog({ dir });
    const first = await audit.append(input());
    const second = await audit.append(input({ tool: 'get_incident', args: { id: 'P123' } }));
    expect(first.seq).toBe(1);
    expect(first.prevHash).toBe(ZERO_HASH);
    expect(second.seq).toBe(2);
    expect(second.prevHash).toBe(first.hash);
    expect(second.hash).toBe(entryHash({ ...second, hash: undefined } as never));
    const lines = readLines(path.join(dir, 'audit-000001.jsonl'));
    expect(lines.map((line) => JSON.parse(line))).toEqual([first, second]);
    expect(await audit.get(2)).toEqual(second);
    expect(await audit.get(3)).toBeNull();
  });

  it('batches concurrent appends into fewer fsyncs and keeps the file in seq order', async () => {
    const dir = tempDir();
    let syncs = 0;
    const audit = await openLog({
      dir,
      groupCommitMs: 2,
      io: {
        sync: async (handle) => {
          syncs++;
          await handle.datasync();
        },
      },
    });
    const entries = await Promise.all(Array.from({ length: 200 }, (_, i) => audit.append(input({ durationMs: i }))));
    expect(entries.map((e) => e.seq)).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
    expect(syncs).toBeLessThan(20);
    const onDisk = readLines(path.join(dir, 'audit-000001.jsonl')).map((line) => JSON.parse(line).seq);
    expect(onDisk).toEqual(entries.map((e) => e.seq));
    expect((await audit.verify()).ok).toBe(true);
  });

  it('keeps only schema fields, redacts secret-looking args again, and rejects bad input without writing', async () => {
    const dir = tempDir();
    const audit = await openLog({ dir });
    const sneaky = { ...input({ args: { apiKey: 'u+abcdefghijklmnop', title: 'Disk full' } }), token: 'Bearer should-not-be-stored' };
    const entry = await audit.append(sneaky as never);
    expect(entry.args).toEqual({ apiKey: '[redacted]', title: 'Disk full' });
    const text = fs.readFileSync(path.join(dir, 'audit-000001.jsonl'), 'utf8');
    expect(text).not.toContain('should-not-be-stored');
    expect(text).not.toContain('abcdefghijklmnop');

    await expect(audit.append(input({ decision: 'maybe' as never }))).rejects.toThrow(/decision/);
    await expect(audit.append(input({ time: 'yesterday' }))).rejects.toThrow(/time/);
    expect(readLines(path.join(dir, 'audit-000001.jsonl'))).toHaveLength(1);
    expect(audit.healthy).toBe(true);
    expect((await audit.append(input())).seq).toBe(2);
  });

  it('tells onAppend listeners about each durable entry, in order, until unsubscribed', async () => {
    const audit = await openLog({ dir: tempDir() });
    const seen: number[] = [];
    const off = audit.onAppend((entry) => seen.push(entry.seq));
    await Promise.all([audit.append(input()), audit.append(input()), audit.append(input())]);
    off();
    await audit.append(input());
    expect(seen).toEqual([1, 2, 3]);
  });
});

describe('one writer per folder', () => {
  it('opens read-only while another live writer holds the folder, and takes over a lock left by a dead process', async () => {
    const dir = tempDir();
    const writer = await openLog({ dir });
    await writer.append(input());
    const reader = await openAuditLog({ dir });
    open.push(reader);
    expect(reader.healthy).toBe(false);
    expect(reader.readOnly).toMatch(/another running copy of the app \(process \d+\) is writing it/);
    await expect(reader.append(input())).rejects.toThrow(/cannot be written here because another running copy.*Quit the other copy/);
    expect((await reader.query({ limit: 10 })).entries.map((e) => e.seq)).toEqual([1]);
    expect(await reader.verify()).toMatchObject({ ok: true, entries: 1 });
    await reader.close();
    expect((await writer.append(input())).seq).toBe(2);
    await writer.close();

    fs.writeFileSync(path.join(dir, 'audit.lock'), '2147483646'); // no such process
    const next = await openLog({ dir });
    expect(next.readOnly).toBeNull();
    expect((await next.append(input())).seq).toBe(3);
  });

  it('never repairs or prunes anything when read-only, even with a torn tail', async () => {
    const dir = tempDir();
    const writer = await openLog({ dir });
    await writer.append(input());
    await writer.close();
    const file = path.join(dir, 'audit-000001.jsonl');
    fs.appendFileSync(file, '{"args":{},"clientId":"half');
    const before = fs.readFileSync(file, 'utf8');
    const reader = await openLog({ dir, readOnly: true });
    expect((await reader.query({ limit: 10 })).entries).toHaveLength(1);
    expect(await reader.verify()).toMatchObject({ ok: true, entries: 1, setAside: 0 });
    await reader.close();
    expect(fs.readFileSync(file, 'utf8')).toBe(before);
  });
});

describe('chain and verify', () => {
  it('spans rotated files: the chain continues across files and after reopening', async () => {
    const dir = tempDir();
    let audit = await openLog({ dir, maxFileBytes: 2048 });
    for (let i = 0; i < 40; i++) await audit.append(input({ durationMs: i }));
    await audit.close();
    const files = segmentFiles(dir);
    expect(files.length).toBeGreaterThan(3);
    for (const file of files) expect(fs.statSync(path.join(dir, file)).size).toBeLessThanOrEqual(2048);
    const lastOfFirst = JSON.parse(readLines(path.join(dir, files[0])).at(-1)!);
    const firstOfSecond = JSON.parse(readLines(path.join(dir, files[1]))[0]);
    expect(firstOfSecond.prevHash).toBe(lastOfFirst.hash);

    audit = await openLog({ dir, maxFileBytes: 2048 });
    const next = await audit.append(input());
    expect(next.seq).toBe(41);
    const result = await audit.verify();
    expect(result).toEqual({ ok: true, entries: 41, brokenAt: null, setAside: 0, message: 'Chain intact: 41 entries' });
  });

  it('reopens from index snapshots of sealed files, and rereads a file whose snapshot is stale or damaged', async () => {
    const dir = tempDir();
    let audit = await openLog({ dir, maxFileBytes: 2048 });
    for (let i = 0; i < 40; i++) await audit.append(input({ tool: i % 2 ? 'create_incident' : 'list_incidents', clientId: `c${i % 3}` }));
    await audit.close();
    const files = segmentFiles(dir);
    const snapshots = fs.readdirSync(dir).filter((name) => name.endsWith('.idx'));
    expect(snapshots).toHaveLength(files.length - 1);

    const pageOf = async (log: AuditLog) => (await log.query({ tool: 'create_incident', clientId: 'c1', limit: 500 })).entries.map((e) => e.seq);
    audit = await openLog({ dir, maxFileBytes: 2048 });
    const expected = Array.from({ length: 40 }, (_, i) => i)
      .filter((i) => i % 2 === 1 && i % 3 === 1)
      .map((i) => i + 1)
      .reverse();
    expect(await pageOf(audit)).toEqual(expected);
    await audit.close();

    // Damage one snapshot, and hand-edit the tool of entry 2 in a sealed file (its snapshot is now stale).
    fs.writeFileSync(path.join(dir, snapshots[1]), 'garbage');
    const first = path.join(dir, files[0]);
    fs.writeFileSync(first, fs.readFileSync(first, 'utf8').replace('"tool":"create_incident"', '"tool":"edited_tool"'));
    audit = await openLog({ dir, maxFileBytes: 2048 });
    expect((await audit.query({ tool: 'edited_tool', limit: 10 })).entries.map((e) => e.seq)).toEqual([2]);
    expect(await pageOf(audit)).toEqual(expected.filter((seq) => seq !== 2));
    expect((await audit.verify()).brokenAt).toBe(2);
  });

  it('points at an entry edited in the middle of the log', async () => {
    const dir = tempDir();
    let audit = await openLog({ dir, maxFileBytes: 4096 });
    for (let i = 0; i < 30; i++) await audit.append(input({ outcome: 'refused', decision: 'not_approved' }));
    await audit.close();
    const file = segmentFiles(dir).map((name) => path.join(dir, name)).find((f) => readLines(f).some((l) => JSON.parse(l).seq === 17))!;
    const lines = readLines(file).map((line) => (JSON.parse(line).seq === 17 ? line.replace('"outcome":"refused"', '"outcome":"ok"') : line));
    expect(lines.join('\n')).toContain('"outcome":"ok"');
    fs.writeFileSync(file, `${lines.join('\n')}\n`);

    audit = await openLog({ dir, maxFileBytes: 4096 });
    const result = await audit.verify();
    expect(result.ok).toBe(false);
    expect(result.brokenAt).toBe(17);
    expect(result.message).toBe('Entry 17 does not follow from entry 16 — the log was edited');
  });

  it('still verifies a line that was only reformatted (other key order, spaces), not changed', async () => {
    const dir = tempDir();
    let audit = await openLog({ dir });
    for (let i = 0; i < 5; i++) await audit.append(input({ args: { title: `incident ${i}`, nested: { b: 1, a: [1, 2] } } }));
    await audit.close();
    const file = path.join(dir, 'audit-000001.jsonl');
    const lines = readLines(file);
    const three = JSON.parse(lines[2]) as AuditEntry;
    const { hash, seq, args: _args, ...rest } = three;
    lines[2] = JSON.stringify({ hash, seq, ...rest, args: { nested: { a: [1, 2], b: 1 }, title: 'incident 2' } }, null, 1).replace(/\n/g, ' ');
    fs.writeFileSync(file, `${lines.join('\n')}\n`);
    audit = await openLog({ dir });
    expect(await audit.verify()).toMatchObject({ ok: true, entries: 5 });
    expect((await audit.query({ tool: 'list_incidents', limit: 10 })).entries).toHaveLength(5);
    expect((await audit.get(3))?.args).toEqual(three.args);
  });

  it('notices a deleted line and a line whose hash was recomputed by the editor', async () => {
    const dir = tempDir();
    let audit = await openLog({ dir });
    for (let i = 0; i < 10; i++) await audit.append(input());
    await audit.close();
    const file = path.join(dir, 'audit-000001.jsonl');
    const lines = readLines(file);
    // Rewrite entry 5 and fix up its own hash: entry 6 no longer follows.
    const five = JSON.parse(lines[4]) as AuditEntry;
    const forged = { ...five, outcome: 'ok', tool: 'delete_everything' } as AuditEntry;
    forged.hash = entryHash(forged);
    lines[4] = JSON.stringify(forged);
    fs.writeFileSync(file, `${lines.join('\n')}\n`);
    audit = await openLog({ dir });
    expect((await audit.verify()).brokenAt).toBe(6);
    await audit.close();

    lines.splice(4, 2); // drop entries 5 and 6 entirely
    fs.writeFileSync(file, `${readLines(file).filter((l) => ![5, 6].includes(JSON.parse(l).seq)).join('\n')}\n`);
    audit = await openLog({ dir });
    const result = await audit.verify();
    expect(result.brokenAt).toBe(7);
    expect(result.message).toBe('Entry 7 does not follow from entry 4 — the log was edited');
  });
});

describe('crash safety', () => {
  it('sets a torn last line aside, truncates to the last good line, and continues the chain', async () => {
    const dir = tempDir();
    let audit = await openLog({ dir });
    for (let i = 0; i < 5; i++) await audit.append(input());
    await audit.close();
    const file = path.join(dir, 'audit-000001.jsonl');
    const goodSize = fs.statSync(file).size;
    const torn = '{"seq":6,"time":"2026-11-30T10:00:00.000Z","clientId":"claude-co';
    fs.appendFileSync(file, torn);

    audit = await openLog({ dir, now: () => new Date('2026-11-30T11:00:00Z') });
    expect(fs.statSync(file).size).toBe(goodSize);
    const tornFiles = fs.readdirSync(dir).filter((name) => name.startsWith('audit-torn-'));
    expect(tornFiles).toEqual(['audit-torn-2026-11-30T11-00-00-000Z.jsonl']);
    expect(fs.readFileSync(path.join(dir, tornFiles[0]), 'utf8')).toBe(`${torn}\n`);
    const next = await audit.append(input());
    expect(next.seq).toBe(6);
    expect(next.prevHash).toBe((await audit.get(5))!.hash);
    const result = await audit.verify();
    expect(result).toMatchObject({ ok: true, entries: 6, setAside: 1 });
    expect(result.message).toBe('Chain intact: 6 entries (1 torn line from a crash set aside)');
  });

  it('handles debris in a just-rotated file: the chain continues from the previous file', async () => {
    const dir = tempDir();
    let audit = await openLog({ dir, maxFileBytes: 2048 });
    for (let i = 0; i < 10; i++) await audit.append(input());
    await audit.close();
    const files = segmentFiles(dir);
    const next = `audit-${String(files.length + 1).padStart(6, '0')}.jsonl`;
    fs.writeFileSync(path.join(dir, next), '\0\0\0\0\n{"args":{},"clie');

    audit = await openLog({ dir, maxFileBytes: 2048 });
    expect(fs.statSync(path.join(dir, next)).size).toBe(0);
    expect((await audit.verify()).setAside).toBe(1);
    const entry = await audit.append(input());
    expect(entry.seq).toBe(11);
    expect(entry.prevHash).toBe((await audit.get(10))!.hash);
    expect(await audit.verify()).toMatchObject({ ok: true, entries: 11 });
  });

  it('keeps every entry whose append resolved when the writer is killed with SIGKILL', async () => {
    const dir = tempDir();
    // `node --import tsx` rather than the tsx CLI: the CLI runs the script in a grandchild that a SIGKILL
    // of the CLI would leave running.
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'fixtures/append-loop.ts'), dir], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const acknowledged: number[] = [];
    const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
    try {
      await new Promise<void>((resolve, reject) => {
        child.on('exit', () => reject(new Error(`writer exited early: ${stderr}`)));
        readline.createInterface({ input: child.stdout }).on('line', (line) => {
          if (line === 'ready') return;
          acknowledged.push(Number(line));
          if (acknowledged.length === 300) {
            child.kill('SIGKILL');
            resolve();
          }
        });
      });
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      await exited;
    }
    expect(segmentFiles(dir).length).toBeGreaterThan(1);

    const audit = await openLog({ dir, maxFileBytes: 8 * 1024 });
    for (const seq of acknowledged) expect(await audit.get(seq), `seq ${seq}`).not.toBeNull();
    const result = await audit.verify();
    expect(result.ok).toBe(true);
    expect(result.entries).toBeGreaterThanOrEqual(Math.max(...acknowledged));
    const next = await audit.append(input());
    expect(next.seq).toBe(result.entries + 1);
  });
});

describe('disk failures', () => {
  function flakyIo(mode: { failWrite: boolean; failSync: boolean }): Partial<AuditIo> {
    return {
      async write(handle, data, position) {
        if (mode.failWrite) {
          // Half the batch reaches the file before the disk fills: the worst case to clean up.
          await handle.write(data, 0, Math.floor(data.length / 2), position);
          throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
        }
        await handle.write(data, 0, data.length, position);
      },
      async sync(handle) {
        if (mode.failSync) throw Object.assign(new Error('EIO: i/o error, fsync'), { code: 'EIO' });
        await handle.datasync();
      },
    };
  }

  it('rejects the append, turns unhealthy, leaves nothing half-written, and recovers when the disk works again', async () => {
    const dir = tempDir();
    const mode = { failWrite: false, failSync: false };
    const audit = await openLog({ dir, io: flakyIo(mode) });
    await audit.append(input());
    const file = path.join(dir, 'audit-000001.jsonl');
    const before = fs.readFileSync(file, 'utf8');

    mode.failWrite = true;
    const failures = await Promise.allSettled([audit.append(input()), audit.append(input())]);
    expect(failures.map((f) => f.status)).toEqual(['rejected', 'rejected']);
    expect(String((failures[0] as PromiseRejectedResult).reason.message)).toMatch(/could not be written \(the disk is full\).*free disk space/);
    expect(audit.healthy).toBe(false);
    expect(fs.readFileSync(file, 'utf8')).toBe(before);

    mode.failWrite = false;
    mode.failSync = true;
    await expect(audit.append(input())).rejects.toThrow(/could not be written/);
    expect(audit.healthy).toBe(false);
    expect(fs.readFileSync(file, 'utf8')).toBe(before);

    mode.failSync = false;
    const recovered = await audit.append(input());
    expect(audit.healthy).toBe(true);
    expect(recovered.seq).toBe(2);
    expect(await audit.verify()).toMatchObject({ ok: true, entries: 2 });
  });

  it('probes whether the disk works again without adding an entry or leaving bytes behind', async () => {
    const dir = tempDir();
    const mode = { failWrite: false, failSync: false };
    const audit = await openLog({ dir, io: flakyIo(mode) });
    await audit.append(input());
    const file = path.join(dir, 'audit-000001.jsonl');
    const before = fs.readFileSync(file, 'utf8');
    expect(await audit.probe()).toBe(true);

    mode.failWrite = true;
    await expect(audit.append(input())).rejects.toThrow(/could not be written/);
    expect(await audit.probe()).toBe(false);
    expect(audit.healthy).toBe(false);

    mode.failWrite = false;
    expect(await audit.probe()).toBe(true);
    expect(audit.healthy).toBe(true);
    expect(fs.readFileSync(file, 'utf8')).toBe(before);
    expect((await audit.append(input())).seq).toBe(2);
    expect(await audit.verify()).toMatchObject({ ok: true, entries: 2 });
  });
});

describe('query', () => {
  async function seeded(count: number) {
    const dir = tempDir();
    const audit = await openLog({ dir, maxFileBytes: 256 * 1024 });
    const tools = ['list_incidents', 'get_incident', 'create_incident', 'list_services'];
    const clients = ['claude-code', 'cursor', 'vscode'];
    const start = Date.parse('2026-11-01T00:00:00Z');
    const pending: Promise<AuditEntry>[] = [];
    for (let i = 0; i < count; i++) {
      const refused = i % 7 === 0;
      pending.push(
        audit.append(
          input({
            time: new Date(start + i * 60_000).toISOString(),
            tool: tools[i % tools.length],
            clientId: clients[i % clients.length],
            decision: refused ? 'not_approved' : 'allowed',
            outcome: refused ? 'refused' : i % 11 === 0 ? 'error' : 'ok',
            durationMs: i,
          }),
        ),
      );
      if (pending.length === 2000) await Promise.all(pending.splice(0));
    }
    await Promise.all(pending);
    return { dir, audit, start };
  }

  it('pages newest first through 20,000 entries with filters and cursors, also after reopening', async () => {
    const { dir, audit } = await seeded(20_000);
    const newest = await audit.query({ limit: 100 });
    expect(newest.entries.map((e) => e.seq)).toEqual(Array.from({ length: 100 }, (_, i) => 20_000 - i));

    const all: number[] = [];
    let cursor: string | undefined;
    for (;;) {
      const page = await audit.query({ tool: 'create_incident', decision: 'not_approved', limit: 500, cursor });
      for (const entry of page.entries) {
        expect(entry.tool).toBe('create_incident');
        expect(entry.decision).toBe('not_approved');
      }
      all.push(...page.entries.map((e) => e.seq));
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    const expected = Array.from({ length: 20_000 }, (_, i) => i)
      .filter((i) => i % 4 === 2 && i % 7 === 0)
      .map((i) => i + 1)
      .reverse();
    expect(all).toEqual(expected);

    await audit.close();
    const reopened = await openLog({ dir, maxFileBytes: 256 * 1024 });
    const since = '2026-11-01T01:00:00Z';
    const until = '2026-11-01T02:00:00Z';
    const page = await reopened.query({ clientId: 'cursor', outcome: 'ok', since, until, limit: 500 });
    const want = Array.from({ length: 20_000 }, (_, i) => i)
      .filter((i) => i >= 60 && i <= 120 && i % 3 === 1 && i % 7 !== 0 && i % 11 !== 0)
      .map((i) => i + 1)
      .reverse();
    expect(page.entries.map((e) => e.seq)).toEqual(want);
    expect(page.nextCursor).toBeNull();
    expect((await reopened.query({ tool: 'no_such_tool', limit: 10 })).entries).toEqual([]);
    expect((await reopened.get(12_345))!.durationMs).toBe(12_344);
  });

  it('refuses a cursor it did not issue, with a sentence saying what to do', async () => {
    const audit = await openLog({ dir: tempDir() });
    await audit.append(input());
    const error = await audit.query({ limit: 10, cursor: 'abc' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ContractError);
    expect((error as ContractError).message).toMatch(/Reload the timeline/);
  });

  it('counts calls, errors and refusals per bucket', async () => {
    const { audit } = await seeded(600);
    const buckets = await audit.histogram('2026-11-01T00:00:00Z', '2026-11-01T10:00:00Z', 10);
    expect(buckets).toHaveLength(10);
    expect(buckets[0].start).toBe('2026-11-01T00:00:00.000Z');
    expect(buckets[1].start).toBe('2026-11-01T01:00:00.000Z');
    const minutes = (b: number) => Array.from({ length: 60 }, (_, k) => b * 60 + k);
    expect(buckets[0]).toEqual({
      start: '2026-11-01T00:00:00.000Z',
      calls: 60,
      errors: minutes(0).filter((i) => i % 7 !== 0 && i % 11 === 0).length,
      refused: minutes(0).filter((i) => i % 7 === 0).length,
    });
    expect(buckets.reduce((sum, b) => sum + b.calls, 0)).toBe(600);
    await expect(audit.histogram('2026-11-02T00:00:00Z', '2026-11-01T00:00:00Z', 10)).rejects.toThrow(/later than since/);
  });
});

describe('export', () => {
  function parseCsv(text: string): string[][] {
    const rows: string[][] = [];
    let row: string[] = [];
    let cell = '';
    let quoted = false;
    for (let i = 0; i < text.length; i++) {
      const c = text[i];
      if (quoted) {
        if (c === '"' && text[i + 1] === '"') {
          cell += '"';
          i++;
        } else if (c === '"') quoted = false;
        else cell += c;
      } else if (c === '"') quoted = true;
      else if (c === ',') {
        row.push(cell);
        cell = '';
      } else if (c === '\r' && text[i + 1] === '\n') {
        row.push(cell);
        rows.push(row);
        row = [];
        cell = '';
        i++;
      } else cell += c;
    }
    return rows;
  }

  it('streams JSONL and CSV that read back to the same entries', async () => {
    const dir = tempDir();
    const audit = await openLog({ dir });
    const tricky = 'He said "stop", then\nleft, at 3am';
    for (let i = 0; i < 30; i++) {
      await audit.append(input({ tool: i % 2 ? 'create_incident' : 'list_incidents', message: tricky, args: { title: tricky, n: i } }));
    }
    const out = tempDir('pdmcp-export-');
    const jsonl = await audit.export('jsonl', { tool: 'create_incident' }, path.join(out, 'a.jsonl'));
    expect(jsonl.count).toBe(15);
    const exported = readLines(jsonl.path).map((line) => JSON.parse(line) as AuditEntry);
    expect(exported.map((e) => e.seq)).toEqual(Array.from({ length: 15 }, (_, i) => 2 * i + 2));
    for (const entry of exported) expect(entry).toEqual(await audit.get(entry.seq));

    const csv = await audit.export('csv', {}, path.join(out, 'a.csv'));
    expect(csv.count).toBe(30);
    const [header, ...rows] = parseCsv(fs.readFileSync(csv.path, 'utf8'));
    expect(header).toContain('args');
    expect(rows).toHaveLength(30);
    for (const row of rows) {
      const record = Object.fromEntries(header.map((h, i) => [h, row[i]]));
      const entry = (await audit.get(Number(record.seq)))!;
      expect(record.message).toBe(tricky);
      expect(JSON.parse(record.args)).toEqual(entry.args);
      expect(record.hash).toBe(entry.hash);
      expect(record.pdRequestId).toBe(entry.pdRequestId);
    }
    expect(fs.readdirSync(out).sort()).toEqual(['a.csv', 'a.jsonl']);
  });
});

describe('retention', () => {
  it('deletes whole old files on open and verifies from the oldest remaining file', async () => {
    const dir = tempDir();
    let audit = await openLog({ dir, maxFileBytes: 2048 });
    for (let i = 0; i < 12; i++) await audit.append(input({ time: '2026-01-01T00:00:00.000Z' }));
    for (let i = 0; i < 12; i++) await audit.append(input({ time: '2026-11-29T00:00:00.000Z' }));
    await audit.close();
    const before = segmentFiles(dir);

    audit = await openLog({ dir, maxFileBytes: 2048, retentionDays: 30, now: () => new Date('2026-11-30T00:00:00Z') });
    const after = segmentFiles(dir);
    expect(after.length).toBeLessThan(before.length);
    expect(after.at(-1)).toBe(before.at(-1));
    const remaining = await audit.query({ limit: 500 });
    expect(remaining.entries.every((e) => e.time.startsWith('2026-11-29') || e.seq > 12)).toBe(true);
    const oldest = remaining.entries.at(-1)!;
    expect(await audit.get(1)).toBeNull();
    const result = await audit.verify();
    expect(result).toMatchObject({ ok: true, entries: 24 - oldest.seq + 1 });
    expect((await audit.append(input())).seq).toBe(25);
  });

  it('sweeps old files while running, and queries stop returning their entries', async () => {
    const dir = tempDir();
    let clock = new Date('2026-01-01T00:00:00Z');
    const audit = await openAuditLog({ dir, maxFileBytes: 2048, retentionDays: 30, groupCommitMs: 0, now: () => clock });
    open.push(audit);
    for (let i = 0; i < 12; i++) await audit.append(input({ time: '2026-01-01T00:00:00.000Z' }));
    const filesBefore = segmentFiles(dir).length;
    clock = new Date('2026-03-01T00:00:00Z');
    for (let i = 0; i < 12; i++) await audit.append(input({ time: '2026-03-01T00:00:00.000Z' }));
    await audit.enforceRetention();
    expect(segmentFiles(dir).length).toBeLessThan(filesBefore + 2);
    expect(await audit.get(1)).toBeNull();
    const entries = (await audit.query({ limit: 500 })).entries;
    expect(entries.length).toBeGreaterThanOrEqual(12);
    expect(entries.length).toBeLessThan(24);
    expect((await audit.verify()).ok).toBe(true);
    await audit.close(); // waits for background index snapshots
    expect(fs.readdirSync(dir).filter((name) => name.endsWith('.idx')).length).toBe(segmentFiles(dir).length - 1);
  });
});
