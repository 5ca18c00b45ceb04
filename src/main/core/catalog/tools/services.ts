import { z } from 'zod';
import { defineTool, idArg, idListArg, limitArg } from '../define';
import { capSize, clean, listResult, pick, ref, refs, type Json } from '../shape';
import type { ToolDefinition } from '../types';

export function serviceSummary(s: unknown): Json {
  const svc = (s ?? {}) as Json;
  return clean({
    ...pick(svc, ['id', 'name', 'description', 'status']),
    escalation_policy: ref(svc.escalation_policy),
    teams: Array.isArray(svc.teams) && svc.teams.length ? refs(svc.teams) : undefined,
    ...pick(svc, ['last_incident_timestamp', 'created_at', 'html_url']),
  });
}

/** Dependencies as "X depends on Y" pairs an AI can read, from PagerDuty's relationship records. */
export function dependencySummary(rel: unknown): Json {
  const r = (rel ?? {}) as Json;
  return clean({
    id: r.id,
    dependent_service: ref(r.dependent_service, { keepType: true }),
    supporting_service: ref(r.supporting_service, { keepType: true }),
  });
}

export const servicesTools: ToolDefinition<any>[] = [
  defineTool({
    name: 'list_services',
    title: 'List services',
    area: 'services',
    toolClass: 'read',
    description:
      'List PagerDuty (technical) services, optionally filtered by a name search and team ids. Returns id, name, status ' +
      '(active, warning, critical, maintenance, disabled), escalation policy, teams and link; "more": true when more match than limit. ' +
      'Use the ids to filter incidents or find who is on call for a service.',
    input: z.object({
      query: z.string().trim().min(1).max(200).optional().describe('Match services whose name contains this text.'),
      team_ids: idListArg('Only services of these teams.').optional(),
      limit: limitArg('services'),
    }),
    async run(args, ctx) {
      const res = await ctx.pd.list<Json>('/services', 'services', { query: args.query, team_ids: args.team_ids }, { cap: args.limit, signal: ctx.signal });
      return capSize(listResult('services', res.items.map(serviceSummary), res));
    },
  }),
  defineTool({
    name: 'get_service',
    title: 'Get a service',
    area: 'services',
    toolClass: 'read',
    description:
      'Get one PagerDuty service by id: name, description, status, escalation policy, teams, acknowledgement and auto-resolve timeouts, ' +
      'urgency rule, integrations and time of the last incident.',
    input: z.object({ service_id: idArg('The service id.') }),
    async run(args, ctx) {
      const res = await ctx.pd.request<{ service: Json }>({ method: 'GET', path: `/services/${encodeURIComponent(args.service_id)}`, signal: ctx.signal });
      const svc = res.data.service;
      return capSize(
        clean({
          ...serviceSummary(svc),
          ...pick(svc, ['acknowledgement_timeout', 'auto_resolve_timeout', 'alert_creation', 'incident_urgency_rule']),
          integrations: Array.isArray(svc?.integrations) ? refs(svc.integrations) : undefined,
        }),
      );
    },
  }),
  defineTool({
    name: 'get_technical_service_dependencies',
    title: 'Get technical service dependencies',
    area: 'services',
    toolClass: 'read',
    description:
      'Get the dependency relationships of a technical service: which services it depends on (supporting) and which depend on it (dependent). ' +
      'Use it to judge the blast radius of an incident.',
    input: z.object({ service_id: idArg('The technical service id.') }),
    async run(args, ctx) {
      const res = await ctx.pd.request<{ relationships: Json[] }>({
        method: 'GET',
        path: `/service_dependencies/technical_services/${encodeURIComponent(args.service_id)}`,
        signal: ctx.signal,
      });
      return capSize(listResult('relationships', (res.data.relationships ?? []).map(dependencySummary), { more: false }));
    },
  }),
];
