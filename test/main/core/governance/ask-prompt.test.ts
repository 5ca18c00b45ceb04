// The ask-each-time prompt end to end: what the person sees is everything that will be sent, ids come
// with their names, the approval is bound to the arguments' hash, and "approve for this client for
// 15 minutes" lasts only as long as it says.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AskPrompt, AuditEntry } from '../../../../src/shared/model';
import { argsHash } from '../../../../src/main/core/governance';
import { connectMcp, connectSimulator, createSimulator, startTestCore, type McpTestClient, type Simulator, type TestCore } from '../helpers';

let sim: Simulator;
let t: TestCore;
let mcp: McpTestClient;
let token: string;
let clientId: string;
const incidentIds: string[] = [];

beforeAll(async () => {
  sim = await createSimulator();
  t = await startTestCore();
  await connectSimulator(t, sim);
  const created = await t.call('clients.create', { name: 'Claude Code', profileId: 'pr_everything' });
  token = created.token;
  clientId = created.client.id;
  mcp = await connectMcp(t.url, token);
  await t.call('tools.setState', { names: ['manage_incidents', 'create_incident'], state: 'approved' });
  // 60 open incidents to act on at once.
  const incidents = sim.db.collection<{ id: string; status?: string } & Record<string, unknown>>('incidents');
  const template = [...incidents.values()].find((i) => i.status === 'triggered')!;
  for (let i = 0; i < 60; i++) {
    const id = `PBULK${String(i).padStart(3, '0')}`;
    incidents.set(id, { ...structuredClone(template), id, incident_number: 1000 + i, title: `Disk full on node ${i}`, status: 'triggered' });
    incidentIds.push(id);
  }
});
afterAll(async () => {
  await mcp?.close();
  await t?.close();
  await sim?.close();
});

const textOf = (r: unknown) => ((r as { content: { text: string }[] }).content[0]?.text ?? '');
const lastAudit = async (tool: string): Promise<AuditEntry> => (await t.call('audit.query', { tool, limit: 1 })).entries[0]!;
function nextPrompt(): Promise<AskPrompt> {
  return new Promise((resolve) => {
    const off = t.core.events.on('ask.requested', (p) => {
      off();
      resolve(p);
    });
  });
}

describe('the ask prompt', () => {
  it('shows all 60 ids and the whole resolution, names the ids, binds the approval to them, and sends exactly that', async () => {
    const resolution = `Root cause: ${'the log rotation job stopped after the upgrade, so /var filled up; '.repeat(5)}fixed.`.slice(0, 344);
    expect(resolution).toHaveLength(344);
    const prompted = nextPrompt();
    const call = mcp.client.callTool({ name: 'manage_incidents', arguments: { incident_ids: incidentIds, status: 'resolved', resolution: `  ${resolution}  `, stray: 'x' } });
    const prompt = await prompted;

    // Complete and parsed: every id, the trimmed resolution as it will be sent, the stray argument named as dropped.
    expect(prompt.args).toEqual({ incident_ids: incidentIds, status: 'resolved', resolution });
    expect(prompt.ignored).toEqual(['stray']);
    expect(prompt.masked).toEqual([]);
    expect(prompt.reason).toBe('Your argument rule asks first: manage_incidents: status = resolved → ask each time.');
    expect(prompt.argsHash).toBe(argsHash(prompt.args));
    // Names, looked up read-only and within bounds: the first 25 (on a loaded machine some may run out of
    // the 2 s and say so), the rest said to be skipped.
    expect(prompt.labels).toHaveLength(60);
    expect(prompt.labels[0]).toEqual({ path: 'incident_ids[0]', kind: 'incident', id: 'PBULK000', label: '#1000 Disk full on node 0', error: null });
    prompt.labels.slice(0, 25).forEach((l, i) => {
      expect(l).toMatchObject({ path: `incident_ids[${i}]`, id: incidentIds[i] });
      expect(l.label === `#${1000 + i} Disk full on node ${i}` || l.error === 'lookup timed out', JSON.stringify(l)).toBe(true);
    });
    prompt.labels.slice(25).forEach((l, i) => expect(l).toMatchObject({ id: incidentIds[25 + i], label: null, error: 'not looked up (only the first 25 ids are)' }));
    const lookedUp = sim.requests.filter((r) => r.method === 'GET' && r.path.startsWith('/incidents/PBULK')).map((r) => r.path.slice('/incidents/'.length));
    expect(lookedUp.length).toBeLessThanOrEqual(25);
    expect(lookedUp.every((id) => incidentIds.indexOf(id) < 25)).toBe(true);

    // An approval for other arguments is refused and the prompt keeps waiting.
    const other = argsHash({ ...prompt.args, incident_ids: incidentIds.slice(0, 59) });
    await expect(t.call('ask.decide', { id: prompt.id, approve: true, argsHash: other })).rejects.toThrow(/not the arguments this request is waiting with/);
    expect((await t.call('ask.list', {})).map((p) => p.id)).toEqual([prompt.id]);
    await t.call('ask.decide', { id: prompt.id, approve: true, argsHash: prompt.argsHash });
    const result = await call;
    expect(result.isError, textOf(result)).toBeFalsy();

    const put = sim.requests.filter((r) => r.method === 'PUT' && r.path === '/incidents').at(-1)!;
    const sent = JSON.parse(put.body) as { incidents: { id: string; status: string; resolution: string }[] };
    expect(sent.incidents.map((i) => i.id)).toEqual(incidentIds);
    expect(sent.incidents.every((i) => i.status === 'resolved' && i.resolution === resolution)).toBe(true);
    expect(await lastAudit('manage_incidents')).toMatchObject({ decision: 'ask_approved', outcome: 'ok', rule: 'manage_incidents: status = resolved → ask each time' });
  });

  it('shows the values defaults fill in, masks only secrets (saying so), and shows failed lookups without waiting on them', async () => {
    sim.faults.next({ kind: 'delay', ms: 6000 }, 1, { method: 'GET', pathPrefix: '/services/' });
    const prompted = nextPrompt();
    const started = Date.now();
    const call = mcp.client.callTool({
      name: 'create_incident',
      arguments: { title: 'Checkout down', service_id: 'PSVC001', details: 'Key y_NbAkKc66ryYTWUXYEu leaked in the logs', assignee_user_id: 'PNOSUCH' },
    });
    const prompt = await prompted;
    expect(Date.now() - started).toBeLessThan(5000);
    // urgency was not sent: the default (high) is what PagerDuty will get, and what the page-on-high rule saw.
    expect(prompt.args).toMatchObject({ title: 'Checkout down', service_id: 'PSVC001', urgency: 'high', details: 'Key [redacted] leaked in the logs' });
    expect(prompt.masked).toEqual(['details']);
    expect(prompt.reason).toBe('Your argument rule asks first: create_incident: urgency = high → ask each time.');
    expect(prompt.labels).toEqual([
      { path: 'service_id', kind: 'service', id: 'PSVC001', label: null, error: 'lookup timed out' },
      { path: 'assignee_user_id', kind: 'user', id: 'PNOSUCH', label: null, error: 'not found in PagerDuty' },
    ]);
    // The hash is of the real arguments, not of the masked view.
    expect(prompt.argsHash).not.toBe(argsHash(prompt.args));
    await t.call('ask.decide', { id: prompt.id, approve: false, argsHash: prompt.argsHash });
    expect((await call).isError).toBe(true);
  });
});

describe('approve for this client for 15 minutes', () => {
  const callGet = () => mcp.client.callTool({ name: 'get_incident', arguments: { incident_id: 'PINC001' } });
  const asked: string[] = [];

  it('lets further calls of that tool by that client run without asking, recorded as ask_granted, until revoked', async () => {
    await t.call('tools.setState', { names: ['get_incident'], state: 'ask_each_time' });
    const off = t.core.events.on('ask.requested', (p) => asked.push(p.id));
    try {
      const prompted = nextPrompt();
      const first = callGet();
      const prompt = await prompted;
      expect(prompt.grantMinutes).toBe(15);
      await t.call('ask.decide', { id: prompt.id, approve: true, argsHash: prompt.argsHash, grant: true });
      expect((await first).isError).toBeFalsy();
      expect(await lastAudit('get_incident')).toMatchObject({ decision: 'ask_approved' });

      const [grant] = await t.call('ask.grants', {});
      expect(grant).toMatchObject({ clientId, clientName: 'Claude Code', tool: 'get_incident' });
      const minutes = (Date.parse(grant!.expiresAt) - Date.parse(grant!.grantedAt)) / 60_000;
      expect(minutes).toBe(15);

      const count = asked.length;
      expect((await callGet()).isError).toBeFalsy();
      expect((await callGet()).isError).toBeFalsy();
      expect(asked.length).toBe(count);
      expect(await lastAudit('get_incident')).toMatchObject({ decision: 'ask_granted', outcome: 'ok' });

      await t.call('ask.revokeGrant', { id: grant!.id });
      expect(await t.call('ask.grants', {})).toEqual([]);
      const again = nextPrompt();
      const third = callGet();
      const p3 = await again;
      await t.call('ask.decide', { id: p3.id, approve: false, argsHash: p3.argsHash });
      expect((await third).isError).toBe(true);
    } finally {
      off();
    }
  });

  it('ends when the client\'s token is rotated', async () => {
    const prompted = nextPrompt();
    const first = callGet();
    const p = await prompted;
    await t.call('ask.decide', { id: p.id, approve: true, argsHash: p.argsHash, grant: true });
    await first;
    expect(await t.call('ask.grants', {})).toHaveLength(1);
    const rotated = await t.call('clients.rotate', { id: clientId });
    await expect.poll(() => t.call('ask.grants', {})).toEqual([]);
    await mcp.close();
    mcp = await connectMcp(t.url, rotated.token);
    const again = nextPrompt();
    const call = callGet();
    const p2 = await again;
    await t.call('ask.decide', { id: p2.id, approve: true, argsHash: p2.argsHash, grant: true });
    await call;
  });

  it('ends when the app restarts', async () => {
    expect(await t.call('ask.grants', {})).toHaveLength(1);
    await mcp.close();
    await t.core.stop();
    t = await startTestCore({ dataDir: t.dataDir });
    mcp = await connectMcp(t.url, (await t.call('clients.rotate', { id: clientId })).token);
    expect(await t.call('ask.grants', {})).toEqual([]);
    const again = nextPrompt();
    const call = callGet();
    const p = await again;
    await t.call('ask.decide', { id: p.id, approve: false, argsHash: p.argsHash });
    expect((await call).isError).toBe(true);
  });
});
