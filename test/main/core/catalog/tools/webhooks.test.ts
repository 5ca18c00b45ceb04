// Webhook subscription and extension schema tools, through the catalog against the simulator.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED } from '../../../../simulator';
import { startHarness, type Harness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

describe('webhook subscriptions', () => {
  it('list_webhook_subscriptions lists the seeded subscriptions, filterable by scope, without header values or secrets', async () => {
    const all = await h.call('list_webhook_subscriptions', {});
    expect(all.count).toBe(2);
    const bridge = all.webhook_subscriptions.find((s: any) => s.description === 'Ops chat bridge');
    expect(bridge).toMatchObject({ url: 'https://hooks.acme.example/pagerduty', active: true, filter: { type: 'account_reference' }, custom_header_names: ['X-Bridge-Token'] });
    expect(JSON.stringify(all)).not.toContain('bridge-token-value');
    expect(bridge.signing_secret).toBeUndefined();

    const byService = await h.call('list_webhook_subscriptions', { filter_type: 'service_reference' });
    expect(byService.webhook_subscriptions).toEqual([expect.objectContaining({ filter: { type: 'service_reference', id: SEED.services.apiGateway }, active: false })]);
  });

  it('get_webhook_subscription returns one subscription; unknown ids are a 404', async () => {
    const [first] = (await h.call('list_webhook_subscriptions', {})).webhook_subscriptions;
    expect(await h.call('get_webhook_subscription', { subscription_id: first.id })).toMatchObject({ id: first.id, events: first.events });
    await expect(h.call('get_webhook_subscription', { subscription_id: 'PNOPE00' })).rejects.toThrow(/404/);
  });

  let createdId = '';
  it('create_webhook_subscription creates a team-scoped subscription and shows the signing secret once', async () => {
    const out = await h.call('create_webhook_subscription', {
      url: 'https://example.com/pd-hook',
      events: ['incident.triggered', 'incident.resolved'],
      filter_type: 'team_reference',
      filter_id: SEED.teams.payments,
      description: 'Payments team hook',
    });
    createdId = out.id;
    expect(out).toMatchObject({ url: 'https://example.com/pd-hook', active: true, filter: { type: 'team_reference', id: SEED.teams.payments } });
    expect(out.signing_secret).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    const again = await h.call('get_webhook_subscription', { subscription_id: createdId });
    expect(again.signing_secret).toBeUndefined();
    expect(again.description).toBe('Payments team hook');
  });

  it('refuses http URLs, unknown event types and missing scope ids before calling PagerDuty', async () => {
    expect(h.parse('create_webhook_subscription', { url: 'http://example.com', events: ['incident.triggered'], filter_type: 'account_reference' }).error?.message).toMatch(/https/);
    expect(h.parse('create_webhook_subscription', { url: 'https://example.com', events: ['incident.exploded'], filter_type: 'account_reference' }).success).toBe(false);
    expect(h.parse('create_webhook_subscription', { url: 'https://example.com', events: ['incident.triggered'], filter_type: 'service_reference' }).error?.message).toMatch(/filter_id/);
  });

  it('the simulator refuses a scope on an unknown team, creating nothing', async () => {
    const before = (await h.call('list_webhook_subscriptions', {})).count;
    await expect(
      h.call('create_webhook_subscription', { url: 'https://example.com/x', events: ['incident.triggered'], filter_type: 'team_reference', filter_id: 'PNOPE00' }),
    ).rejects.toThrow(/team PNOPE00 was not found/);
    expect((await h.call('list_webhook_subscriptions', {})).count).toBe(before);
  });

  it('update_webhook_subscription pauses it and replaces its events, as a following get shows', async () => {
    const out = await h.call('update_webhook_subscription', { subscription_id: createdId, active: false, events: ['incident.acknowledged'] });
    expect(out).toMatchObject({ active: false, events: ['incident.acknowledged'], url: 'https://example.com/pd-hook' });
    expect(await h.call('get_webhook_subscription', { subscription_id: createdId })).toMatchObject({ active: false, events: ['incident.acknowledged'] });
    expect(h.parse('update_webhook_subscription', { subscription_id: createdId }).success).toBe(false);
  });

  it('delete_webhook_subscription removes it', async () => {
    expect(await h.call('delete_webhook_subscription', { subscription_id: createdId })).toEqual({ deleted: true, subscription_id: createdId });
    await expect(h.call('get_webhook_subscription', { subscription_id: createdId })).rejects.toThrow(/404/);
    await expect(h.call('delete_webhook_subscription', { subscription_id: createdId })).rejects.toThrow(/404/);
  });
});

describe('extension schemas', () => {
  it('list_extension_schemas lists the vendors; get_extension_schema returns one', async () => {
    const list = await h.call('list_extension_schemas', { limit: 2 });
    expect(list.count).toBe(2);
    expect(list.more).toBe(true);
    const all = await h.call('list_extension_schemas', {});
    const generic = all.extension_schemas.find((s: any) => s.key === 'generic_v2_webhook');
    expect(generic).toMatchObject({ label: 'Generic V2 Webhook', send_types: expect.arrayContaining(['trigger', 'resolve']) });
    expect(await h.call('get_extension_schema', { schema_id: generic.id })).toMatchObject({ id: generic.id, key: 'generic_v2_webhook' });
    await expect(h.call('get_extension_schema', { schema_id: 'PNOPE00' })).rejects.toThrow(/404/);
  });
});
