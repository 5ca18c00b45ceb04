// Event orchestration tools, through the catalog against the simulator.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED } from '../../../../simulator';
import { startHarness, type Harness } from './harness';

let h: Harness;
let prodId = '';
beforeAll(async () => {
  h = await startHarness();
  const list = await h.call('list_event_orchestrations', {});
  prodId = list.orchestrations.find((o: any) => o.name === 'Production monitoring').id;
});
afterAll(async () => {
  await h?.close();
});

describe('event orchestration reads', () => {
  it('list_event_orchestrations sorts by name by default and by routes when asked', async () => {
    const byName = await h.call('list_event_orchestrations', {});
    expect(byName.orchestrations.map((o: any) => o.name)).toEqual(['Production monitoring', 'Staging']);
    const byRoutes = await h.call('list_event_orchestrations', { sort_by: 'routes:asc' });
    expect(byRoutes.orchestrations.map((o: any) => [o.name, o.routes])).toEqual([['Staging', 0], ['Production monitoring', 2]]);
  });

  it('get_event_orchestration shows integration labels but never the routing key', async () => {
    const out = await h.call('get_event_orchestration', { orchestration_id: prodId });
    expect(out).toMatchObject({ id: prodId, name: 'Production monitoring', team: { id: SEED.teams.platform }, integrations: [{ label: 'Datadog' }] });
    expect(JSON.stringify(out)).not.toMatch(/routing_key|R0P/);
    await expect(h.call('get_event_orchestration', { orchestration_id: 'PNOPE00' })).rejects.toThrow(/404/);
  });

  it('get_event_orchestration_router returns the ordered rules and the catch-all', async () => {
    const out = await h.call('get_event_orchestration_router', { orchestration_id: prodId });
    expect(out.type).toBe('router');
    expect(out.sets).toHaveLength(1);
    expect(out.sets[0].rules.map((r: any) => [r.label, r.actions.route_to])).toEqual([
      ['Database alerts', SEED.services.apiGateway],
      ['Web tier', SEED.services.postgres],
    ]);
    expect(out.catch_all).toEqual({ actions: { route_to: 'unrouted' } });
  });

  it('get_event_orchestration_global returns global rules', async () => {
    const out = await h.call('get_event_orchestration_global', { orchestration_id: prodId });
    expect(out).toMatchObject({ type: 'global', parent: { id: prodId, type: 'event_orchestration_reference' } });
    expect(out.sets[0].rules[0]).toMatchObject({ label: 'Drop heartbeat events', actions: { drop_event: true } });
  });

  it('get_event_orchestration_service returns the (empty) service orchestration of a real service; unknown services 404', async () => {
    const out = await h.call('get_event_orchestration_service', { service_id: SEED.services.paymentsApi });
    expect(out).toMatchObject({ type: 'service', parent: { id: SEED.services.paymentsApi, type: 'service_reference' }, sets: [{ id: 'start', rules: [] }] });
    await expect(h.call('get_event_orchestration_service', { service_id: 'PNOPE00' })).rejects.toThrow(/404/);
  });
});

describe('event orchestration router writes', () => {
  it('append_event_orchestration_router_rule adds a rule at the end and keeps the others', async () => {
    const before = await h.call('get_event_orchestration_router', { orchestration_id: prodId });
    const out = await h.call('append_event_orchestration_router_rule', {
      orchestration_id: prodId,
      label: 'Payments events',
      conditions: [{ expression: "event.source matches part 'payments'" }],
      route_to: SEED.services.paymentsApi,
    });
    expect(out.added_rule).toMatchObject({ label: 'Payments events', actions: { route_to: SEED.services.paymentsApi } });
    expect(out.added_rule.id).toEqual(expect.any(String));
    const after = await h.call('get_event_orchestration_router', { orchestration_id: prodId });
    const ids = after.sets[0].rules.map((r: any) => r.id);
    expect(ids.slice(0, 2)).toEqual(before.sets[0].rules.map((r: any) => r.id));
    expect(ids[2]).toBe(out.added_rule.id);
    expect(Number(after.version)).toBe(Number(before.version) + 1);
  });

  it('append refuses a route to an unknown service and leaves the router as it was', async () => {
    const before = await h.call('get_event_orchestration_router', { orchestration_id: prodId });
    await expect(
      h.call('append_event_orchestration_router_rule', { orchestration_id: prodId, conditions: [{ expression: 'event.summary matches "x"' }], route_to: 'PNOPE00' }),
    ).rejects.toThrow(/service PNOPE00 was not found/);
    expect(await h.call('get_event_orchestration_router', { orchestration_id: prodId })).toEqual(before);
    expect(h.parse('append_event_orchestration_router_rule', { orchestration_id: prodId, conditions: [], route_to: SEED.services.postgres }).success).toBe(false);
  });

  it('update_event_orchestration_router replaces the rule list and keeps the catch-all when not given', async () => {
    const current = await h.call('get_event_orchestration_router', { orchestration_id: prodId });
    const keep = current.sets[0].rules[1];
    const out = await h.call('update_event_orchestration_router', {
      orchestration_id: prodId,
      rules: [keep, { label: 'Everything else to checkout', conditions: [], actions: { route_to: SEED.services.checkoutWeb } }],
    });
    expect(out.sets[0].rules.map((r: any) => r.label)).toEqual(['Web tier', 'Everything else to checkout']);
    expect(out.sets[0].rules[0].id).toBe(keep.id);
    expect(out.catch_all).toEqual({ actions: { route_to: 'unrouted' } });

    const withCatchAll = await h.call('update_event_orchestration_router', { orchestration_id: prodId, rules: [], catch_all_route_to: SEED.services.postgres });
    expect(withCatchAll.sets[0].rules).toEqual([]);
    const read = await h.call('get_event_orchestration_router', { orchestration_id: prodId });
    expect(read.catch_all).toEqual({ actions: { route_to: SEED.services.postgres } });
    const list = await h.call('list_event_orchestrations', {});
    expect(list.orchestrations.find((o: any) => o.id === prodId).routes).toBe(0);
  });

  it('refuses rules without a route before calling PagerDuty', () => {
    const r = h.parse('update_event_orchestration_router', { orchestration_id: prodId, rules: [{ conditions: [], actions: {} }] });
    expect(r.success).toBe(false);
    expect(r.error!.message).toMatch(/route_to/);
  });
});
