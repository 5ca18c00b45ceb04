import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED } from '../../../../simulator';
import { startHarness, type Harness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

describe('log entries', () => {
  it('shows an incident timeline, newest first', async () => {
    const out = await h.call('list_log_entries', { incident_id: SEED.incidents[1] });
    expect(out.log_entries.map((e: any) => e.type)).toEqual([
      'resolve_log_entry',
      'annotate_log_entry',
      'annotate_log_entry',
      'acknowledgement_log_entry',
      'assign_log_entry',
      'trigger_log_entry',
    ]);
    expect(out.log_entries[0].agent.summary).toBe('Mei Chen');
  });

  it('searches the account by team and overview, capping with a note', async () => {
    const overview = await h.call('list_log_entries', { is_overview: true, limit: 100 });
    expect(overview.log_entries.every((e: any) => !['assign_log_entry', 'annotate_log_entry'].includes(e.type))).toBe(true);
    const web = await h.call('list_log_entries', { team_ids: [SEED.teams.web], limit: 100 });
    expect(web.log_entries.every((e: any) => e.service.summary === 'Checkout Web')).toBe(true);
    await expect(h.call('list_log_entries', { incident_id: SEED.incidents[0], team_ids: [SEED.teams.web] })).rejects.toThrow(/account-wide search only/);
    const few = await h.call('list_log_entries', { limit: 3 });
    expect(few).toMatchObject({ count: 3, more: true });
  });

  it('gets one log entry', async () => {
    const [entry] = (await h.call('list_log_entries', { incident_id: SEED.incidents[0], limit: 1 })).log_entries;
    const one = await h.call('get_log_entry', { log_entry_id: entry.id });
    expect(one).toMatchObject({ id: entry.id, type: 'resolve_log_entry', incident: { id: SEED.incidents[0] } });
    await expect(h.call('get_log_entry', { log_entry_id: 'QNOPE' })).rejects.toThrow(/not found|404/i);
  });
});
