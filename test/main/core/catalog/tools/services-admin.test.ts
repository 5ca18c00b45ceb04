// create_service and update_service through the catalog, against the simulator.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED } from '../../../../simulator';
import { startHarness, toolNamed, type Harness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

describe('create_service', () => {
  it('creates a service on an escalation policy; get_service then shows it', async () => {
    const created = await h.call('create_service', {
      service_data: {
        name: 'Search API',
        description: 'Product search',
        escalation_policy: { id: SEED.escalationPolicies.platform },
        teams: [{ id: SEED.teams.platform }],
      },
    });
    expect(created).toMatchObject({ name: 'Search API', status: 'active', escalation_policy: { id: SEED.escalationPolicies.platform, summary: 'Platform Escalation' } });
    expect(created.teams).toEqual([expect.objectContaining({ id: SEED.teams.platform, summary: 'Platform' })]);
    expect(created.html_url).toContain(`/service-directory/${created.id}`);
    const read = await h.call('get_service', { service_id: created.id });
    expect(read).toMatchObject({ id: created.id, name: 'Search API', description: 'Product search' });
  });

  it('requires an escalation policy before any request is made', () => {
    expect(toolNamed('create_service').input.safeParse({ service_data: { name: 'No EP' } }).success).toBe(false);
  });

  it('refuses an unknown escalation policy with a clear error and creates nothing', async () => {
    const before = h.sim.db.collection('services').size;
    await expect(h.call('create_service', { service_data: { name: 'Orphan', escalation_policy: { id: 'PNOPE01' } } })).rejects.toThrow(/Escalation policy PNOPE01 not found/);
    expect(h.sim.db.collection('services').size).toBe(before);
  });

  it('refuses a duplicate name', async () => {
    await expect(h.call('create_service', { service_data: { name: 'API Gateway', escalation_policy: { id: SEED.escalationPolicies.platform } } })).rejects.toThrow(/Name has already been taken/);
  });
});

describe('update_service', () => {
  it('changes only the given fields; get_service shows the change', async () => {
    const out = await h.call('update_service', {
      service_id: SEED.services.checkoutWeb,
      service_data: { description: 'Storefront checkout (v2)', escalation_policy: { id: SEED.escalationPolicies.payments } },
    });
    expect(out).toMatchObject({ name: 'Checkout Web', description: 'Storefront checkout (v2)', escalation_policy: { id: SEED.escalationPolicies.payments } });
    const read = await h.call('get_service', { service_id: SEED.services.checkoutWeb });
    expect(read).toMatchObject({ name: 'Checkout Web', description: 'Storefront checkout (v2)', escalation_policy: { id: SEED.escalationPolicies.payments } });
  });

  it('disables a service', async () => {
    await h.call('update_service', { service_id: SEED.services.postgres, service_data: { status: 'disabled' } });
    expect((await h.call('get_service', { service_id: SEED.services.postgres })).status).toBe('disabled');
  });

  it('needs at least one field, and only settable statuses', () => {
    const tool = toolNamed('update_service');
    expect(tool.input.safeParse({ service_id: 'P1', service_data: {} }).success).toBe(false);
    expect(tool.input.safeParse({ service_id: 'P1', service_data: { status: 'critical' } }).success).toBe(false);
  });

  it('an unknown service gives a 404 that names the id problem', async () => {
    await expect(h.call('update_service', { service_id: 'PNOPE02', service_data: { name: 'X' } })).rejects.toThrow(/404/);
  });

  it('is a destructive, idempotent write; create is an additive write', () => {
    expect(toolNamed('update_service').annotations).toMatchObject({ readOnlyHint: false, destructiveHint: true, idempotentHint: true });
    expect(toolNamed('create_service').annotations).toMatchObject({ readOnlyHint: false, destructiveHint: false });
    expect(toolNamed('create_service').toolClass).toBe('write');
  });
});
