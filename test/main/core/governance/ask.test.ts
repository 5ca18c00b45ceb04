import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { AskGrant } from '../../../../src/shared/model';
import { defineTool } from '../../../../src/main/core/catalog';
import { EventBus } from '../../../../src/main/core/events';
import { argsHash, createAskQueue } from '../../../../src/main/core/governance';
import type { NotificationRequest } from '../../../../src/main/core/platform';

const tool = defineTool({ name: 'manage_incidents', title: 'Manage incidents', description: 'Acks.', area: 'incidents', toolClass: 'write', input: z.object({}), run: async () => ({}) });

function setup(options: { grantMs?: number; live?: () => boolean } = {}) {
  const events = new EventBus();
  const notes: NotificationRequest[] = [];
  const resolved: string[] = [];
  const grantEvents: AskGrant[][] = [];
  events.on('ask.resolved', (r) => resolved.push(`${r.approved}:${r.reason}`));
  events.on('ask.grantsChanged', (g) => grantEvents.push(g));
  const asks = createAskQueue({
    events,
    platform: { appVersion: 't', openExternal: async () => {}, notify: (n) => notes.push(n), bridgeCommand: () => [], showPage: () => {} },
    grantMs: options.grantMs,
    clientLive: options.live,
  });
  return { events, notes, resolved, asks, grantEvents };
}
const args = { incident_ids: ['1'], status: 'resolved', resolution: 'r'.repeat(344), api_key: 'y_NbAkKc66ryYTWUXYEu' };
const input = { clientId: 'c1', clientName: 'Claude Code', tokenHash: 'h1', tool, args, sent: { ...args, stray: 1 } };
const never = new AbortController().signal;

describe('ask each time', () => {
  it('shows the complete arguments with only secrets masked, bound to their hash, and resolves on the decision', async () => {
    const { asks, notes, resolved, events } = setup();
    const requested: string[] = [];
    events.on('ask.requested', (p) => requested.push(p.tool));
    const answer = asks.ask(input, 10_000, never);
    const [prompt] = asks.list();
    expect(prompt).toMatchObject({
      tool: 'manage_incidents',
      clientName: 'Claude Code',
      toolClass: 'write',
      args: { incident_ids: ['1'], status: 'resolved', resolution: 'r'.repeat(344), api_key: '[redacted]' },
      argsHash: argsHash(args),
      masked: ['api_key'],
      ignored: ['stray'],
      grantMinutes: 15,
    });
    expect(requested).toEqual(['manage_incidents']);
    expect(notes[0]).toMatchObject({ actionLabel: 'Review', title: 'Claude Code wants to run Manage incidents' });
    asks.decide(prompt!.id, true, prompt!.argsHash);
    expect(await answer).toEqual({ approved: true, reason: 'decided', argsHash: argsHash(args), granted: false });
    expect(resolved).toEqual(['true:decided']);
    expect(asks.size).toBe(0);
  });

  it('refuses a decision for other arguments than those shown, and keeps waiting', async () => {
    const { asks } = setup();
    const answer = asks.ask(input, 10_000, never);
    const [prompt] = asks.list();
    expect(() => asks.decide(prompt!.id, true, argsHash({ ...args, status: 'acknowledged' }))).toThrow(/not the arguments this request is waiting with/);
    expect(asks.size).toBe(1);
    asks.decide(prompt!.id, false, prompt!.argsHash);
    expect((await answer).approved).toBe(false);
  });

  it('refuses when the client gives up, and says so when deciding too late', async () => {
    const { asks, resolved } = setup();
    const controller = new AbortController();
    const answer = asks.ask(input, 10_000, controller.signal);
    const { id, argsHash: hash } = asks.list()[0]!;
    controller.abort();
    expect(await answer).toMatchObject({ approved: false, reason: 'cancelled' });
    expect(() => asks.decide(id, true, hash)).toThrow(/no longer waiting/);
    expect(resolved).toEqual(['false:cancelled']);
  });

  it('times out into a refusal', async () => {
    const { asks } = setup();
    expect(await asks.ask(input, 30, never)).toMatchObject({ approved: false, reason: 'timeout' });
  });
});

describe('approve for this client for a while', () => {
  const grantOnce = async (asks: ReturnType<typeof setup>['asks']) => {
    const answer = asks.ask(input, 10_000, never);
    const [prompt] = asks.list();
    asks.decide(prompt!.id, true, prompt!.argsHash, true);
    return answer;
  };

  it('grants this client and tool only, with the same token, and ends on time', async () => {
    const { asks, grantEvents } = setup({ grantMs: 150 });
    expect((await grantOnce(asks)).granted).toBe(true);
    expect(asks.grantFor('c1', 'h1', 'manage_incidents')).toMatchObject({ clientName: 'Claude Code', tool: 'manage_incidents' });
    expect(asks.grantFor('c2', 'h1', 'manage_incidents')).toBeNull();
    expect(asks.grantFor('c1', 'h1', 'add_note_to_incident')).toBeNull();
    expect(asks.grantFor('c1', 'rotated', 'manage_incidents')).toBeNull();
    expect(grantEvents.at(-1)).toHaveLength(1);
    await new Promise((r) => setTimeout(r, 250));
    expect(asks.grantFor('c1', 'h1', 'manage_incidents')).toBeNull();
    expect(asks.grants()).toEqual([]);
    expect(grantEvents.at(-1)).toEqual([]);
  });

  it('ends on revoke, when the client is gone, and at shutdown; a plain approval grants nothing', async () => {
    let live = true;
    const { asks } = setup({ live: () => live });
    const plain = asks.ask(input, 10_000, never);
    asks.decide(asks.list()[0]!.id, true, asks.list()[0]!.argsHash);
    expect((await plain).granted).toBe(false);
    expect(asks.grants()).toEqual([]);

    await grantOnce(asks);
    const [grant] = asks.grants();
    asks.revokeGrant(grant!.id);
    expect(asks.grantFor('c1', 'h1', 'manage_incidents')).toBeNull();
    expect(() => asks.revokeGrant(grant!.id)).toThrow(/already ended/);

    await grantOnce(asks);
    live = false;
    asks.pruneGrants();
    expect(asks.grants()).toEqual([]);

    live = true;
    await grantOnce(asks);
    asks.cancelAll();
    expect(asks.grants()).toEqual([]);
  });
});
