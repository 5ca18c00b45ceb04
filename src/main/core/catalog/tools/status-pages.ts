// Status pages (/status_pages): pages, their severities/impacts/statuses vocabularies, posts (incident or
// maintenance announcements) and post updates.
import { z } from 'zod';
import { dateTimeArg, defineTool, idArg, limitArg } from '../define';
import type { ToolContext, ToolDefinition } from '../types';
import { capSize, clean, listResult } from '../shape';

type Json = Record<string, any>;

const AREA = 'status_pages';
const PostType = z.enum(['incident', 'maintenance']);

const seg = encodeURIComponent;

function idOf(r: unknown): string | undefined {
  return r && typeof r === 'object' && typeof (r as Json).id === 'string' ? (r as Json).id : undefined;
}

function shapeVocabulary(v: Json): Json {
  return clean({ id: v.id, description: v.description, post_type: v.post_type });
}

function shapeUpdate(u: Json): Json {
  return clean({
    id: u.id,
    message: u.message,
    status_id: idOf(u.status),
    severity_id: idOf(u.severity),
    reported_at: u.reported_at,
    reviewed_status: u.reviewed_status,
    notify_subscribers: u.notify_subscribers,
    impacted_services: Array.isArray(u.impacted_services)
      ? u.impacted_services.map((s: Json) => clean({ service_id: idOf(s.service), impact_id: idOf(s.impact) }))
      : undefined,
  });
}

function shapePost(p: Json): Json {
  return clean({
    id: p.id,
    title: p.title,
    post_type: p.post_type,
    starts_at: p.starts_at,
    ends_at: p.ends_at,
    status_page_id: idOf(p.status_page),
    update_ids: Array.isArray(p.updates) ? p.updates.map(idOf).filter(Boolean) : undefined,
    postmortem_id: idOf(p.postmortem),
  });
}

const ImpactedService = z.object({
  service_id: idArg('A status page service ID'),
  impact_id: idArg('An impact ID from list_status_page_impacts'),
});

/** The post-update fields both create tools share, turned into PagerDuty's reference-shaped body. */
const updateFields = {
  message: z.string().trim().min(1, 'message is required').max(10_000).describe('What is happening, as subscribers will read it'),
  status_id: idArg('A status ID from list_status_page_statuses (e.g. investigating, resolved)'),
  severity_id: idArg('A severity ID from list_status_page_severities'),
  impacted_services: z.array(ImpactedService).max(100).optional().describe('Status page services affected and how'),
  notify_subscribers: z.boolean().default(false).describe("Email the page's subscribers about this update"),
};

function updateBody(a: { message: string; status_id: string; severity_id: string; impacted_services?: Array<{ service_id: string; impact_id: string }>; notify_subscribers: boolean }): Json {
  return {
    type: 'status_page_post_update',
    message: a.message,
    status: { id: a.status_id, type: 'status_page_status' },
    severity: { id: a.severity_id, type: 'status_page_severity' },
    impacted_services: (a.impacted_services ?? []).map((s) => ({
      service: { id: s.service_id, type: 'status_page_service' },
      impact: { id: s.impact_id, type: 'status_page_impact' },
    })),
    notify_subscribers: a.notify_subscribers,
  };
}

async function listUnder(ctx: ToolContext, path: string, key: string, query: Json, limit: number, shape: (v: Json) => Json): Promise<unknown> {
  const res = await ctx.pd.list<Json>(path, key, query, { cap: limit, signal: ctx.signal });
  return capSize(listResult(key, res.items.map(shape), { more: res.more }));
}

const listStatusPages = defineTool({
  name: 'list_status_pages',
  title: 'List status pages',
  description: 'List the account\'s status pages (public, private or audience-specific). Returns id, name, type, URL and publish time. Use the id with the other status page tools.',
  area: AREA,
  toolClass: 'read',
  input: z.object({
    status_page_type: z.enum(['public', 'private', 'audience_specific']).optional().describe('Only pages of this type'),
    limit: limitArg('status pages', 20),
  }),
  async run(args, ctx) {
    return listUnder(ctx, '/status_pages', 'status_pages', { status_page_type: args.status_page_type }, args.limit, (p) =>
      clean({ id: p.id, name: p.name, status_page_type: p.status_page_type, url: p.url, published_at: p.published_at }),
    );
  },
});

function vocabularyTool(name: string, title: string, what: string, key: string, description: string) {
  return defineTool({
    name,
    title,
    description,
    area: AREA,
    toolClass: 'read',
    input: z.object({
      status_page_id: idArg('The ID of the status page'),
      post_type: PostType.optional().describe(`Only ${what} for incident or maintenance posts`),
      limit: limitArg(what, 20),
    }),
    async run(args, ctx) {
      return listUnder(ctx, `/status_pages/${seg(args.status_page_id)}/${key}`, key, { post_type: args.post_type }, args.limit, shapeVocabulary);
    },
  });
}

const listStatusPageSeverities = vocabularyTool(
  'list_status_page_severities',
  'List status page severities',
  'severities',
  'severities',
  'List the severities a status page offers for posts (e.g. minor, major; per post type). Returns id, description and post_type; pass an id as severity_id when creating a post or post update.',
);
const listStatusPageImpacts = vocabularyTool(
  'list_status_page_impacts',
  'List status page impacts',
  'impacts',
  'impacts',
  'List the impact levels a status page offers for affected services (e.g. degraded, outage). Returns id, description and post_type; pass an id as impact_id in impacted_services.',
);
const listStatusPageStatuses = vocabularyTool(
  'list_status_page_statuses',
  'List status page statuses',
  'statuses',
  'statuses',
  'List the statuses a status page offers for post updates (e.g. investigating, identified, resolved; scheduled, completed for maintenance). Returns id, description and post_type; pass an id as status_id.',
);

const getStatusPagePost = defineTool({
  name: 'get_status_page_post',
  title: 'Get a status page post',
  description:
    "Get one post of a status page: title, type (incident/maintenance), start and end times and its update ids. Include 'post_updates' to also get the updates' messages and statuses.",
  area: AREA,
  toolClass: 'read',
  input: z.object({
    status_page_id: idArg('The ID of the status page'),
    post_id: idArg('The ID of the post'),
    include: z.array(z.enum(['post_updates'])).max(1).optional().describe("'post_updates' to include the post's updates"),
  }),
  async run(args, ctx) {
    const base = `/status_pages/${seg(args.status_page_id)}/posts/${seg(args.post_id)}`;
    const res = await ctx.pd.request<Json>({ method: 'GET', path: base, signal: ctx.signal });
    const post = shapePost(res.data.post ?? {});
    if (!args.include?.includes('post_updates')) return post;
    const updates = await ctx.pd.list<Json>(`${base}/post_updates`, 'post_updates', {}, { cap: 100, signal: ctx.signal });
    return capSize({ ...post, post_updates: updates.items.map(shapeUpdate), more_updates: updates.more || undefined });
  },
});

const listStatusPagePostUpdates = defineTool({
  name: 'list_status_page_post_updates',
  title: 'List status page post updates',
  description: 'List the updates of a status page post, oldest first: message, status id, severity id, impacted services, report time and review status.',
  area: AREA,
  toolClass: 'read',
  input: z.object({
    status_page_id: idArg('The ID of the status page'),
    post_id: idArg('The ID of the post'),
    reviewed_status: z.enum(['approved', 'not_reviewed']).optional().describe('Only updates with this review status'),
    limit: limitArg('post updates', 20),
  }),
  async run(args, ctx) {
    return listUnder(
      ctx,
      `/status_pages/${seg(args.status_page_id)}/posts/${seg(args.post_id)}/post_updates`,
      'post_updates',
      { reviewed_status: args.reviewed_status },
      args.limit,
      shapeUpdate,
    );
  },
});

const createStatusPagePost = defineTool({
  name: 'create_status_page_post',
  title: 'Create a status page post',
  description:
    'Publish a new post (an incident or a scheduled maintenance) on a status page, with its first update. Subscribers and the public may see it. ' +
    'Needs a status_id and severity_id valid for the post type (see list_status_page_statuses / list_status_page_severities). Returns the post.',
  area: AREA,
  toolClass: 'write',
  annotations: { destructiveHint: false, idempotentHint: false },
  input: z
    .object({
      status_page_id: idArg('The ID of the status page'),
      title: z.string().trim().min(1, 'title is required').max(128).describe('Post title (at most 128 characters)'),
      post_type: PostType.describe("'incident' or 'maintenance'"),
      starts_at: dateTimeArg('When the incident began or the maintenance starts (ISO-8601)'),
      ends_at: dateTimeArg('When it ended or the maintenance ends (ISO-8601)'),
      ...updateFields,
    })
    .refine((v) => Date.parse(v.ends_at) > Date.parse(v.starts_at), { path: ['ends_at'], message: 'ends_at must be after starts_at' }),
  async run(args, ctx) {
    const res = await ctx.pd.request<Json>({
      method: 'POST',
      path: `/status_pages/${seg(args.status_page_id)}/posts`,
      body: {
        post: {
          type: 'status_page_post',
          title: args.title,
          post_type: args.post_type,
          starts_at: args.starts_at,
          ends_at: args.ends_at,
          status_page: { id: args.status_page_id, type: 'status_page' },
          updates: [updateBody(args)],
        },
      },
      signal: ctx.signal,
    });
    return shapePost(res.data.post ?? {});
  },
});

const createStatusPagePostUpdate = defineTool({
  name: 'create_status_page_post_update',
  title: 'Add an update to a status page post',
  description:
    'Add an update to an existing status page post (e.g. move it from investigating to resolved). Subscribers may be notified. ' +
    'status_id and severity_id must be valid for the post type. Returns the created update.',
  area: AREA,
  toolClass: 'write',
  annotations: { destructiveHint: false, idempotentHint: false },
  input: z.object({
    status_page_id: idArg('The ID of the status page'),
    post_id: idArg('The ID of the post'),
    ...updateFields,
  }),
  async run(args, ctx) {
    const res = await ctx.pd.request<Json>({
      method: 'POST',
      path: `/status_pages/${seg(args.status_page_id)}/posts/${seg(args.post_id)}/post_updates`,
      body: { post_update: { ...updateBody(args), post: { id: args.post_id, type: 'status_page_post' } } },
      signal: ctx.signal,
    });
    return shapeUpdate(res.data.post_update ?? {});
  },
});

export const statusPagesTools: ToolDefinition<any>[] = [
  listStatusPages,
  listStatusPageSeverities,
  listStatusPageImpacts,
  listStatusPageStatuses,
  getStatusPagePost,
  listStatusPagePostUpdates,
  createStatusPagePost,
  createStatusPagePostUpdate,
];
