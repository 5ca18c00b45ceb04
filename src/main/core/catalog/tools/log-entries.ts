import { z } from 'zod';
import { dateTimeArg, defineTool, idArg, idListArg, limitArg, ToolError } from '../define';
import { capSize, clean, listResult, pick, ref, refs, type Json } from '../shape';
import type { ToolDefinition } from '../types';

/** A log entry as a timeline line: what happened, when, by whom, to which incident. */
export function logEntrySummary(e: unknown): Json {
  const entry = (e ?? {}) as Json;
  return clean({
    ...pick(entry, ['id', 'type', 'summary', 'created_at']),
    agent: ref(entry.agent),
    channel: (entry.channel as Json | undefined)?.type,
    incident: ref(entry.incident),
    service: ref(entry.service),
    user: ref(entry.user),
    assignees: Array.isArray(entry.assignees) && entry.assignees.length ? refs(entry.assignees) : undefined,
    html_url: entry.html_url,
  });
}

export const logEntriesTools: ToolDefinition<any>[] = [
  defineTool({
    name: 'list_log_entries',
    title: 'List log entries',
    area: 'log_entries',
    toolClass: 'read',
    description:
      'List PagerDuty log entries (the timeline of what happened: triggers, acknowledgements, escalations, notifications, notes, resolves), ' +
      'newest first. Give incident_id for one incident\'s timeline, or search the whole account by time range and teams. ' +
      'Returns type, summary, time, agent and incident for each entry; "more": true when there are more than limit.',
    input: z.object({
      incident_id: idArg('Only this incident\'s log entries.').optional(),
      since: dateTimeArg('Start of the time range (ISO-8601).').optional(),
      until: dateTimeArg('End of the time range (ISO-8601).').optional(),
      team_ids: idListArg('Only entries of these teams (account-wide search only).').optional(),
      is_overview: z.boolean().optional().describe('true: only the important changes (status changes, escalations), not every notification.'),
      limit: limitArg('log entries'),
    }),
    async run(args, ctx) {
      if (args.incident_id && args.team_ids?.length) {
        throw new ToolError('team_ids filters the account-wide search only; leave it out when giving incident_id.');
      }
      const path = args.incident_id ? `/incidents/${encodeURIComponent(args.incident_id)}/log_entries` : '/log_entries';
      const query = { since: args.since, until: args.until, is_overview: args.is_overview, team_ids: args.incident_id ? undefined : args.team_ids };
      const res = await ctx.pd.list<Json>(path, 'log_entries', query, { cap: args.limit, signal: ctx.signal });
      return capSize(listResult('log_entries', res.items.map(logEntrySummary), res, 'Narrow the since/until range or use is_overview, or raise limit (maximum 100).'));
    },
  }),
  defineTool({
    name: 'get_log_entry',
    title: 'Get a log entry',
    area: 'log_entries',
    toolClass: 'read',
    description: 'Get one log entry by id: its type, summary, time, agent, channel, incident and service, plus event details where PagerDuty has them.',
    input: z.object({ log_entry_id: idArg('The log entry id.') }),
    async run(args, ctx) {
      const res = await ctx.pd.request<{ log_entry: Json }>({ method: 'GET', path: `/log_entries/${encodeURIComponent(args.log_entry_id)}`, signal: ctx.signal });
      const entry = res.data.log_entry;
      return capSize(clean({ ...logEntrySummary(entry), event_details: entry?.event_details, teams: refs(entry?.teams) }));
    },
  }),
];
