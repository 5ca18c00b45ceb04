// Audit timeline benchmark: builds a 1,000,000-entry log in a temp dir through the real append path
// (group commit, fsync), reopens it (index build), and times the queries the timeline view makes against
// the 50 ms target. Run: npx tsx bench/audit.bench.ts [entries] [--keep]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { openAuditLog, type AuditInput } from '../src/main/core/audit';

const total = Number(process.argv.find((a) => /^\d+$/.test(a)) ?? 1_000_000);
const keep = process.argv.includes('--keep');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pdmcp-audit-bench-'));
const TARGET_MS = 50;

const tools = Array.from({ length: 40 }, (_, i) => `tool_${i}`);
tools[7] = 'create_incident';
const clients = ['claude-code', 'cursor', 'vscode', 'windsurf', 'claude-desktop'];
const span = 80 * 24 * 3600_000;
const start = Date.now() - span;

// A small deterministic generator so runs are comparable.
let seed = 42;
const rand = () => {
  seed = (seed * 1_103_515_245 + 12_345) & 0x7fffffff;
  return seed / 0x7fffffff;
};

function entry(i: number): AuditInput {
  const tool = tools[Math.floor(rand() * tools.length)];
  const refused = rand() < 0.08;
  const error = !refused && rand() < 0.03;
  return {
    time: new Date(start + Math.floor((i / total) * span)).toISOString(),
    clientId: clients[i % clients.length],
    clientName: clients[i % clients.length],
    profileId: 'on-call',
    profileName: 'On-call',
    tool,
    toolClass: tool.startsWith('create') ? 'write' : 'read',
    decision: refused ? 'not_approved' : 'allowed',
    outcome: refused ? 'refused' : error ? 'error' : 'ok',
    durationMs: Math.round(rand() * 900),
    pdStatus: refused ? null : error ? 500 : 200,
    pdRequestId: refused ? null : `req-${i}`,
    identity: 'api_key:ops@example.com',
    args: { statuses: ['triggered', 'acknowledged'], limit: 25, service_ids: [`P${i % 997}`], note: 'x'.repeat(60) },
    message: refused ? 'Tool create_incident is not approved; approve it in the app.' : null,
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function time<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const t0 = performance.now();
  const result = await fn();
  return [performance.now() - t0, result];
}

async function repeat(fn: () => Promise<unknown>, runs = 21): Promise<{ cold: number; median: number }> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push((await time(fn))[0]);
  return { cold: times[0], median: median(times.slice(1)) };
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;
const ms = (value: number) => `${value.toFixed(1)} ms`;

let audit = await openAuditLog({ dir });
const [buildMs] = await time(async () => {
  const wave = 4000;
  for (let i = 0; i < total; i += wave) {
    const batch: Promise<unknown>[] = [];
    for (let j = i; j < Math.min(total, i + wave); j++) batch.push(audit.append(entry(j)));
    await Promise.all(batch);
    if (i % 100_000 === 0 && i > 0) process.stderr.write(`  appended ${i.toLocaleString('en-US')}\n`);
  }
});
await audit.close();
const diskBytes = fs.readdirSync(dir).reduce((sum, name) => sum + fs.statSync(path.join(dir, name)).size, 0);

const rssBefore = process.memoryUsage().rss;
const [openMs, reopened] = await time(() => openAuditLog({ dir }));
audit = reopened;
const rssAfterOpen = process.memoryUsage().rss;

const newest = await repeat(() => audit.query({ limit: 100 }));
const filtered = await repeat(() => audit.query({ tool: 'create_incident', decision: 'not_approved', limit: 100 }));
const firstPage = await audit.query({ tool: 'create_incident', decision: 'not_approved', limit: 100 });
const secondPage = await repeat(() => audit.query({ tool: 'create_incident', decision: 'not_approved', limit: 100, cursor: firstPage.nextCursor ?? undefined }));
const rare = await repeat(() =>
  audit.query({ clientId: 'windsurf', tool: 'tool_3', outcome: 'error', since: new Date(start).toISOString(), limit: 100 }),
);
const histogram = await repeat(() => audit.histogram(new Date(Date.now() - 30 * 86_400_000).toISOString(), new Date().toISOString(), 60));
const get = await repeat(() => audit.get(1 + Math.floor(rand() * total)));
const [verifyMs, verified] = await time(() => audit.verify());
await audit.close();

// The same open without the sealed files' index snapshots (first open after an upgrade, or damaged snapshots).
for (const name of fs.readdirSync(dir)) if (name.endsWith('.idx')) fs.rmSync(path.join(dir, name));
const [scanOpenMs, scanned] = await time(() => openAuditLog({ dir }));
await scanned.close();

const row = (what: string, result: { cold: number; median: number }, target = true) =>
  `| ${what} | ${ms(result.cold)} | ${ms(result.median)} | ${target ? `${TARGET_MS} ms` : '—'} | ${target ? (result.median <= TARGET_MS ? 'yes' : 'NO') : '—'} |`;

console.log(`\n## Audit timeline benchmark: ${total.toLocaleString('en-US')} entries (${os.cpus().length} cores, Node ${process.version})\n`);
console.log('| operation | first run | median of 20 | target | met |');
console.log('|---|---|---|---|---|');
console.log(row('newest 100', newest));
console.log(row('filtered page (tool=create_incident, decision=not_approved)', filtered));
console.log(row('next filtered page (cursor)', secondPage));
console.log(row('rare filter (client + tool + outcome=error + since), 100', rare));
console.log(row('histogram, 30 days × 60 buckets', histogram));
console.log(row('get(seq)', get));
console.log('');
console.log('| build / size | value |');
console.log('|---|---|');
console.log(`| append ${total.toLocaleString('en-US')} entries (group commit, fsync) | ${(buildMs / 1000).toFixed(1)} s (${Math.round(total / (buildMs / 1000)).toLocaleString('en-US')} entries/s) |`);
console.log(`| open: index from snapshots of sealed files + scan of the active file | ${ms(openMs)} |`);
console.log(`| open: index by scanning every file (no snapshots) | ${ms(scanOpenMs)} |`);
console.log(`| verify whole chain | ${(verifyMs / 1000).toFixed(1)} s — ${verified.message} |`);
console.log(`| on disk | ${mb(diskBytes)} in ${fs.readdirSync(dir).length} files |`);
console.log(`| RSS before open → after open | ${mb(rssBefore)} → ${mb(rssAfterOpen)} |`);
console.log(`| RSS at end | ${mb(process.memoryUsage().rss)} |`);

if (keep) console.log(`\nLog kept in ${dir}`);
else fs.rmSync(dir, { recursive: true, force: true });
