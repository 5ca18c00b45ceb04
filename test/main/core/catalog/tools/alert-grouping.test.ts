// Alert grouping setting tools, through the catalog against the simulator.
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

describe('alert grouping settings', () => {
  it('list_alert_grouping_settings returns the seeded setting with its service', async () => {
    const out = await h.call('list_alert_grouping_settings', {});
    expect(out.count).toBe(1);
    expect(out.alert_grouping_settings[0]).toMatchObject({
      name: 'Group by host',
      type: 'content_based',
      config: { aggregate: 'all', fields: ['source', 'custom_details.host'] },
      services: [{ id: SEED.services.apiGateway, summary: 'API Gateway' }],
    });
    expect(out.alert_grouping_settings[0].self).toBeUndefined();
  });

  it('get_alert_grouping_setting returns one setting, and a clear error for an unknown id', async () => {
    const [first] = (await h.call('list_alert_grouping_settings', {})).alert_grouping_settings;
    const one = await h.call('get_alert_grouping_setting', { setting_id: first.id });
    expect(one).toMatchObject({ id: first.id, name: 'Group by host' });
    await expect(h.call('get_alert_grouping_setting', { setting_id: 'PNOPE00' })).rejects.toThrow(/not found|404/i);
  });

  it('create_alert_grouping_setting creates a setting that list and get then show', async () => {
    const created = await h.call('create_alert_grouping_setting', {
      name: 'Payments: time grouping',
      type: 'time',
      config: { timeout: 15 },
      service_ids: [SEED.services.paymentsApi],
    });
    expect(created).toMatchObject({ name: 'Payments: time grouping', type: 'time', config: { timeout: 15 }, services: [{ id: SEED.services.paymentsApi }] });
    const byService = await h.call('list_alert_grouping_settings', { service_ids: [SEED.services.paymentsApi] });
    expect(byService.alert_grouping_settings.map((s: any) => s.id)).toEqual([created.id]);
  });

  it('refuses a second setting for the same service, and a type without its config, changing nothing', async () => {
    await expect(
      h.call('create_alert_grouping_setting', { type: 'intelligent', config: { time_window: 300 }, service_ids: [SEED.services.apiGateway] }),
    ).rejects.toThrow(/already has an alert grouping setting/);
    const bad = h.parse('create_alert_grouping_setting', { type: 'time', service_ids: [SEED.services.postgres] });
    expect(bad.success).toBe(false);
    expect(bad.error!.message).toMatch(/config\.timeout/);
    const all = await h.call('list_alert_grouping_settings', { total: true });
    expect(all.total).toBe(2);
  });

  it('pages with after/before cursors', async () => {
    const page1 = await h.call('list_alert_grouping_settings', { limit: 1 });
    expect(page1.count).toBe(1);
    expect(page1.after).toBeTruthy();
    const page2 = await h.call('list_alert_grouping_settings', { limit: 1, after: page1.after });
    expect(page2.alert_grouping_settings[0].id).not.toBe(page1.alert_grouping_settings[0].id);
    expect(page2.after).toBeUndefined();
    const back = await h.call('list_alert_grouping_settings', { limit: 1, before: page2.before });
    expect(back.alert_grouping_settings[0].id).toBe(page1.alert_grouping_settings[0].id);
  });

  it('update_alert_grouping_setting changes only what is passed, as a following get shows', async () => {
    const [target] = (await h.call('list_alert_grouping_settings', { service_ids: [SEED.services.paymentsApi] })).alert_grouping_settings;
    const updated = await h.call('update_alert_grouping_setting', { setting_id: target.id, config: { timeout: 30 }, description: 'Longer window' });
    expect(updated).toMatchObject({ type: 'time', config: { timeout: 30 }, description: 'Longer window', name: 'Payments: time grouping' });
    expect(await h.call('get_alert_grouping_setting', { setting_id: target.id })).toMatchObject({ config: { timeout: 30 } });
    expect(h.parse('update_alert_grouping_setting', { setting_id: target.id }).success).toBe(false);
  });

  it('delete_alert_grouping_setting removes it; a second delete is a 404', async () => {
    const [target] = (await h.call('list_alert_grouping_settings', { service_ids: [SEED.services.paymentsApi] })).alert_grouping_settings;
    expect(await h.call('delete_alert_grouping_setting', { setting_id: target.id })).toEqual({ deleted: true, setting_id: target.id });
    await expect(h.call('get_alert_grouping_setting', { setting_id: target.id })).rejects.toThrow(/not found|404/i);
    await expect(h.call('delete_alert_grouping_setting', { setting_id: target.id })).rejects.toThrow(/not found|404/i);
  });
});
