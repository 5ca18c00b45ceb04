// What the proof suites (test/proof) share: a real core (createCore with a temp data dir, the real
// keychain, the real audit log, the gateway on a free port) connected to the PagerDuty simulator through
// the 'connection.saveApiKey' handler, with one client per caller bound to a profile holding every
// toolset, and the SDK's real Client over Streamable HTTP in either protocol era.
import type { Client } from '@modelcontextprotocol/client';
import type { CoreOptions } from '../../src/main/core';
import type { ApprovalState } from '../../src/shared/model';
import { connectMcp, connectSimulator, startTestCore, type McpEra, type McpTestClient, type TestCore } from '../main/core/helpers';
import { createSimulator, type Simulator } from '../simulator';

export interface ProofRig {
  t: TestCore;
  sim: Simulator;
  /** Bearer tokens of the clients created for this rig (all bound to the all-toolsets profile). */
  tokens: string[];
  profileId: string;
  /** A connected SDK client for token i (default 0), speaking `era` (default: the 2025-era handshake). */
  connect(i?: number, era?: McpEra): Promise<Client>;
  setState(names: string[], state: ApprovalState): Promise<void>;
  /** Requests PagerDuty (the simulator) received since the rig started or since the last mark(). */
  upstream(): number;
  mark(): void;
  /** Empties the simulator's request log (keeping the count), so long runs measure our memory, not its. */
  drain(): void;
  close(): Promise<void>;
}

export async function startProofRig(options: { clients?: number; extra?: Partial<CoreOptions> } = {}): Promise<ProofRig> {
  const sim = await createSimulator();
  const t = await startTestCore({ extra: options.extra });
  await connectSimulator(t, sim);
  const toolsets = await t.call('toolsets.list', {});
  const profile = await t.call('profiles.create', { name: 'Proof: all toolsets', toolsetIds: toolsets.map((s) => s.id) });
  const tokens: string[] = [];
  for (let i = 0; i < (options.clients ?? 1); i++) tokens.push((await t.call('clients.create', { name: `proof-${i}`, profileId: profile.id })).token);
  const clients: McpTestClient[] = [];
  let since = sim.requests.length;
  let drained = 0;
  return {
    t,
    sim,
    tokens,
    profileId: profile.id,
    async connect(i = 0, era: McpEra = 'legacy') {
      const connected = await connectMcp(t.url, tokens[i]!, { era, name: 'proof', listen: false });
      clients.push(connected);
      return connected.client;
    },
    async setState(names, state) {
      await t.call('tools.setState', { names, state });
    },
    upstream: () => drained + sim.requests.length - since,
    mark() {
      drained = 0;
      since = sim.requests.length;
    },
    drain() {
      drained += sim.requests.length - since;
      sim.requests.length = 0;
      since = 0;
    },
    async close() {
      await Promise.all(clients.map((c) => c.close().catch(() => undefined)));
      await t.close();
      await sim.close();
    },
  };
}

/** The text of a tools/call result (our results are one text block). */
export const resultText = (result: unknown): string => ((result as { content?: { text?: string }[] }).content ?? []).map((c) => c.text ?? '').join('\n');

/** Waits until `check` holds, polling briefly; for effects that land a few ms after an answer. */
export async function eventually(check: () => boolean | Promise<boolean>, timeoutMs = 3000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** RSS and heap of this process, in MiB. */
export function memoryMiB(): { rss: number; heap: number } {
  const m = process.memoryUsage();
  return { rss: m.rss / 1048576, heap: m.heapUsed / 1048576 };
}

export type { Simulator };
