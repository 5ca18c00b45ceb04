// `npm run bench`: measures the gateway side by side with a bare MCP SDK server forwarding the same
// PagerDuty call and with a direct HTTP call to the simulator, on this machine in one run, and prints
// a Markdown table of ratios against the targets. Not part of the test run.
// BENCH_SCALE=0.1 runs a quick, smaller version.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { createSimulator } from '../test/simulator';
import { controlFor } from '../test/support/control';
import { ROOT, startHeadless, startScript, tempDataDir, type RunningServer } from '../test/support/serve';
import { fmt, median, percentile } from './stats';

const scale = Number(process.env.BENCH_SCALE ?? '1');
const n = (count: number) => Math.max(10, Math.round(count * scale));
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

async function latency(call: Call, count: number): Promise<{ p50: number; p99: number }> {
  for (let i = 0; i < Math.min(100, count); i++) await call();
  const samples: number[] = [];
  for (let i = 0; i < count; i++) {
    const t = performance.now();
    await call();
    samples.push(performance.now() - t);
  }
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 50), p99: percentile(samples, 99) };
}

async function throughput(calls: Call[], perClient: number): Promise<number> {
  const start = performance.now();
  await Promise.all(calls.map(async (call) => {
    for (let i = 0; i < perClient; i++) await call();
  }));
  return (calls.length * perClient) / ((performance.now() - start) / 1000);
}

function rssKb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
}

async function coldStart(start: () => Promise<RunningServer>, runs: number): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    const server = await start();
    times.push(performance.now() - t);
    await server.stop();
  }
  return median(times);
}

async function main() {
  if (!fs.existsSync(path.join(ROOT, 'out/main/serve.js'))) throw new Error('Build first: npm run build');
  const sim = await createSimulator({ port: 0 });
  const pdUrl = sim.apiUrl('us');

  const ours = await startHeadless('serve', ['--data-dir', tempDataDir('pdmcp-bench-'), '--port', '0']);
  const control = controlFor(ours.ready.dashboardUrl);
  const saved = await control('connection.saveApiKey', { apiKey: sim.keys.account, actorEmail: sim.users[0]!.email, region: 'us', baseUrl: pdUrl });
  if (!saved.ok) throw new Error(saved.message);
  const toolsets = await control('toolsets.list', {});
  const profile = await control('profiles.create', { name: 'Bench', toolsetIds: toolsets.map((t) => t.id) });
  const tokens = await Promise.all(Array.from({ length: 16 }, (_, i) => control('clients.create', { name: `bench-${i}`, profileId: profile.id })));
  const bare = await startScript(path.join(ROOT, 'bench/bare-server.mjs'), ['--pd-url', pdUrl, '--pd-key', sim.keys.account]);

  const oursClients = await Promise.all(tokens.map((t) => mcpClient(ours.ready.mcpUrl, t.token)));
  const bareClients = await Promise.all(tokens.map(() => mcpClient(bare.ready.mcpUrl)));
  const direct: Call = async () => {
    const res = await fetch(`${pdUrl}/incidents?limit=5&date_range=all`, {
      headers: { authorization: `Token token=${sim.keys.account}`, accept: 'application/vnd.pagerduty+json;version=2' },
    });
    return res.json();
  };

  const rows: string[][] = [];
  const row = (measure: string, o: number, b: number, d: number | null, ratio: number, target: string, met: boolean) =>
    rows.push([measure, fmt(o), fmt(b), d === null ? '—' : fmt(d), fmt(ratio), target, met ? 'yes' : '**no**']);

  const latOurs = await latency(toolCall(oursClients[0]!), n(2000));
  const latBare = await latency(toolCall(bareClients[0]!), n(2000));
  const latDirect = await latency(direct, n(2000));
  row('tools/call latency p50 (ms)', latOurs.p50, latBare.p50, latDirect.p50, latOurs.p50 / latBare.p50, '≤ 1.10× bare', latOurs.p50 / latBare.p50 <= 1.1);
  row('tools/call latency p99 (ms)', latOurs.p99, latBare.p99, latDirect.p99, latOurs.p99 / latBare.p99, '≤ 1.10× bare', latOurs.p99 / latBare.p99 <= 1.1);

  const t1Ours = await throughput([toolCall(oursClients[0]!)], n(2000));
  const t1Bare = await throughput([toolCall(bareClients[0]!)], n(2000));
  row('throughput, 1 client (calls/s)', t1Ours, t1Bare, null, t1Ours / t1Bare, '≥ 0.9× bare', t1Ours / t1Bare >= 0.9);
  const t16Ours = await throughput(oursClients.map(toolCall), n(300));
  const t16Bare = await throughput(bareClients.map(toolCall), n(300));
  row('throughput, 16 clients (calls/s)', t16Ours, t16Bare, null, t16Ours / t16Bare, '≥ 0.9× bare', t16Ours / t16Bare >= 0.9);

  // Memory: RSS of each server process after 10k calls and after 100k (the same 16 clients throughout).
  const pump = async (clients: Client[], total: number) => throughput(clients.map(toolCall), Math.ceil(total / clients.length));
  await pump(oursClients, n(10_000));
  const rss10Ours = rssKb(ours.child.pid!);
  await pump(oursClients, n(90_000));
  const rss100Ours = rssKb(ours.child.pid!);
  await pump(bareClients, n(10_000));
  const rss10Bare = rssKb(bare.child.pid!);
  await pump(bareClients, n(90_000));
  const rss100Bare = rssKb(bare.child.pid!);
  rows.push(['RSS after 100k ÷ after 10k calls', fmt(rss100Ours / rss10Ours), fmt(rss100Bare / rss10Bare), '—', fmt(rss100Ours / rss10Ours), '≤ 1.10 (no leak)', rss100Ours / rss10Ours <= 1.1 ? 'yes' : '**no**']);
  rows.push(['RSS after 100k calls (MiB)', fmt(rss100Ours / 1024, 1), fmt(rss100Bare / 1024, 1), '—', fmt(rss100Ours / rss100Bare), 'info', '—']);

  await Promise.all([...oursClients, ...bareClients].map((c) => c.close()));
  await ours.stop();
  await bare.stop();

  const coldOurs = await coldStart(() => startHeadless('serve', ['--data-dir', tempDataDir('pdmcp-bench-cold-'), '--port', '0']), 5);
  const coldBare = await coldStart(() => startScript(path.join(ROOT, 'bench/bare-server.mjs'), ['--pd-url', pdUrl, '--pd-key', 'x']), 5);
  row('cold start to ready (ms)', coldOurs, coldBare, null, coldOurs / coldBare, '≤ 1.5× bare', coldOurs / coldBare <= 1.5);
  await sim.close();

  const header = ['measure', 'ours', 'bare SDK server', 'direct HTTP', 'ratio', 'target', 'met'];
  const table = [header, header.map(() => '---'), ...rows].map((r) => `| ${r.join(' | ')} |`).join('\n');
  process.stdout.write(`\n## Gateway vs bare SDK server (scale ${scale}, ${new Date().toISOString()})\n\n${table}\n`);

  // Audit query at 1,000,000 entries: its own script (it builds a large log in a temp dir).
  const audit = spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'bench/audit.bench.ts')], { cwd: ROOT, encoding: 'utf8', env: process.env });
  process.stdout.write(`\n${audit.stdout}${audit.status === 0 ? '' : `\naudit bench failed:\n${audit.stderr}`}\n`);
  process.exit(0);
}

await main();
