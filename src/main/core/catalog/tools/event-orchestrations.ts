// Event orchestrations (/event_orchestrations): global orchestrations, their router (which service an
// event goes to), their global rules, and per-service orchestration rules.
import { z } from 'zod';
import { ToolError, defineTool, idArg, limitArg } from '../define';
import type { ToolContext, ToolDefinition } from '../types';
import { capSize, clean, listResult, ref } from '../shape';

type Json = Record<string, any>;

const AREA = 'event_orchestrations';

function shapeOrchestration(o: Json): Json {
  return clean({
    id: o.id,
    name: o.name,
    description: o.description,
    team: ref(o.team),
    routes: o.routes,
    // Integration parameters carry the routing key events are sent with: a credential, so only labels.
    integrations: Array.isArray(o.integrations) ? o.integrations.map((i: Json) => clean({ id: i.id, label: i.label })) : undefined,
    created_at: o.created_at,
    updated_at: o.updated_at,
    version: o.version,
  });
}

function shapeRule(r: Json): Json {
  return clean({ id: r.id, label: r.label, disabled: r.disabled || undefined, conditions: r.conditions, actions: r.actions });
}

/** An orchestration path (router, service or global rules) without its `self` links and user refs. */
function shapePath(p: Json | undefined): Json {
  if (!p) return {};
  return clean({
    type: p.type,
    parent: p.parent ? clean({ id: p.parent.id, type: p.parent.type }) : undefined,
    sets: Array.isArray(p.sets) ? p.sets.map((s: Json) => ({ id: s.id, rules: Array.isArray(s.rules) ? s.rules.map(shapeRule) : [] })) : [],
    catch_all: p.catch_all,
    version: p.version,
    updated_at: p.updated_at,
    updated_by: ref(p.updated_by),
  });
}

const Condition = z.object({
  expression: z.string().trim().min(1).max(1024).describe("A PCL condition, e.g. \"event.summary matches part 'database'\""),
});

const RouterActions = z
  .object({
    route_to: z.string().trim().min(1).max(64).optional().describe("ID of the service to route matching events to (or 'unrouted')"),
    dynamic_route_to: z.record(z.string(), z.unknown()).optional().describe('Route by a value in the event payload (AIOps accounts)'),
  })
  .refine((a) => a.route_to !== undefined || a.dynamic_route_to !== undefined, { message: 'A rule needs actions.route_to (a service id) or actions.dynamic_route_to' });

const RouterRule = z.object({
  id: z.string().min(1).max(64).optional().describe('Keep the id of an existing rule; leave out for a new rule'),
  label: z.string().max(255).optional().describe("What this rule is for"),
  conditions: z.array(Condition).max(64).describe('The rule matches if ANY condition matches; an empty list matches every event'),
  actions: RouterActions,
  disabled: z.boolean().optional(),
});

async function readRouter(ctx: ToolContext, orchestrationId: string): Promise<Json> {
  const res = await ctx.pd.request<Json>({ method: 'GET', path: `/event_orchestrations/${encodeURIComponent(orchestrationId)}/router`, signal: ctx.signal });
  return res.data.orchestration_path ?? {};
}

async function writeRouter(ctx: ToolContext, orchestrationId: string, rules: Json[], catchAll: Json): Promise<Json> {
  const res = await ctx.pd.request<Json>({
    method: 'PUT',
    path: `/event_orchestrations/${encodeURIComponent(orchestrationId)}/router`,
    body: { orchestration_path: { type: 'router', sets: [{ id: 'start', rules }], catch_all: catchAll } },
    signal: ctx.signal,
  });
  return res.data.orchestration_path ?? {};
}

const listEventOrchestrations = defineTool({
  name: 'list_event_orchestrations',
  title: 'List event orchestrations',
  description:
    'List global event orchestrations (where incoming events are routed and transformed before they become alerts). ' +
    'Returns id, name, owning team, number of routes and integration labels. Use the id with get_event_orchestration_router.',
  area: AREA,
  toolClass: 'read',
  input: z.object({
    limit: limitArg('orchestrations', 25),
    offset: z.number().int().min(0).max(9900).optional().describe('Skip this many orchestrations (paging)'),
    sort_by: z.enum(['name:asc', 'name:desc', 'routes:asc', 'routes:desc', 'created_at:asc', 'created_at:desc']).default('name:asc'),
  }),
  async run(args, ctx) {
    const res = await ctx.pd.list<Json>('/event_orchestrations', 'orchestrations', { sort_by: args.sort_by, offset: args.offset }, { cap: args.limit, signal: ctx.signal });
    return capSize(listResult('orchestrations', res.items.map(shapeOrchestration), { more: res.more }, 'Page with offset or raise limit (maximum 100).'));
  },
});

const getEventOrchestration = defineTool({
  name: 'get_event_orchestration',
  title: 'Get an event orchestration',
  description: 'Get one global event orchestration by ID: name, description, team, number of routes, integration labels, version.',
  area: AREA,
  toolClass: 'read',
  input: z.object({ orchestration_id: idArg('The ID of the event orchestration') }),
  async run(args, ctx) {
    const res = await ctx.pd.request<Json>({ method: 'GET', path: `/event_orchestrations/${encodeURIComponent(args.orchestration_id)}`, signal: ctx.signal });
    return shapeOrchestration(res.data.orchestration ?? {});
  },
});

const getEventOrchestrationRouter = defineTool({
  name: 'get_event_orchestration_router',
  title: 'Get an event orchestration router',
  description:
    "Get the router of an event orchestration: its ordered routing rules (the 'start' set; the first matching rule routes the event " +
    'to a service) and the catch_all route for events no rule matches. Read this before update_event_orchestration_router.',
  area: AREA,
  toolClass: 'read',
  input: z.object({ orchestration_id: idArg('The ID of the event orchestration') }),
  async run(args, ctx) {
    return capSize(shapePath(await readRouter(ctx, args.orchestration_id)));
  },
});

const getEventOrchestrationService = defineTool({
  name: 'get_event_orchestration_service',
  title: 'Get a service orchestration',
  description:
    "Get a service's orchestration rules (rule sets that change, suppress or annotate the service's alerts, and the catch_all actions). " +
    'Takes a service ID, not an orchestration ID.',
  area: AREA,
  toolClass: 'read',
  input: z.object({ service_id: idArg('The ID of the service') }),
  async run(args, ctx) {
    const res = await ctx.pd.request<Json>({ method: 'GET', path: `/event_orchestrations/services/${encodeURIComponent(args.service_id)}`, signal: ctx.signal });
    return capSize(shapePath(res.data.orchestration_path));
  },
});

const getEventOrchestrationGlobal = defineTool({
  name: 'get_event_orchestration_global',
  title: 'Get global orchestration rules',
  description:
    "Get an event orchestration's global rules: rule sets applied to every event before routing (drop, suppress, set priority or severity), " +
    'and the catch_all actions.',
  area: AREA,
  toolClass: 'read',
  input: z.object({ orchestration_id: idArg('The ID of the event orchestration') }),
  async run(args, ctx) {
    const res = await ctx.pd.request<Json>({ method: 'GET', path: `/event_orchestrations/${encodeURIComponent(args.orchestration_id)}/global`, signal: ctx.signal });
    return capSize(shapePath(res.data.orchestration_path));
  },
});

const updateEventOrchestrationRouter = defineTool({
  name: 'update_event_orchestration_router',
  title: 'Replace event orchestration routing rules',
  description:
    "Replace an event orchestration router's rules. The rules you pass become the complete, ordered rule list: rules you leave out are " +
    'deleted. Keep existing rules by passing them with their id (read them first with get_event_orchestration_router). ' +
    "catch_all_route_to sets where unmatched events go (a service id or 'unrouted'); leave it out to keep the current one. " +
    'Returns the router as saved.',
  area: AREA,
  toolClass: 'write',
  annotations: { destructiveHint: true, idempotentHint: true },
  input: z.object({
    orchestration_id: idArg('The ID of the event orchestration'),
    rules: z.array(RouterRule).max(1000).describe('The complete ordered list of routing rules'),
    catch_all_route_to: z.string().trim().min(1).max(64).optional().describe("Where events no rule matches go: a service id or 'unrouted'"),
  }),
  async run(args, ctx) {
    let catchAll: Json;
    if (args.catch_all_route_to) catchAll = { actions: { route_to: args.catch_all_route_to } };
    else catchAll = (await readRouter(ctx, args.orchestration_id)).catch_all ?? { actions: { route_to: 'unrouted' } };
    const rules = args.rules.map((r) => clean({ ...r, disabled: r.disabled ?? false }));
    return capSize(shapePath(await writeRouter(ctx, args.orchestration_id, rules, catchAll)));
  },
});

const appendEventOrchestrationRouterRule = defineTool({
  name: 'append_event_orchestration_router_rule',
  title: 'Add a routing rule to an event orchestration',
  description:
    "Add one routing rule at the end of an event orchestration router's rules, keeping every existing rule. Events matching ANY of the " +
    'conditions (PCL expressions) and no earlier rule are routed to route_to (a service id). Returns the new rule and the full rule list.',
  area: AREA,
  toolClass: 'write',
  annotations: { destructiveHint: false, idempotentHint: false },
  input: z.object({
    orchestration_id: idArg('The ID of the event orchestration'),
    label: z.string().max(255).optional().describe('What this rule is for'),
    conditions: z.array(Condition).min(1, 'Give at least one condition').max(64).describe('The rule matches if ANY of these match'),
    route_to: idArg('The ID of the service matching events go to'),
    disabled: z.boolean().default(false),
  }),
  async run(args, ctx) {
    const current = await readRouter(ctx, args.orchestration_id);
    const startSet = Array.isArray(current.sets) ? current.sets[0] : undefined;
    if (!startSet) throw new ToolError(`Event orchestration ${args.orchestration_id} has no router rule set to add to; check the orchestration id.`);
    // Send existing rules back as PagerDuty gave them (with ids) so none is recreated or lost.
    const existing = (Array.isArray(startSet.rules) ? startSet.rules : []).map((r: Json) => clean({ id: r.id, label: r.label, conditions: r.conditions, actions: r.actions, disabled: r.disabled }));
    const rule = clean({ label: args.label, conditions: args.conditions, actions: { route_to: args.route_to }, disabled: args.disabled });
    const saved = shapePath(await writeRouter(ctx, args.orchestration_id, [...existing, rule], current.catch_all ?? { actions: { route_to: 'unrouted' } }));
    const rules = (saved.sets as Json[] | undefined)?.[0]?.rules ?? [];
    return capSize({ added_rule: rules[rules.length - 1] ?? null, router: saved });
  },
});

export const eventOrchestrationsTools: ToolDefinition<any>[] = [
  listEventOrchestrations,
  getEventOrchestration,
  getEventOrchestrationRouter,
  getEventOrchestrationService,
  getEventOrchestrationGlobal,
  updateEventOrchestrationRouter,
  appendEventOrchestrationRouterRule,
];
