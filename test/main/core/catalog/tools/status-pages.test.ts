// Status page tools, through the catalog against the simulator.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness';

let h: Harness;
let pageId = '';
let postId = '';
const term = async (tool: string, key: string, pid: string, postType: string, description: string) =>
  (await h.call(tool, { status_page_id: pid, post_type: postType }))[key].find((t: any) => t.description === description).id as string;

beforeAll(async () => {
  h = await startHarness();
  pageId = (await h.call('list_status_pages', { status_page_type: 'public' })).status_pages[0].id;
  postId = [...h.sim.db.collection<any>('status_page_posts').values()][0].id;
});
afterAll(async () => {
  await h?.close();
});

describe('status page reads', () => {
  it('list_status_pages lists pages and filters by type', async () => {
    const all = await h.call('list_status_pages', {});
    expect(all.status_pages.map((p: any) => [p.name, p.status_page_type])).toEqual([['Acme Status', 'public'], ['Internal Tools Status', 'private']]);
    const priv = await h.call('list_status_pages', { status_page_type: 'private' });
    expect(priv.status_pages.map((p: any) => p.name)).toEqual(['Internal Tools Status']);
  });

  it('list_status_page_severities / impacts / statuses list the vocabulary, filtered by post type', async () => {
    const sev = await h.call('list_status_page_severities', { status_page_id: pageId, post_type: 'incident' });
    expect(sev.severities.map((s: any) => s.description)).toEqual(['minor', 'major']);
    const imp = await h.call('list_status_page_impacts', { status_page_id: pageId });
    expect(imp.impacts.map((s: any) => s.description)).toEqual(['degraded', 'partial outage', 'major outage', 'under maintenance']);
    const st = await h.call('list_status_page_statuses', { status_page_id: pageId, post_type: 'maintenance' });
    expect(st.statuses.map((s: any) => s.description)).toEqual(['scheduled', 'in progress', 'completed']);
    await expect(h.call('list_status_page_statuses', { status_page_id: 'PNOPE00' })).rejects.toThrow(/404/);
  });

  it('get_status_page_post returns the post, and its updates when included', async () => {
    const plain = await h.call('get_status_page_post', { status_page_id: pageId, post_id: postId });
    expect(plain).toMatchObject({ id: postId, title: 'Elevated checkout errors', post_type: 'incident', status_page_id: pageId });
    expect(plain.update_ids).toHaveLength(2);
    expect(plain.post_updates).toBeUndefined();
    const full = await h.call('get_status_page_post', { status_page_id: pageId, post_id: postId, include: ['post_updates'] });
    expect(full.post_updates.map((u: any) => u.message)).toEqual([
      'We are investigating elevated error rates at checkout.',
      'A fix has been deployed and error rates are back to normal.',
    ]);
    await expect(h.call('get_status_page_post', { status_page_id: pageId, post_id: 'PNOPE00' })).rejects.toThrow(/404/);
  });

  it('list_status_page_post_updates lists updates oldest first with their status and impacts', async () => {
    const out = await h.call('list_status_page_post_updates', { status_page_id: pageId, post_id: postId });
    expect(out.count).toBe(2);
    const resolved = await term('list_status_page_statuses', 'statuses', pageId, 'incident', 'resolved');
    expect(out.post_updates[1]).toMatchObject({ status_id: resolved, reviewed_status: 'approved', impacted_services: [{ service_id: expect.any(String), impact_id: expect.any(String) }] });
    expect((await h.call('list_status_page_post_updates', { status_page_id: pageId, post_id: postId, reviewed_status: 'not_reviewed' })).count).toBe(0);
  });
});

describe('status page writes', () => {
  it('create_status_page_post publishes a maintenance post with its first update', async () => {
    const scheduled = await term('list_status_page_statuses', 'statuses', pageId, 'maintenance', 'scheduled');
    const severity = await term('list_status_page_severities', 'severities', pageId, 'maintenance', 'maintenance');
    const post = await h.call('create_status_page_post', {
      status_page_id: pageId,
      title: 'Database upgrade',
      post_type: 'maintenance',
      starts_at: '2026-12-20T02:00:00Z',
      ends_at: '2026-12-20T04:00:00Z',
      message: 'We will upgrade the primary database; checkout may be slow.',
      status_id: scheduled,
      severity_id: severity,
    });
    expect(post).toMatchObject({ title: 'Database upgrade', post_type: 'maintenance', status_page_id: pageId });
    expect(post.update_ids).toHaveLength(1);
    const updates = await h.call('list_status_page_post_updates', { status_page_id: pageId, post_id: post.id });
    expect(updates.post_updates).toEqual([expect.objectContaining({ message: 'We will upgrade the primary database; checkout may be slow.', status_id: scheduled })]);
  });

  it('refuses an incident status on a maintenance post and end-before-start, creating nothing', async () => {
    const before = h.sim.db.collection('status_page_posts').size;
    const investigating = await term('list_status_page_statuses', 'statuses', pageId, 'incident', 'investigating');
    const severity = await term('list_status_page_severities', 'severities', pageId, 'maintenance', 'maintenance');
    await expect(
      h.call('create_status_page_post', {
        status_page_id: pageId, title: 'x', post_type: 'maintenance', starts_at: '2026-12-20T02:00:00Z', ends_at: '2026-12-20T04:00:00Z',
        message: 'x', status_id: investigating, severity_id: severity,
      }),
    ).rejects.toThrow(/is for incident posts, not maintenance posts/);
    const r = h.parse('create_status_page_post', {
      status_page_id: pageId, title: 'x', post_type: 'incident', starts_at: '2026-12-20T04:00:00Z', ends_at: '2026-12-20T02:00:00Z',
      message: 'x', status_id: investigating, severity_id: severity,
    });
    expect(r.error?.message).toMatch(/ends_at must be after starts_at/);
    expect(h.sim.db.collection('status_page_posts').size).toBe(before);
  });

  it('create_status_page_post_update adds an update with impacted services', async () => {
    const monitoring = await term('list_status_page_statuses', 'statuses', pageId, 'incident', 'monitoring');
    const minor = await term('list_status_page_severities', 'severities', pageId, 'incident', 'minor');
    const degraded = await term('list_status_page_impacts', 'impacts', pageId, 'incident', 'degraded');
    const page = h.sim.db.collection<any>('status_pages').get(pageId);
    const update = await h.call('create_status_page_post_update', {
      status_page_id: pageId,
      post_id: postId,
      message: 'Monitoring after the fix.',
      status_id: monitoring,
      severity_id: minor,
      impacted_services: [{ service_id: page.services[1].id, impact_id: degraded }],
    });
    expect(update).toMatchObject({ message: 'Monitoring after the fix.', status_id: monitoring, severity_id: minor, impacted_services: [{ service_id: page.services[1].id, impact_id: degraded }] });
    const list = await h.call('list_status_page_post_updates', { status_page_id: pageId, post_id: postId });
    expect(list.post_updates.map((u: any) => u.id)).toContain(update.id);
    await expect(
      h.call('create_status_page_post_update', { status_page_id: pageId, post_id: postId, message: 'x', status_id: 'PNOPE00', severity_id: minor }),
    ).rejects.toThrow(/PNOPE00 is not a status/);
  });
});
