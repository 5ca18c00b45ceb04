import { z } from 'zod';
import { dateTimeArg, defineTool, idListArg, limitArg, ToolError } from '../define';
import { capSize, clean, listResult, ref, type Json } from '../shape';
import type { ToolDefinition } from '../types';

export const oncallsTools: ToolDefinition<any>[] = [
  defineTool({
    name: 'list_oncalls',
    title: 'List who is on call',
    area: 'oncalls',
    toolClass: 'read',
    description:
      'List who is on call: each entry gives the user, escalation policy, level, schedule and the shift start/end (null start/end means always on call). ' +
      'Filter by users, escalation policies, schedules or services (a service is resolved to its escalation policy). ' +
      'Without since/until it answers "right now". earliest (default true) keeps only the next shift per user, policy and level.',
    input: z.object({
      user_ids: idListArg('Only these users.').optional(),
      escalation_policy_ids: idListArg('Only these escalation policies.').optional(),
      schedule_ids: idListArg('Only these schedules.').optional(),
      service_ids: idListArg('Only the escalation policies of these services.').optional(),
      since: dateTimeArg('Start of the window (default now).').optional(),
      until: dateTimeArg('End of the window (at most 90 days ahead).').optional(),
      earliest: z.boolean().default(true).describe('Only the earliest on-call per user, policy and level.'),
      time_zone: z.string().trim().min(1).max(64).optional().describe('IANA time zone for the returned times, e.g. Europe/Berlin.'),
      limit: limitArg('on-call entries'),
    }),
    async run(args, ctx) {
      const policyIds = [...(args.escalation_policy_ids ?? [])];
      // PagerDuty has no service filter on /oncalls: a service is on call through its escalation policy.
      for (const serviceId of args.service_ids ?? []) {
        const res = await ctx.pd.request<{ service: Json }>({ method: 'GET', path: `/services/${encodeURIComponent(serviceId)}`, signal: ctx.signal });
        const ep = res.data.service?.escalation_policy as Json | undefined;
        if (!ep?.id) throw new ToolError(`Service ${serviceId} has no escalation policy, so nobody is on call for it.`);
        if (!policyIds.includes(String(ep.id))) policyIds.push(String(ep.id));
      }
      const query = {
        user_ids: args.user_ids,
        escalation_policy_ids: policyIds.length ? policyIds : undefined,
        schedule_ids: args.schedule_ids,
        since: args.since,
        until: args.until,
        earliest: args.earliest,
        time_zone: args.time_zone,
      };
      const res = await ctx.pd.list<Json>('/oncalls', 'oncalls', query, { cap: args.limit, signal: ctx.signal });
      const oncalls = res.items.map((o) =>
        clean({
          user: ref(o.user),
          escalation_policy: ref(o.escalation_policy),
          escalation_level: o.escalation_level,
          schedule: ref(o.schedule),
          start: o.start ?? null,
          end: o.end ?? null,
        }),
      );
      // clean() drops null start/end, but null carries meaning here (permanently on call).
      for (const [i, o] of res.items.entries()) {
        oncalls[i].start = o.start ?? null;
        oncalls[i].end = o.end ?? null;
      }
      return capSize(listResult('oncalls', oncalls, res, 'Filter by escalation policy, schedule or user, or raise limit (maximum 100).'));
    },
  }),
];
