import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineTool } from '../../../../src/main/core/catalog';
import { EventBus } from '../../../../src/main/core/events';
import { createAskQueue } from '../../../../src/main/core/governance';
import type { NotificationRequest } from '../../../../src/main/core/platform';

const tool = defineTool({ name: 'manage_incidents', title: 'Manage incidents', description: 'Acks.', area: 'incidents', toolClass: 'write', input: z.object({}), run: async () => ({}) });

function setup() {
  const events = new EventBus();
  const notes: NotificationRequest[] = [];
  const resolved: string[] = [];
  events.on('ask.resolved', (r) => resolved.push(`${r.approved}:${r.reason}`));
  const asks = createAskQueue({ events, platform: { appVersion: 't', openExternal: async () => {}, notify: (n) => notes.push(n), bridgeCommand: () => [], showPage: () => {} } });
  return { events, notes, resolved, asks };
}
const input = { clientId: 'c1', clientName: 'Claude Code', tool, args: { incident_ids: ['1'] } };

describe('ask each time', () => {
  it('shows the prompt, notifies with a Review action, and resolves on the decision', async () => {
    const { asks, notes, resolved, events } = setup();
    const requested: string[] = [];
    events.on('ask.requested', (p) => requested.push(p.tool));
    const answer = asks.ask(input, 10_000, new AbortController().signal);
    expect(asks.list()).toMatchObject([{ tool: 'manage_incidents', clientName: 'Claude Code', toolClass: 'write', args: { incident_ids: ['1'] } }]);
    expect(requested).toEqual(['manage_incidents']);
    expect(notes[0]).toMatchObject({ actionLabel: 'Review', title: 'Claude Code wants to run Manage incidents' });
    asks.decide(asks.list()[0]!.id, true);
    expect(await answer).toEqual({ approved: true, reason: 'decided' });
    expect(resolved).toEqual(['true:decided']);
    expect(asks.size).toBe(0);
  });

  it('refuses when the client gives up, and says so when deciding too late', async () => {
    const { asks, resolved } = setup();
    const controller = new AbortController();
    const answer = asks.ask(input, 10_000, controller.signal);
    const id = asks.list()[0]!.id;
    controller.abort();
    expect(await answer).toEqual({ approved: false, reason: 'cancelled' });
    expect(() => asks.decide(id, true)).toThrow(/no longer waiting/);
    expect(resolved).toEqual(['false:cancelled']);
  });

  it('times out into a refusal', async () => {
    const { asks } = setup();
    expect(await asks.ask(input, 30, new AbortController().signal)).toEqual({ approved: false, reason: 'timeout' });
  });
});
