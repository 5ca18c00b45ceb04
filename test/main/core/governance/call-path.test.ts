// The call chain end to end through the real gateway and the SDK's MCP client: argument rules, a tool
// outside the caller's profile, and a tool that does not exist — each checked against the simulator's
// request log (what reached "PagerDuty") and the audit entry it leaves.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../../src/shared/model';
import { connectMcp, connectSimulator, createSimulator, startTestCore, type McpTestClient, type Simulator, type TestCore } from '../helpers';

let sim: Simulator;
let t: TestCore;
let everything: McpTestClient;
let reader: McpTestClient;

beforeAll(async () => {
  sim = await createSimulator();
  t = await startTestCore();
  await connectSimulator(t, sim);
  everything = await connectMcp(t.url, (await t.call('clients.create', { name: 'Claude Code', profileId: 'pr_everything' })).token);
  reader = await connectMcp(t.url, (await t.call('clients.create', { name: 'Reader', profileId: 'pr_read_only' })).token);
  await t.call('tools.setState', { names: ['manage_incidents', 'add_note_to_incident'], state: 'approved' });
});
afterAll(async () => {
  await everything?.close();
  await reader?.close();
  await t?.close();
  await sim?.close();
});

const textOf = (r: unknown) => ((r as { content: { text: string }[] }).content[0]?.text ?? '');
async function lastAudit(tool: string): Promise<AuditEntry> {
  return (await t.call('audit.query', { tool, limit: 1 })).entries[0]!;
}
async function rejection(p: Promise<unknown>): Promise<{ code: unknown; message: string }> {
  try {
    await p;
  } catch (error) {
    return { code: (error as { code?: unknown }).code, message: (error as Error).message };
  }
  throw new Error('expected the call to be refused');
}
const upstreamWrites = () => sim.requests.filter((r) => r.method !== 'GET').length;

describe('argument rules in the call path', () => {
  it('lets an approved tool acknowledge freely, asks before it resolves, and records the rule', async () => {
    const open = [...sim.db.collection<{ id: string; status: string }>('incidents').values()].find((i) => i.status === 'triggered')!.id;
    const ack = await everything.client.callTool({ name: 'manage_incidents', arguments: { incident_ids: [open], status: 'acknowledged' } });
    expect(ack.isError, textOf(ack)).toBeFalsy();
    const acked = await lastAudit('manage_incidents');
    expect(acked).toMatchObject({ decision: 'allowed', outcome: 'ok' });
    expect(acked.rule).toBeUndefined();

    const prompts: string[] = [];
    const off = t.core.events.on('ask.requested', (p) => {
      prompts.push(p.reason);
      void t.call('ask.decide', { id: p.id, approve: false, argsHash: p.argsHash });
    });
    try {
      const writes = upstreamWrites();
      const resolve = await everything.client.callTool({ name: 'manage_incidents', arguments: { incident_ids: [open], status: 'resolved' } });
      expect(resolve.isError).toBe(true);
      expect(textOf(resolve)).toMatch(/declined to run manage_incidents/);
      expect(prompts).toEqual(['Your argument rule asks first: manage_incidents: status = resolved → ask each time.']);
      expect(upstreamWrites()).toBe(writes);
      expect(await lastAudit('manage_incidents')).toMatchObject({ decision: 'ask_denied', rule: 'manage_incidents: status = resolved → ask each time' });
    } finally {
      off();
    }
  });

  it('refuses a call a deny rule matches, before PagerDuty, with a message the AI can relay; the rule is editable through the contract', async () => {
    const rule = await t.call('rules.create', { tool: 'add_note_to_incident', argument: 'incident_id', condition: 'equals', value: 'PINC002', action: 'deny' });
    expect((await t.call('rules.list', {})).map((r) => r.id)).toEqual(['ru_resolve', 'ru_reassign', 'ru_escalate', 'ru_bulk', 'ru_page_high', 'ru_page_policy', rule.id]);
    const before = sim.requests.length;
    const denied = await everything.client.callTool({ name: 'add_note_to_incident', arguments: { incident_id: 'PINC002', note: 'Looking into it' } });
    expect(denied.isError).toBe(true);
    expect(textOf(denied)).toBe(
      'The person\'s rule "add_note_to_incident: incident_id = PINC002 → deny" refuses this call of add_note_to_incident, so it was not run. ' +
        'Do not retry it; tell the person what you wanted to do, so they can do it themselves or change the rule in the app.',
    );
    expect(sim.requests.length).toBe(before);
    expect(await lastAudit('add_note_to_incident')).toMatchObject({ decision: 'rule_denied', outcome: 'refused', rule: 'add_note_to_incident: incident_id = PINC002 → deny' });

    const other = await everything.client.callTool({ name: 'add_note_to_incident', arguments: { incident_id: 'PINC003', note: 'Looking into it' } });
    expect(other.isError, textOf(other)).toBeFalsy();

    await t.call('rules.update', { id: rule.id, value: 'PINC003' });
    expect((await everything.client.callTool({ name: 'add_note_to_incident', arguments: { incident_id: 'PINC003', note: 'x' } })).isError).toBe(true);
    await t.call('rules.delete', { id: rule.id });
    expect((await everything.client.callTool({ name: 'add_note_to_incident', arguments: { incident_id: 'PINC003', note: 'x' } })).isError).toBeFalsy();
    await expect(t.call('rules.create', { tool: 'add_note_to_incident', argument: 'nope', condition: 'is_set', action: 'ask' })).rejects.toThrow(/has no argument "nope"/);
  });
});

describe('a tool outside the caller\'s profile (issue 18.1)', () => {
  it('answers an approved write tool like an unknown one to a read-only client, sends nothing upstream, and audits not_in_profile', async () => {
    const before = sim.requests.length;
    const outside = await rejection(reader.client.callTool({ name: 'add_note_to_incident', arguments: { incident_id: 'PINC001', note: 'hello' } }));
    const missing = await rejection(reader.client.callTool({ name: 'add_note_to_incidentz', arguments: { incident_id: 'PINC001', note: 'hello' } }));
    expect(outside.message).toContain('Unknown tool: add_note_to_incident');
    expect({ code: outside.code, message: outside.message.replace('add_note_to_incident', 'X') }).toEqual({ code: missing.code, message: missing.message.replace('add_note_to_incidentz', 'X') });
    expect(sim.requests.length).toBe(before);
    expect(await lastAudit('add_note_to_incident')).toMatchObject({ decision: 'not_in_profile', outcome: 'refused', clientName: 'Reader', profileName: 'Read-only' });
  });
});

describe('a tool that does not exist', () => {
  it('is audited like a hidden one', async () => {
    await rejection(reader.client.callTool({ name: 'export_all_secrets', arguments: { everything: true } }));
    expect(await lastAudit('export_all_secrets')).toMatchObject({ decision: 'unknown_tool', outcome: 'refused', clientName: 'Reader', toolClass: null, args: { everything: true } });
    await rejection(reader.client.callTool({ name: `x${'y'.repeat(5000)}`, arguments: {} }));
    const long = (await t.call('audit.query', { decision: 'unknown_tool', limit: 1 })).entries[0]!;
    expect(long.tool).toHaveLength(129);
  });

  it('answers in the same time as a hidden tool (both wait for their audit entry)', async () => {
    // Paired: each round calls both, back to back in random order, so whatever else the machine is doing
    // falls on both alike. The statistic is the share of rounds in which the hidden tool was the slower
    // one (a sign test): ~0.5 when both take the same time, > 0.9 when only the hidden one waits for the
    // disk (measured on the code before this fix: 0.93–0.99; after: 0.39–0.51).
    const rounds = 150;
    const time = async (name: string) => {
      const t0 = performance.now();
      await rejection(reader.client.callTool({ name, arguments: { incident_id: 'PINC001', note: 'n' } }));
      return performance.now() - t0;
    };
    for (let i = 0; i < 10; i++) await time('add_note_to_incident'); // warm-up
    let hiddenSlower = 0;
    const diffs: number[] = [];
    for (let i = 0; i < rounds; i++) {
      const hiddenFirst = Math.random() < 0.5;
      const first = await time(hiddenFirst ? 'add_note_to_incident' : 'add_note_to_incidentz');
      const second = await time(hiddenFirst ? 'add_note_to_incidentz' : 'add_note_to_incident');
      const [hidden, unknown] = hiddenFirst ? [first, second] : [second, first];
      if (hidden > unknown) hiddenSlower += 1;
      diffs.push(hidden - unknown);
    }
    const share = hiddenSlower / rounds;
    const medianDiff = diffs.sort((x, y) => x - y)[rounds >> 1]!;
    expect(share, `hidden slower in ${(share * 100).toFixed(0)}% of rounds; median difference ${medianDiff.toFixed(2)} ms`).toBeGreaterThan(0.25);
    expect(share, `hidden slower in ${(share * 100).toFixed(0)}% of rounds; median difference ${medianDiff.toFixed(2)} ms`).toBeLessThan(0.75);
  }, 60_000);
});
