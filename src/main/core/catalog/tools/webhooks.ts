// Webhook subscriptions (/webhook_subscriptions, v3 webhooks) and extension schemas (/extension_schemas).
import { z } from 'zod';
import { defineTool, idArg, limitArg } from '../define';
import type { ToolDefinition } from '../types';
import { capSize, clean, listResult } from '../shape';

type Json = Record<string, any>;

const AREA = 'webhooks';

export const WEBHOOK_EVENT_TYPES = [
  'incident.acknowledged',
  'incident.annotated',
  'incident.conference_bridge.updated',
  'incident.custom_field_values.updated',
  'incident.delegated',
  'incident.escalated',
  'incident.incident_type.changed',
  'incident.priority_updated',
  'incident.reassigned',
  'incident.reopened',
  'incident.resolved',
  'incident.responder.added',
  'incident.responder.replied',
  'incident.status_update_published',
  'incident.triggered',
  'incident.unacknowledged',
  'incident.workflow.completed',
  'incident.workflow.started',
  'pagey.ping',
  'service.created',
  'service.deleted',
  'service.updated',
] as const;

const FilterType = z.enum(['account_reference', 'service_reference', 'team_reference']);

/**
 * Custom header values often hold the receiver's credentials, so only names go back to the AI;
 * the signing secret is shown only by create (PagerDuty never returns it again).
 */
function shapeSubscription(s: Json, opts: { withSecret?: boolean } = {}): Json {
  const dm = s.delivery_method ?? {};
  return clean({
    id: s.id,
    description: s.description,
    active: s.active,
    events: s.events,
    filter: s.filter ? clean({ type: s.filter.type, id: s.filter.id }) : undefined,
    url: dm.url,
    temporarily_disabled: dm.temporarily_disabled,
    custom_header_names: Array.isArray(dm.custom_headers) && dm.custom_headers.length ? dm.custom_headers.map((h: Json) => h.name) : undefined,
    signing_secret: opts.withSecret ? dm.secret : undefined,
  });
}

function shapeSchema(s: Json): Json {
  return clean({ id: s.id, label: s.label ?? s.summary, key: s.key, description: s.description, send_types: s.send_types, guide_url: s.guide_url });
}

const EventList = z
  .array(z.enum(WEBHOOK_EVENT_TYPES))
  .min(1, 'Subscribe to at least one event type')
  .max(WEBHOOK_EVENT_TYPES.length)
  .describe('Event types to deliver, e.g. incident.triggered, incident.resolved');

const HttpsUrl = z
  .string()
  .trim()
  .url('url must be a full URL')
  .max(2048)
  .refine((u) => u.startsWith('https://'), { message: 'PagerDuty delivers webhooks only to https:// URLs' })
  .describe('The https:// URL PagerDuty will POST events to');

const CustomHeaders = z
  .array(z.object({ name: z.string().trim().min(1).max(256), value: z.string().max(4096) }))
  .max(10)
  .describe('Extra headers sent with each delivery (e.g. an auth header the receiver checks)');

const listWebhookSubscriptions = defineTool({
  name: 'list_webhook_subscriptions',
  title: 'List webhook subscriptions',
  description:
    'List webhook subscriptions (where PagerDuty POSTs incident and service events). Filter by scope with filter_type ' +
    "('account_reference', 'service_reference', 'team_reference') and optionally filter_id. Returns id, URL, events, scope and whether active.",
  area: AREA,
  toolClass: 'read',
  input: z.object({
    filter_type: FilterType.optional().describe('Only subscriptions with this scope'),
    filter_id: z.string().trim().min(1).max(64).optional().describe('With filter_type service_reference or team_reference: that service or team id'),
    limit: limitArg('webhook subscriptions', 25),
  }),
  async run(args, ctx) {
    const res = await ctx.pd.list<Json>('/webhook_subscriptions', 'webhook_subscriptions', { filter_type: args.filter_type, filter_id: args.filter_id }, { cap: args.limit, signal: ctx.signal });
    return capSize(listResult('webhook_subscriptions', res.items.map((s) => shapeSubscription(s)), { more: res.more }));
  },
});

const getWebhookSubscription = defineTool({
  name: 'get_webhook_subscription',
  title: 'Get a webhook subscription',
  description: 'Get one webhook subscription by ID: URL, events, scope filter, active and temporarily-disabled state, custom header names.',
  area: AREA,
  toolClass: 'read',
  input: z.object({ subscription_id: idArg('The ID of the webhook subscription') }),
  async run(args, ctx) {
    const res = await ctx.pd.request<Json>({ method: 'GET', path: `/webhook_subscriptions/${encodeURIComponent(args.subscription_id)}`, signal: ctx.signal });
    return shapeSubscription(res.data.webhook_subscription ?? {});
  },
});

const createWebhookSubscription = defineTool({
  name: 'create_webhook_subscription',
  title: 'Create a webhook subscription',
  description:
    'Create a webhook subscription: PagerDuty will POST the chosen events to an https URL. Scope it to the whole account (filter_type ' +
    "'account_reference') or to one service or team (filter_type plus filter_id). Returns the subscription, including its signing_secret, " +
    'which PagerDuty shows only this once: tell the person to store it where the receiver verifies signatures.',
  area: AREA,
  toolClass: 'write',
  annotations: { destructiveHint: false, idempotentHint: false },
  input: z
    .object({
      url: HttpsUrl,
      events: EventList,
      filter_type: FilterType.describe('Scope: the whole account, one service, or one team'),
      filter_id: z.string().trim().min(1).max(64).optional().describe('The service or team id (required unless filter_type is account_reference)'),
      description: z.string().max(1024).optional(),
      active: z.boolean().default(true),
      custom_headers: CustomHeaders.optional(),
    })
    .refine((v) => v.filter_type === 'account_reference' || !!v.filter_id, { path: ['filter_id'], message: 'filter_id is required when filter_type is service_reference or team_reference' }),
  async run(args, ctx) {
    const res = await ctx.pd.request<Json>({
      method: 'POST',
      path: '/webhook_subscriptions',
      body: {
        webhook_subscription: clean({
          type: 'webhook_subscription',
          delivery_method: clean({ type: 'http_delivery_method', url: args.url, custom_headers: args.custom_headers }),
          events: args.events,
          filter: clean({ type: args.filter_type, id: args.filter_type === 'account_reference' ? undefined : args.filter_id }),
          description: args.description,
          active: args.active,
        }),
      },
      signal: ctx.signal,
    });
    return shapeSubscription(res.data.webhook_subscription ?? {}, { withSecret: true });
  },
});

const updateWebhookSubscription = defineTool({
  name: 'update_webhook_subscription',
  title: 'Update a webhook subscription',
  description:
    'Update a webhook subscription: turn it on or off (active), change its description, events (replaces the whole list) or scope filter. ' +
    'Only the fields you pass change. PagerDuty does not allow changing the delivery URL: create a new subscription and delete this one instead. ' +
    'Returns the updated subscription.',
  area: AREA,
  toolClass: 'write',
  annotations: { destructiveHint: true, idempotentHint: true },
  input: z
    .object({
      subscription_id: idArg('The ID of the webhook subscription'),
      active: z.boolean().optional(),
      description: z.string().max(1024).optional(),
      events: EventList.optional(),
      filter_type: FilterType.optional(),
      filter_id: z.string().trim().min(1).max(64).optional(),
    })
    .superRefine((v, ctx) => {
      const { subscription_id: _id, ...changes } = v;
      if (Object.values(changes).every((x) => x === undefined)) {
        ctx.addIssue({ code: 'custom', path: [], message: 'Nothing to update: pass at least one of active, description, events, filter_type' });
      }
      if (v.filter_id && !v.filter_type) {
        ctx.addIssue({ code: 'custom', path: ['filter_type'], message: 'filter_id needs filter_type (service_reference or team_reference)' });
      }
      if (v.filter_type && v.filter_type !== 'account_reference' && !v.filter_id) {
        ctx.addIssue({ code: 'custom', path: ['filter_id'], message: 'filter_id is required when filter_type is service_reference or team_reference' });
      }
    }),
  async run(args, ctx) {
    const res = await ctx.pd.request<Json>({
      method: 'PUT',
      path: `/webhook_subscriptions/${encodeURIComponent(args.subscription_id)}`,
      body: {
        webhook_subscription: clean({
          active: args.active,
          description: args.description,
          events: args.events,
          filter: args.filter_type ? clean({ type: args.filter_type, id: args.filter_type === 'account_reference' ? undefined : args.filter_id }) : undefined,
        }),
      },
      signal: ctx.signal,
    });
    return shapeSubscription(res.data.webhook_subscription ?? {});
  },
});

const deleteWebhookSubscription = defineTool({
  name: 'delete_webhook_subscription',
  title: 'Delete a webhook subscription',
  description: 'Delete a webhook subscription; PagerDuty stops sending its events at once. Cannot be undone (to pause instead, update it with active=false).',
  area: AREA,
  toolClass: 'write',
  annotations: { destructiveHint: true, idempotentHint: true },
  input: z.object({ subscription_id: idArg('The ID of the webhook subscription') }),
  async run(args, ctx) {
    await ctx.pd.request({ method: 'DELETE', path: `/webhook_subscriptions/${encodeURIComponent(args.subscription_id)}`, signal: ctx.signal });
    return { deleted: true, subscription_id: args.subscription_id };
  },
});

const listExtensionSchemas = defineTool({
  name: 'list_extension_schemas',
  title: 'List extension schemas',
  description: 'List the extension types (vendors such as Slack, ServiceNow, generic webhooks) that can be attached to PagerDuty services. Returns id, label, key and the incident events each sends.',
  area: AREA,
  toolClass: 'read',
  input: z.object({ limit: limitArg('extension schemas', 25) }),
  async run(args, ctx) {
    const res = await ctx.pd.list<Json>('/extension_schemas', 'extension_schemas', {}, { cap: args.limit, signal: ctx.signal });
    return capSize(listResult('extension_schemas', res.items.map(shapeSchema), { more: res.more }));
  },
});

const getExtensionSchema = defineTool({
  name: 'get_extension_schema',
  title: 'Get an extension schema',
  description: 'Get one extension schema (extension vendor) by ID: label, key, description, the incident events it sends and its guide link.',
  area: AREA,
  toolClass: 'read',
  input: z.object({ schema_id: idArg('The ID of the extension schema') }),
  async run(args, ctx) {
    const res = await ctx.pd.request<Json>({ method: 'GET', path: `/extension_schemas/${encodeURIComponent(args.schema_id)}`, signal: ctx.signal });
    return shapeSchema(res.data.extension_schema ?? {});
  },
});

export const webhooksTools: ToolDefinition<any>[] = [
  listWebhookSubscriptions,
  getWebhookSubscription,
  createWebhookSubscription,
  updateWebhookSubscription,
  deleteWebhookSubscription,
  listExtensionSchemas,
  getExtensionSchema,
];
