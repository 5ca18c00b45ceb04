import { z } from 'zod';
import { defineTool, idArg, idListArg, limitArg } from '../define';
import { capSize, clean, listResult, pick, refs, type Json } from '../shape';
import type { ToolDefinition } from '../types';

function policySummary(p: unknown): Json {
  const ep = (p ?? {}) as Json;
  return clean({
    ...pick(ep, ['id', 'name', 'description', 'num_loops', 'on_call_handoff_notifications']),
    escalation_rules: Array.isArray(ep.escalation_rules)
      ? ep.escalation_rules.map((r: any, i: number) =>
          clean({ level: i + 1, escalation_delay_in_minutes: r?.escalation_delay_in_minutes, targets: refs(r?.targets, { keepType: true }) }),
        )
      : undefined,
    services: refs(ep.services),
    teams: Array.isArray(ep.teams) && ep.teams.length ? refs(ep.teams) : undefined,
    html_url: ep.html_url,
  });
}

export const escalationPoliciesTools: ToolDefinition<any>[] = [
  defineTool({
    name: 'list_escalation_policies',
    title: 'List escalation policies',
    area: 'escalation_policies',
    toolClass: 'read',
    description:
      'List escalation policies (who gets paged, in which order, for which services), optionally by name search, users they target and teams. ' +
      'Returns each policy\'s levels with their targets (users, schedules), delays, loops and services; "more": true when more match.',
    input: z.object({
      query: z.string().trim().min(1).max(200).optional().describe('Match policies whose name contains this text.'),
      user_ids: idListArg('Only policies that target these users.').optional(),
      team_ids: idListArg('Only policies of these teams.').optional(),
      limit: limitArg('escalation policies'),
    }),
    async run(args, ctx) {
      const { limit, ...query } = args;
      const res = await ctx.pd.list<Json>('/escalation_policies', 'escalation_policies', query, { cap: limit, signal: ctx.signal });
      return capSize(listResult('escalation_policies', res.items.map(policySummary), res));
    },
  }),
  defineTool({
    name: 'get_escalation_policy',
    title: 'Get an escalation policy',
    area: 'escalation_policies',
    toolClass: 'read',
    description: 'Get one escalation policy by id: its levels in order with targets (users and schedules) and delays, loops, services and teams.',
    input: z.object({ policy_id: idArg('The escalation policy id.') }),
    async run(args, ctx) {
      const res = await ctx.pd.request<{ escalation_policy: Json }>({ method: 'GET', path: `/escalation_policies/${encodeURIComponent(args.policy_id)}`, signal: ctx.signal });
      return capSize(policySummary(res.data.escalation_policy));
    },
  }),
];

