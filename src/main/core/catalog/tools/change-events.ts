import { z } from 'zod';
import { dateTimeArg, defineTool, idArg, idListArg, limitArg } from '../define';
import { capSize, clean, listResult, pick, refs, type Json } from '../shape';
import type { ToolDefinition } from '../types';

/** A change event (deploy, config change…) as an AI needs it when looking for what changed before an incident. */
function changeEventSummary(e: unknown): Json {
  const ev = (e ?? {}) as Json;
  return clean({
    ...pick(ev, ['id', 'summary', 'timestamp', 'source']),
    services: refs(ev.services),
    integration: (ev.integration as Json | undefined)?.id ? { id: (ev.integration as Json).id, summary: (ev.integration as Json).summary } : undefined,
    links: Array.isArray(ev.links) && ev.links.length ? ev.links : undefined,
    custom_details: ev.custom_details,
  });
}

const filters = {
  since: dateTimeArg('Start of the time range (ISO-8601).').optional(),
  until: dateTimeArg('End of the time range (ISO-8601).').optional(),
  team_ids: idListArg('Only change events of these teams.').optional(),
  integration_ids: idListArg('Only change events sent through these integrations.').optional(),
  limit: limitArg('change events'),
};

export const changeEventsTools: ToolDefinition<any>[] = [
  defineTool({
    name: 'list_change_events',
    title: 'List change events',
    area: 'change_events',
    toolClass: 'read',
    description:
      'List change events across the account (deploys, config changes and other changes sent to PagerDuty), newest first, ' +
      'optionally by time range, teams and integrations. Returns summary, time, source, services and links; "more": true when more match.',
    input: z.object(filters),
    async run(args, ctx) {
      const { limit, ...query } = args;
      const res = await ctx.pd.list<Json>('/change_events', 'change_events', query, { cap: limit, signal: ctx.signal });
      return capSize(listResult('change_events', res.items.map(changeEventSummary), res, 'Narrow the since/until range or raise limit (maximum 100).'));
    },
  }),
  defineTool({
    name: 'get_change_event',
    title: 'Get a change event',
    area: 'change_events',
    toolClass: 'read',
    description: 'Get one change event by id: summary, time, source, services, integration, links and custom details.',
    input: z.object({ change_event_id: idArg('The change event id.') }),
    async run(args, ctx) {
      const res = await ctx.pd.request<{ change_event: Json }>({ method: 'GET', path: `/change_events/${encodeURIComponent(args.change_event_id)}`, signal: ctx.signal });
      return capSize(changeEventSummary(res.data.change_event));
    },
  }),
  defineTool({
    name: 'list_service_change_events',
    title: 'List change events of a service',
    area: 'change_events',
    toolClass: 'read',
    description:
      'List the change events (deploys, config changes) of one service, newest first, optionally by time range, teams and integrations. ' +
      'Use it to ask "what changed on this service before it broke?".',
    input: z.object({ service_id: idArg('The service id.'), ...filters }),
    async run(args, ctx) {
      const { limit, service_id, ...query } = args;
      const res = await ctx.pd.list<Json>(`/services/${encodeURIComponent(service_id)}/change_events`, 'change_events', query, { cap: limit, signal: ctx.signal });
      return capSize(listResult('change_events', res.items.map(changeEventSummary), res, 'Narrow the since/until range or raise limit (maximum 100).'));
    },
  }),
  defineTool({
    name: 'list_incident_change_events',
    title: 'List change events related to an incident',
    area: 'change_events',
    toolClass: 'read',
    description:
      'List change events PagerDuty relates to an incident (recent changes on the same or related services), each with the reason it is related. ' +
      'A quick way to find the deploy that likely caused an incident.',
    input: z.object({ incident_id: idArg('The incident id.'), limit: limitArg('change events') }),
    async run(args, ctx) {
      const res = await ctx.pd.request<{ change_events: Json[] }>({
        method: 'GET',
        path: `/incidents/${encodeURIComponent(args.incident_id)}/related_change_events`,
        query: { limit: args.limit },
        signal: ctx.signal,
      });
      const all = res.data.change_events ?? [];
      const items = all.slice(0, args.limit).map((e) => clean({ ...changeEventSummary(e), reasons: (e as Json).reasons }));
      return capSize(listResult('change_events', items, { more: all.length > args.limit || (res.data as Json).more === true }));
    },
  }),
];
