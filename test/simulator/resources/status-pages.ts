// /status_pages: pages with their severities, impacts, statuses and services; posts and post updates.
import type { SimContext, SimDb, SimRouter } from '../types';
import { invalid, isObject, nowIso, type Obj } from './platform-util';

type PostType = 'incident' | 'maintenance';
interface Term {
  id: string;
  description: string;
  post_type: PostType;
}

interface StoredPage {
  id: string;
  name: string;
  status_page_type: 'public' | 'private' | 'audience_specific';
  url: string;
  published_at: string | null;
  severities: Term[];
  impacts: Term[];
  statuses: Term[];
  services: Array<{ id: string; name: string }>;
}

interface StoredPost {
  id: string;
  pageId: string;
  title: string;
  post_type: PostType;
  starts_at: string;
  ends_at: string;
  created_at: string;
}

interface StoredUpdate {
  id: string;
  postId: string;
  message: string;
  statusId: string;
  severityId: string;
  impacted: Array<{ serviceId: string; impactId: string }>;
  notify_subscribers: boolean;
  reported_at: string;
  reviewed_status: 'approved' | 'not_reviewed';
}

const pages = (db: SimDb) => db.collection<StoredPage>('status_pages');
const posts = (db: SimDb) => db.collection<StoredPost>('status_page_posts');
const updates = (db: SimDb) => db.collection<StoredUpdate>('status_page_post_updates');

function vocabulary(db: SimDb): Pick<StoredPage, 'severities' | 'impacts' | 'statuses'> {
  const terms = (post_type: PostType, names: string[]): Term[] => names.map((description) => ({ id: db.newId(), description, post_type }));
  return {
    severities: [...terms('incident', ['minor', 'major']), ...terms('maintenance', ['maintenance'])],
    impacts: [...terms('incident', ['degraded', 'partial outage', 'major outage']), ...terms('maintenance', ['under maintenance'])],
    statuses: [...terms('incident', ['investigating', 'identified', 'monitoring', 'resolved']), ...terms('maintenance', ['scheduled', 'in progress', 'completed'])],
  };
}

export function seed(db: SimDb): void {
  const publicPage: StoredPage = {
    id: db.newId(),
    name: 'Acme Status',
    status_page_type: 'public',
    url: 'https://status.acme.example',
    published_at: '2025-09-01T00:00:00Z',
    ...vocabulary(db),
    services: [
      { id: db.newId(), name: 'Checkout' },
      { id: db.newId(), name: 'Public API' },
    ],
  };
  const privatePage: StoredPage = {
    id: db.newId(),
    name: 'Internal Tools Status',
    status_page_type: 'private',
    url: 'https://acme.pagerduty.com/status-pages/internal',
    published_at: '2025-10-15T00:00:00Z',
    ...vocabulary(db),
    services: [{ id: db.newId(), name: 'CI' }],
  };
  pages(db).set(publicPage.id, publicPage);
  pages(db).set(privatePage.id, privatePage);

  const post: StoredPost = {
    id: db.newId(),
    pageId: publicPage.id,
    title: 'Elevated checkout errors',
    post_type: 'incident',
    starts_at: '2026-01-10T14:00:00Z',
    ends_at: '2026-01-10T16:00:00Z',
    created_at: '2026-01-10T14:05:00Z',
  };
  posts(db).set(post.id, post);
  const term = (list: Term[], description: string) => list.find((t) => t.description === description)!.id;
  const addUpdate = (message: string, status: string, reported_at: string) => {
    const id = db.newId();
    updates(db).set(id, {
      id,
      postId: post.id,
      message,
      statusId: term(publicPage.statuses, status),
      severityId: term(publicPage.severities, 'major'),
      impacted: [{ serviceId: publicPage.services[0].id, impactId: term(publicPage.impacts, 'partial outage') }],
      notify_subscribers: true,
      reported_at,
      reviewed_status: 'approved',
    });
  };
  addUpdate('We are investigating elevated error rates at checkout.', 'investigating', '2026-01-10T14:05:00Z');
  addUpdate('A fix has been deployed and error rates are back to normal.', 'resolved', '2026-01-10T15:40:00Z');
}

const pageRef = (sim: SimContext, pageId: string) => ({ id: pageId, type: 'status_page', self: `${sim.apiBase}/status_pages/${pageId}` });

function renderTerm(t: Term, kind: string, pageId: string, sim: SimContext): Obj {
  return { id: t.id, type: `status_page_${kind}`, self: `${sim.apiBase}/status_pages/${pageId}/${kind === 'status' ? 'statuses' : `${kind}s`}/${t.id}`, description: t.description, post_type: t.post_type, status_page: pageRef(sim, pageId) };
}

function renderPost(p: StoredPost, sim: SimContext): Obj {
  const self = `${sim.apiBase}/status_pages/${p.pageId}/posts/${p.id}`;
  return {
    id: p.id,
    type: 'status_page_post',
    self,
    title: p.title,
    post_type: p.post_type,
    starts_at: p.starts_at,
    ends_at: p.ends_at,
    status_page: pageRef(sim, p.pageId),
    postmortem: null,
    updates: [...updates(sim.db).values()].filter((u) => u.postId === p.id).map((u) => ({ id: u.id, type: 'status_page_post_update', self: `${self}/post_updates/${u.id}` })),
  };
}

function renderUpdate(u: StoredUpdate, pageId: string, sim: SimContext): Obj {
  const postSelf = `${sim.apiBase}/status_pages/${pageId}/posts/${u.postId}`;
  return {
    id: u.id,
    type: 'status_page_post_update',
    self: `${postSelf}/post_updates/${u.id}`,
    message: u.message,
    post: { id: u.postId, type: 'status_page_post', self: postSelf },
    status: { id: u.statusId, type: 'status_page_status' },
    severity: { id: u.severityId, type: 'status_page_severity' },
    impacted_services: u.impacted.map((i) => ({ service: { id: i.serviceId, type: 'status_page_service' }, impact: { id: i.impactId, type: 'status_page_impact' } })),
    notify_subscribers: u.notify_subscribers,
    reported_at: u.reported_at,
    reviewed_status: u.reviewed_status,
    update_frequency_ms: null,
  };
}

/** Validates one post update body against the page's vocabulary for the post type. */
function readUpdate(raw: unknown, page: StoredPage, postType: PostType, where: string, errors: string[]): Omit<StoredUpdate, 'id' | 'postId' | 'reported_at' | 'reviewed_status'> | null {
  if (!isObject(raw)) {
    errors.push(`${where} must be an object`);
    return null;
  }
  const before = errors.length;
  if (typeof raw.message !== 'string' || !raw.message.trim()) errors.push(`${where}.message is required`);
  const check = (list: Term[], ref: unknown, field: string): string => {
    const id = isObject(ref) ? ref.id : undefined;
    const term = list.find((t) => t.id === id);
    if (!term) errors.push(`${where}.${field}: ${String(id)} is not a ${field} of status page ${page.id}`);
    else if (term.post_type !== postType) errors.push(`${where}.${field}: ${String(id)} is for ${term.post_type} posts, not ${postType} posts`);
    return String(id);
  };
  const statusId = check(page.statuses, raw.status, 'status');
  const severityId = check(page.severities, raw.severity, 'severity');
  const impacted: Array<{ serviceId: string; impactId: string }> = [];
  if (raw.impacted_services !== undefined && !Array.isArray(raw.impacted_services)) errors.push(`${where}.impacted_services must be a list`);
  for (const [i, s] of (Array.isArray(raw.impacted_services) ? raw.impacted_services : []).entries()) {
    const serviceId = isObject(s) && isObject(s.service) ? s.service.id : undefined;
    if (!page.services.some((x) => x.id === serviceId)) errors.push(`${where}.impacted_services[${i}].service: ${String(serviceId)} is not a service of status page ${page.id}`);
    const impactId = check(page.impacts, isObject(s) ? s.impact : undefined, `impacted_services[${i}].impact`);
    impacted.push({ serviceId: String(serviceId), impactId });
  }
  if (errors.length > before) return null;
  return { message: raw.message, statusId, severityId, impacted, notify_subscribers: raw.notify_subscribers === true };
}

export function routes(router: SimRouter): void {
  const opts = { scope: 'status_pages' };

  router.route('GET', '/status_pages', opts, (req, sim) => {
    const type = req.query.get('status_page_type');
    const items = [...pages(sim.db).values()]
      .filter((p) => !type || p.status_page_type === type)
      .map((p) => ({ id: p.id, type: 'status_page', name: p.name, status_page_type: p.status_page_type, url: p.url, published_at: p.published_at }));
    return sim.paginate(req, items, 'status_pages');
  });

  for (const [kind, key] of [['severity', 'severities'], ['impact', 'impacts'], ['status', 'statuses']] as const) {
    router.route('GET', `/status_pages/:id/${key}`, opts, (req, sim) => {
      const page = pages(sim.db).get(req.params.id);
      if (!page) return sim.notFound();
      const postType = req.query.get('post_type');
      const items = page[key].filter((t) => !postType || t.post_type === postType).map((t) => renderTerm(t, kind, page.id, sim));
      return sim.paginate(req, items, key);
    });
  }

  router.route('GET', '/status_pages/:id/services', opts, (req, sim) => {
    const page = pages(sim.db).get(req.params.id);
    if (!page) return sim.notFound();
    const items = page.services.map((s) => ({ id: s.id, type: 'status_page_service', name: s.name, status_page: pageRef(sim, page.id) }));
    return sim.paginate(req, items, 'services');
  });

  router.route('GET', '/status_pages/:id/posts', opts, (req, sim) => {
    if (!pages(sim.db).has(req.params.id)) return sim.notFound();
    const items = [...posts(sim.db).values()].filter((p) => p.pageId === req.params.id).map((p) => renderPost(p, sim));
    return sim.paginate(req, items, 'posts');
  });

  router.route('GET', '/status_pages/:id/posts/:post_id', opts, (req, sim) => {
    const post = posts(sim.db).get(req.params.post_id);
    if (!post || post.pageId !== req.params.id) return sim.notFound();
    return { status: 200, body: { post: renderPost(post, sim) } };
  });

  router.route('GET', '/status_pages/:id/posts/:post_id/post_updates', opts, (req, sim) => {
    const post = posts(sim.db).get(req.params.post_id);
    if (!post || post.pageId !== req.params.id) return sim.notFound();
    const reviewed = req.query.get('reviewed_status');
    const items = [...updates(sim.db).values()]
      .filter((u) => u.postId === post.id && (!reviewed || u.reviewed_status === reviewed))
      .sort((a, b) => a.reported_at.localeCompare(b.reported_at))
      .map((u) => renderUpdate(u, post.pageId, sim));
    return sim.paginate(req, items, 'post_updates');
  });

  router.route('POST', '/status_pages/:id/posts', opts, (req, sim) => {
    const page = pages(sim.db).get(req.params.id);
    if (!page) return sim.notFound();
    const input = isObject(req.body) ? req.body.post : undefined;
    if (!isObject(input)) return invalid(sim, ['The body must be {"post": {...}}']);
    const errors: string[] = [];
    if (typeof input.title !== 'string' || !input.title.trim() || input.title.length > 128) errors.push('post.title is required (1-128 characters)');
    if (input.post_type !== 'incident' && input.post_type !== 'maintenance') errors.push("post.post_type must be 'incident' or 'maintenance'");
    const starts = Date.parse(input.starts_at);
    const ends = Date.parse(input.ends_at);
    if (Number.isNaN(starts)) errors.push('post.starts_at must be an ISO-8601 date-time');
    if (Number.isNaN(ends)) errors.push('post.ends_at must be an ISO-8601 date-time');
    if (!Number.isNaN(starts) && !Number.isNaN(ends) && ends <= starts) errors.push('post.ends_at must be after post.starts_at');
    if (!Array.isArray(input.updates) || input.updates.length === 0) errors.push('post.updates must contain at least one post update');
    const postType = input.post_type as PostType;
    const parsed = errors.length ? [] : (input.updates as unknown[]).map((u, i) => readUpdate(u, page, postType, `post.updates[${i}]`, errors));
    if (errors.length) return invalid(sim, errors);
    const at = nowIso(sim);
    const post: StoredPost = {
      id: sim.db.newId(),
      pageId: page.id,
      title: input.title,
      post_type: postType,
      starts_at: new Date(starts).toISOString(),
      ends_at: new Date(ends).toISOString(),
      created_at: at,
    };
    posts(sim.db).set(post.id, post);
    for (const u of parsed) {
      const id = sim.db.newId();
      updates(sim.db).set(id, { ...u!, id, postId: post.id, reported_at: at, reviewed_status: 'approved' });
    }
    return { status: 201, body: { post: renderPost(post, sim) } };
  });

  router.route('POST', '/status_pages/:id/posts/:post_id/post_updates', opts, (req, sim) => {
    const page = pages(sim.db).get(req.params.id);
    const post = posts(sim.db).get(req.params.post_id);
    if (!page || !post || post.pageId !== page.id) return sim.notFound();
    const errors: string[] = [];
    const input = isObject(req.body) ? req.body.post_update : undefined;
    if (!isObject(input)) return invalid(sim, ['The body must be {"post_update": {...}}']);
    const parsed = readUpdate(input, page, post.post_type, 'post_update', errors);
    if (!parsed) return invalid(sim, errors);
    const id = sim.db.newId();
    const stored: StoredUpdate = { ...parsed, id, postId: post.id, reported_at: nowIso(sim), reviewed_status: 'approved' };
    updates(sim.db).set(id, stored);
    return { status: 201, body: { post_update: renderUpdate(stored, page.id, sim) } };
  });
}
