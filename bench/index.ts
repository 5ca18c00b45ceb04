// `npm run bench`: measures the gateway side by side with a bare MCP SDK server forwarding the same
// PagerDuty call and with a direct HTTP call to the simulator, on this machine in one run, and prints
// a Markdown table of ratios against the targets. Not part of the test run.
// BENCH_SCALE=0.1 runs a quick, smaller version.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { performance } from 'node:perf_hooks';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { createSimulator } from '../test/simulator';
import { controlFor } from '../test/support/control';
import { ROOT, startScript, tempDataDir, type RunningServer } from '../test/support/serve';
import { fmt, median, percentile } from './stats';

const scale = Number(process.env.BENCH_SCALE ?? '1');
const n = (count: number) => Math.max(10, Math.round(count * scale));
const began = performance.now();
const progress = (what: string) => process.stderr.write(`[bench ${((performance.now() - began) / 1000).toFixed(0)} s] ${what}\n`);

// The bench runs a private copy of the build: a parallel `electron-vite build` (tests, a colleague)
// empties out/ while it runs, which would kill a cold-start loop halfway. Under node_modules so the
// copy still resolves its dependencies.
const OUT_COPY = path.join(ROOT, 'node_modules', '.cache', 'pdmcp-bench', 'out');
function snapshotBuild(): void {
  fs.rmSync(OUT_COPY, { recursive: true, force: true });
  fs.cpSync(path.join(ROOT, 'out'), OUT_COPY, { recursive: true });
}
const startServe = (args: string[]) => startScript(path.join(OUT_COPY, 'main', 'serve.js'), args);
const PROBE = path.join(ROOT, 'bench/heap-probe.mjs');

/** Heap + external memory after a full GC in a process started through heap-probe.mjs, and its RSS then. */
function afterGc(server: RunningServer): Promise<{ liveKb: number; rssKb: number }> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no heap report within 20 s')), 20_000);
    const lines = readline.createInterface({ input: server.child.stdout! });
    lines.on('line', (line) => {
      if (!line.includes('"event":"heap"')) return;
      clearTimeout(timer);
      lines.close();
      const m = JSON.parse(line) as { heapUsed: number; external: number; rss: number };
      resolve({ liveKb: (m.heapUsed + m.external) / 1024, rssKb: m.rss / 1024 });
    });
    server.child.kill('SIGUSR2');
  });
}
const TOOL = 'list_incidents';
const ARGS = { limit: 5 };

type Call = () => Promise<unknown>;

async function mcpClient(url: string, token?: string): Promise<Client> {
  const client = new Client({ name: 'bench', version: '1.0.0' });
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  await client.connect(new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers } }));
  return client;
}

function toolCall(client: Client): Call {
  return async () => {
    const result = await client.callTool({ name: TOOL, arguments: ARGS });
    if (result.isError) throw new Error(`tool error: ${JSON.stringify(result.content).slice(0, 300)}`);
    return result;
  };
}

// Contenders are measured interleaved (call by call for latency, block by block for throughput and
// cold start) so that anything else the machine does at the time weighs on all of them alike.
async function latency(calls: Call[], count: number): Promise<{ p50: number; p99: number }[]> {
  for (let i = 0; i < Math.min(100, count); i++) for (const call of calls) await call();
  const samples = calls.map(() => [] as number[]);
  for (let i = 0; i < count; i++) {
    for (let c = 0; c < calls.length; c++) {
      const t = performance.now();
      await calls[c]!();
      samples[c]!.push(performance.now() - t);
    }
  }
  return samples.map((s) => {
    s.sort((a, b) => a - b);
    return { p50: percentile(s, 50), p99: percentile(s, 99) };
  });
}

/** Calls per second for each contender (a group of concurrent callers), alternating blocks. */
async function throughput(contenders: Call[][], perClient: number, blocks = 10): Promise<number[]> {
  const elapsed = contenders.map(() => 0);
  const per = Math.max(1, Math.round(perClient / blocks));
  for (let b = 0; b < blocks; b++) {
    for (let c = 0; c < contenders.length; c++) {
      const start = performance.now();
      await Promise.all(contenders[c]!.map(async (call) => {
        for (let i = 0; i < per; i++) await call();
      }));
      elapsed[c]! += performance.now() - start;
    }
  }
  return contenders.map((calls, c) => (calls.length * per * blocks) / (elapsed[c]! / 1000));
}

function rssKb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
}

/** Median time from spawn to the ready line, alternating the contenders run by run. */
async function coldStart(starters: Array<() => Promise<RunningServer>>, runs: number): Promise<number[]> {
  const times = starters.map(() => [] as number[]);
  for (let i = 0; i < runs; i++) {
    for (let c = 0; c < starters.length; c++) {
      const t = performance.now();
      const server = await starters[c]!();
      times[c]!.push(performance.now() - t);
      await server.stop();
    }
  }
  return times.map(median);
}

async function main() {
  if (!fs.existsSync(path.join(ROOT, 'out/main/serve.js'))) throw new Error('Build first: npm run build');
  snapshotBuild();
  const sim = await createSimulator({ port: 0 });
  const pdUrl = sim.apiUrl('us');

  // The long-running contenders run under the memory probe (it only adds a signal handler).
  const ours = await startScript(PROBE, [path.join(OUT_COPY, 'main', 'serve.js'), '--data-dir', tempDataDir('pdmcp-bench-'), '--port', '0']);
  const control = controlFor(ours.ready.dashboardUrl);
  const saved = await control('connection.saveApiKey', { apiKey: sim.keys.account, actorEmail: sim.users[0]!.email, region: 'us', baseUrl: pdUrl });
  if (!saved.ok) throw new Error(saved.message);
  const toolsets = await control('toolsets.list', {});
  const profile = await control('profiles.create', { name: 'Bench', toolsetIds: toolsets.map((t) => t.id) });
  const tokens = await Promise.all(Array.from({ length: 16 }, (_, i) => control('clients.create', { name: `bench-${i}`, profileId: profile.id })));
  const bare = await startScript(PROBE, [path.join(ROOT, 'bench/bare-server.mjs'), '--pd-url', pdUrl, '--pd-key', sim.keys.account]);

  const oursClients = await Promise.all(tokens.map((t) => mcpClient(ours.ready.mcpUrl, t.token)));
  const bareClients = await Promise.all(tokens.map(() => mcpClient(bare.ready.mcpUrl)));
  const direct: Call = async () => {
    const res = await fetch(`${pdUrl}/incidents?limit=5&date_range=all`, {
      headers: { authorization: `Token token=${sim.keys.account}`, accept: 'application/vnd.pagerduty+json;version=2' },
    });
    return res.json();
  };

  const rows: string[][] = [];
  const push = (cells: string[]) => {
    rows.push(cells);
    progress(`| ${cells.join(' | ')} |`);
  };
  const row = (measure: string, o: number, b: number, d: number | null, ratio: number, target: string, met: boolean) =>
    push([measure, fmt(o), fmt(b), d === null ? '—' : fmt(d), fmt(ratio), target, met ? 'yes' : '**no**']);

  progress('latency');
  const [latOurs, latBare, latDirect] = await latency([toolCall(oursClients[0]!), toolCall(bareClients[0]!), direct], n(2000));
  row('tools/call latency p50 (ms)', latOurs!.p50, latBare!.p50, latDirect!.p50, latOurs!.p50 / latBare!.p50, '≤ 1.10× bare', latOurs!.p50 / latBare!.p50 <= 1.1);
  row('tools/call latency p99 (ms)', latOurs!.p99, latBare!.p99, latDirect!.p99, latOurs!.p99 / latBare!.p99, '≤ 1.10× bare', latOurs!.p99 / latBare!.p99 <= 1.1);

  progress('throughput, 1 client');
  const [t1Ours, t1Bare] = await throughput([[toolCall(oursClients[0]!)], [toolCall(bareClients[0]!)]], n(2000));
  row('throughput, 1 client (calls/s)', t1Ours!, t1Bare!, null, t1Ours! / t1Bare!, '≥ 0.9× bare', t1Ours! / t1Bare! >= 0.9);
  progress('throughput, 16 clients');
  const [t16Ours, t16Bare] = await throughput([oursClients.map(toolCall), bareClients.map(toolCall)], n(300));
  row('throughput, 16 clients (calls/s)', t16Ours!, t16Bare!, null, t16Ours! / t16Bare!, '≥ 0.9× bare', t16Ours! / t16Bare! >= 0.9);

  // Memory: RSS of each server process after 10k calls and after 100k (the same 16 clients throughout).
  const pump = async (clients: Client[], total: number) => throughput([clients.map(toolCall)], Math.ceil(total / clients.length), 1);
  // The simulator's request log is emptied as we go: it lives in this process, not in the servers.
  const memory = async (server: RunningServer, clients: Client[]) => {
    await pump(clients, n(10_000));
    sim.requests.length = 0;
    const rss10 = rssKb(server.child.pid!);
    const gc10 = await afterGc(server);
    await pump(clients, n(90_000));
    sim.requests.length = 0;
    const rss100 = rssKb(server.child.pid!);
    const gc100 = await afterGc(server);
    return { rss10, rss100, live10: gc10.liveKb, live100: gc100.liveKb, rssGc10: gc10.rssKb, rssGc100: gc100.rssKb };
  };
  progress(`memory: ours, ${n(10_000)} + ${n(90_000)} calls`);
  const mo = await memory(ours, oursClients);
  progress(`memory: bare, ${n(10_000)} + ${n(90_000)} calls`);
  const mb = await memory(bare, bareClients);
  const k = (count: number) => `${Math.round(count / 1000)}k`;
  const ratioRow = (label: string, o: number, b: number) =>
    push([`${label}, ${k(n(100_000))} ÷ ${k(n(10_000))} calls`, fmt(o), fmt(b), '—', fmt(o), '≤ 1.10 (no leak)', o <= 1.1 ? 'yes' : '**no**']);
  ratioRow('RSS', mo.rss100 / mo.rss10, mb.rss100 / mb.rss10);
  ratioRow('RSS after full GC', mo.rssGc100 / mo.rssGc10, mb.rssGc100 / mb.rssGc10);
  ratioRow('live heap + external after full GC', mo.live100 / mo.live10, mb.live100 / mb.live10);
  push([`RSS after ${k(n(100_000))} calls (MiB)`, fmt(mo.rss100 / 1024, 1), fmt(mb.rss100 / 1024, 1), '—', fmt(mo.rss100 / mb.rss100), 'info', '—']);
  push([`live heap + external after ${k(n(100_000))} calls (MiB)`, fmt(mo.live100 / 1024, 1), fmt(mb.live100 / 1024, 1), '—', fmt(mo.live100 / mb.live100), 'info', '—']);

  await Promise.all([...oursClients, ...bareClients].map((c) => c.close()));
  await ours.stop();
  await bare.stop();

  progress('cold start');
  const [coldOurs, coldBare] = await coldStart(
    [() => startServe(['--data-dir', tempDataDir('pdmcp-bench-cold-'), '--port', '0']), () => startScript(path.join(ROOT, 'bench/bare-server.mjs'), ['--pd-url', pdUrl, '--pd-key', 'x'])],
    5,
  );
  row('cold start to ready (ms)', coldOurs!, coldBare!, null, coldOurs! / coldBare!, '≤ 1.5× bare', coldOurs! / coldBare! <= 1.5);
  await sim.close();

  const header = ['measure', 'ours', 'bare SDK server', 'direct HTTP', 'ratio', 'target', 'met'];
  const table = [header, header.map(() => '---'), ...rows].map((r) => `| ${r.join(' | ')} |`).join('\n');
  process.stdout.write(`\n## Gateway vs bare SDK server (scale ${scale}, ${new Date().toISOString()})\n\n${table}\n`);

  // Audit query at 1,000,000 entries: its own script (it builds a large log in a temp dir).
  // BENCH_AUDIT_ENTRIES overrides the 1,000,000 (a quick run).
  progress('audit timeline');
  const entries = process.env.BENCH_AUDIT_ENTRIES ?? '1000000';
  const audit = spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'bench/audit.bench.ts'), entries], { cwd: ROOT, encoding: 'utf8', env: process.env, stdio: ['ignore', 'pipe', 'inherit'] });
  process.stdout.write(`\n${audit.stdout}${audit.status === 0 ? '' : `\naudit bench failed:\n${audit.stderr}`}\n`);
  process.exit(0);
}

await main();
