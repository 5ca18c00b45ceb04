import { z } from 'zod';
import { dateTimeArg, defineTool, idArg, idListArg, limitArg, ToolError } from '../define';
import { capSize, clean, listResult, pick, ref, refs, type Json } from '../shape';
import type { ToolContext, ToolDefinition } from '../types';
import { currentUser, currentUserId } from './users';

const Status = z.enum(['triggered', 'acknowledged', 'resolved']);
const Urgency = z.enum(['high', 'low']);
const SortBy = z.enum([
  'incident_number:asc',
  'incident_number:desc',
  'created_at:asc',
  'created_at:desc',
  'resolved_at:asc',
  'resolved_at:desc',
  'urgency:asc',
  'urgency:desc',
]);

/** What an AI needs to talk about an incident; the full object can run to tens of KB with includes. */
export function incidentSummary(inc: unknown): Json {
  const i = (inc ?? {}) as Json;
  return clean({
    ...pick(i, ['id', 'incident_number', 'title', 'status', 'urgency']),
    priority: (i.priority as Json | null)?.summary ?? null,
    service: ref(i.service),
    escalation_policy: ref(i.escalation_policy),
    assignees: Array.isArray(i.assignments) ? i.assignments.map((a: any) => ref(a?.assignee)).filter(Boolean) : [],
    teams: Array.isArray(i.teams) && i.teams.length ? refs(i.teams) : undefined,
    ...pick(i, ['created_at', 'updated_at', 'last_status_change_at', 'resolved_at', 'incident_key', 'html_url']),
  });
}

function incidentDetail(inc: unknown): Json {
  const i = (inc ?? {}) as Json;
  return clean({
    ...incidentSummary(inc),
    description: (i.body as Json | undefined)?.details ?? i.description,
    acknowledgements: Array.isArray(i.acknowledgements)
      ? i.acknowledgements.map((a: any) => clean({ at: a?.at, by: ref(a?.acknowledger) }))
      : undefined,
    last_status_change_by: ref(i.last_status_change_by),
    alert_counts: i.alert_counts,
    resolve_reason: i.resolve_reason,
    conference_bridge: i.conference_bridge,
    first_trigger_log_entry: ref(i.first_trigger_log_entry),
    pending_actions: Array.isArray(i.pending_actions) && i.pending_actions.length ? i.pending_actions : undefined,
  });
}

function noteSummary(n: unknown): Json {
  const note = (n ?? {}) as Json;
  return clean({ id: note.id, content: note.content, created_at: note.created_at, user: ref(note.user) });
}

function alertSummary(a: unknown): Json {
  const alert = (a ?? {}) as Json;
  return clean({
    ...pick(alert, ['id', 'summary', 'status', 'severity', 'alert_key', 'created_at', 'suppressed', 'html_url']),
    service: ref(alert.service),
    incident: ref(alert.incident),
    details: (alert.body as Json | undefined)?.details,
  });
}

/** Priority arguments may be ids or names (P1); names are resolved through /priorities. */
async function priorityIds(values: string[], ctx: ToolContext): Promise<string[]> {
  const res = await ctx.pd.list<Json>('/priorities', 'priorities', {}, { cap: 100, signal: ctx.signal });
  return values.map((v) => {
    const hit = res.items.find((p) => p.id === v || String(p.name ?? p.summary).toLowerCase() === v.toLowerCase());
    if (!hit) {
      const known = res.items.map((p) => `${p.name ?? p.summary} (${p.id})`).join(', ') || 'none';
      throw new ToolError(`Unknown priority "${v}". Priorities on this account: ${known}.`);
    }
    return String(hit.id);
  });
}

const incidentId = idArg('The incident id (e.g. Q1W2E3R4T5Y6U7) or incident number.');

export const incidentsTools: ToolDefinition<any>[] = [
  defineTool({
    name: 'list_incidents',
    title: 'List incidents',
    area: 'incidents',
    toolClass: 'read',
    description:
      'List PagerDuty incidents, newest first by default, filtered by status, urgency, service, team, assigned user, priority and time. ' +
      'request_scope "assigned" returns incidents assigned to the connected user and "teams" those of the user\'s teams. ' +
      'PagerDuty searches only the last month unless since/until or date_range "all" is given. ' +
      'Returns compact incidents (id, number, title, status, urgency, priority, service, assignees, times, link); "more": true means there are more than limit.',
    input: z.object({
      request_scope: z.enum(['all', 'assigned', 'teams']).default('all').describe('all incidents, those assigned to me, or those of my teams.'),
      statuses: z.array(Status).max(3).optional().describe('Only incidents in these statuses.'),
      urgencies: z.array(Urgency).max(2).optional().describe('Only incidents with these urgencies.'),
      service_ids: idListArg('Only incidents on these services.').optional(),
      team_ids: idListArg('Only incidents of these teams.').optional(),
      user_ids: idListArg('Only incidents assigned to these users (PagerDuty then returns only triggered and acknowledged ones).').optional(),
      priorities: z.array(z.string().trim().min(1).max(64)).max(20).optional().describe('Only incidents with these priorities: ids or names such as "P1" (see list_priorities).'),
      since: dateTimeArg('Start of the time range (ISO-8601).').optional(),
      until: dateTimeArg('End of the time range (ISO-8601).').optional(),
      date_range: z.enum(['all']).optional().describe('"all" searches all time instead of the default last month.'),
      sort_by: z.array(SortBy).max(2).optional().describe('Up to two sort fields, e.g. ["created_at:desc"].'),
      limit: limitArg('incidents'),
    }),
    async run(args, ctx) {
      const query: Record<string, any> = {
        statuses: args.statuses,
        urgencies: args.urgencies,
        service_ids: args.service_ids,
        team_ids: args.team_ids,
        user_ids: args.user_ids,
        since: args.since,
        until: args.until,
        date_range: args.date_range,
        sort_by: (args.sort_by ?? ['created_at:desc']).join(','),
      };
      if (args.priorities?.length) query.priority_ids = await priorityIds(args.priorities, ctx);
      if (args.request_scope === 'assigned') {
        query.user_ids = [...(args.user_ids ?? []), await currentUserId(ctx)];
      } else if (args.request_scope === 'teams') {
        const me = await currentUser(ctx);
        const teamIds = refs(me.teams).map((t) => String(t.id));
        if (teamIds.length === 0) throw new ToolError('You are on no PagerDuty team, so request_scope "teams" matches nothing. Use request_scope "all" with team_ids instead.');
        query.team_ids = [...(args.team_ids ?? []), ...teamIds];
      }
      const res = await ctx.pd.list<Json>('/incidents', 'incidents', query, { cap: args.limit, signal: ctx.signal });
      return capSize(listResult('incidents', res.items.map(incidentSummary), res, 'Narrow statuses, services or the since/until range, or raise limit (maximum 100).'));
    },
  }),
  defineTool({
    name: 'get_incident',
    title: 'Get an incident',
    area: 'incidents',
    toolClass: 'read',
    description:
      'Get one PagerDuty incident by id or incident number: title, status, urgency, priority, service, escalation policy, assignees, ' +
      'acknowledgements, alert counts, description and times, with its web link. Use list_incident_notes, list_alerts_from_incident ' +
      'and list_log_entries (incident_id) for notes, alerts and the timeline.',
    input: z.object({ incident_id: incidentId }),
    async run(args, ctx) {
      const res = await ctx.pd.request<{ incident: Json }>({ method: 'GET', path: `/incidents/${encodeURIComponent(args.incident_id)}`, signal: ctx.signal });
      return capSize(incidentDetail(res.data.incident));
    },
  }),
  defineTool({
    name: 'create_incident',
    title: 'Create an incident',
    area: 'incidents',
    toolClass: 'write',
    annotations: { destructiveHint: false },
    description:
      'Create (trigger) a new PagerDuty incident on a service. This pages the on-call responders of the service\'s escalation policy, ' +
      'or the one user given in assignee_user_id. incident_key de-duplicates: PagerDuty refuses a second open incident with the same key on the service. ' +
      'Returns the new incident (id, number, status, link).',
    input: z.object({
      title: z.string().trim().min(1, 'A title is required').max(1024).describe('A short description of what is wrong.'),
      service_id: idArg('The service the incident is on (see list_services).'),
      urgency: Urgency.default('high').describe('high pages immediately; low follows the low-urgency rules.'),
      details: z.string().max(65_000).optional().describe('Longer free-text details shown in the incident body.'),
      incident_key: z.string().trim().min(1).max(255).optional().describe('De-duplication key.'),
      priority_id: idArg('Priority id (see list_priorities).').optional(),
      escalation_policy_id: idArg('Escalation policy to use instead of the service\'s. Not with assignee_user_id.').optional(),
      assignee_user_id: idArg('Assign to this one user directly instead of escalating. Not with escalation_policy_id.').optional(),
    }),
    async run(args, ctx) {
      if (args.escalation_policy_id && args.assignee_user_id) {
        throw new ToolError('Give either escalation_policy_id or assignee_user_id, not both: PagerDuty assigns an incident one way or the other.');
      }
      const incident = clean({
        type: 'incident',
        title: args.title,
        service: { id: args.service_id, type: 'service_reference' },
        urgency: args.urgency,
        body: args.details ? { type: 'incident_body', details: args.details } : undefined,
        incident_key: args.incident_key,
        priority: args.priority_id ? { id: args.priority_id, type: 'priority_reference' } : undefined,
        escalation_policy: args.escalation_policy_id ? { id: args.escalation_policy_id, type: 'escalation_policy_reference' } : undefined,
        assignments: args.assignee_user_id ? [{ assignee: { id: args.assignee_user_id, type: 'user_reference' } }] : undefined,
      });
      const res = await ctx.pd.request<{ incident: Json }>({ method: 'POST', path: '/incidents', body: { incident }, signal: ctx.signal });
      return incidentSummary(res.data.incident);
    },
  }),
  defineTool({
    name: 'manage_incidents',
    title: 'Acknowledge, resolve, reassign or escalate incidents',
    area: 'incidents',
    toolClass: 'write',
    description:
      'Change one or more incidents at once (up to 250): set status (acknowledged or resolved), urgency, reassign to one user, ' +
      'or set the escalation level. All listed incidents get the same changes in one request, and PagerDuty applies all or none. ' +
      'Resolving clears assignments and stops notifications. Returns the updated incidents.',
    input: z.object({
      incident_ids: z.array(z.string().trim().min(1).max(64)).min(1, 'List at least one incident id').max(250, 'PagerDuty changes at most 250 incidents per request').describe('Ids of the incidents to change.'),
      status: z.enum(['acknowledged', 'resolved']).optional().describe('New status.'),
      urgency: Urgency.optional().describe('New urgency.'),
      assignee_user_id: idArg('Reassign the incidents to this user.').optional(),
      escalation_level: z.number().int().min(1).max(20).optional().describe('Escalate (or de-escalate) to this level of the escalation policy.'),
      resolution: z.string().trim().min(1).max(2000).optional().describe('Resolution note; only with status "resolved".'),
    }),
    async run(args, ctx) {
      if (!args.status && !args.urgency && !args.assignee_user_id && args.escalation_level === undefined) {
        throw new ToolError('Nothing to change: give status, urgency, assignee_user_id or escalation_level.');
      }
      if (args.resolution && args.status !== 'resolved') throw new ToolError('resolution can only be given with status "resolved".');
      const now = new Date().toISOString();
      const incidents = args.incident_ids.map((id: string) =>
        clean({
          id,
          type: 'incident_reference',
          status: args.status,
          resolution: args.resolution,
          urgency: args.urgency,
          escalation_level: args.escalation_level,
          assignments: args.assignee_user_id ? [{ at: now, assignee: { id: args.assignee_user_id, type: 'user_reference' } }] : undefined,
        }),
      );
      const res = await ctx.pd.request<{ incidents: Json[] }>({ method: 'PUT', path: '/incidents', body: { incidents }, signal: ctx.signal });
      const updated = (res.data.incidents ?? []).map(incidentSummary);
      return capSize({ incidents: updated, count: updated.length });
    },
  }),
  defineTool({
    name: 'add_note_to_incident',
    title: 'Add a note to an incident',
    area: 'incidents',
    toolClass: 'write',
    annotations: { destructiveHint: false },
    description:
      'Add a text note to an incident\'s timeline (for status updates, findings, hand-offs). Notes cannot be edited or deleted afterwards, ' +
      'and an incident holds at most 2000 notes. Returns the note with its author and time.',
    input: z.object({
      incident_id: incidentId,
      note: z.string().trim().min(1, 'The note is empty').max(25_000).describe('The note text.'),
    }),
    async run(args, ctx) {
      const res = await ctx.pd.request<{ note: Json }>({
        method: 'POST',
        path: `/incidents/${encodeURIComponent(args.incident_id)}/notes`,
        body: { note: { content: args.note } },
        signal: ctx.signal,
      });
      return noteSummary(res.data.note);
    },
  }),
  defineTool({
    name: 'list_incident_notes',
    title: 'List incident notes',
    area: 'incidents',
    toolClass: 'read',
    description: 'List all notes on an incident, oldest first, with content, author and time. Use it to catch up on what responders have written.',
    input: z.object({ incident_id: incidentId }),
    async run(args, ctx) {
      const res = await ctx.pd.request<{ notes: Json[] }>({ method: 'GET', path: `/incidents/${encodeURIComponent(args.incident_id)}/notes`, signal: ctx.signal });
      const notes = (res.data.notes ?? []).map(noteSummary);
      return capSize(listResult('notes', notes, { more: false }));
    },
  }),
  defineTool({
    name: 'add_responders',
    title: 'Add responders to an incident',
    area: 'incidents',
    toolClass: 'write',
    annotations: { destructiveHint: false },
    description:
      'Ask more people to help on an incident: sends a responder request, with a message, to users and/or escalation policies. ' +
      'The request is made in the connected user\'s name, so it needs OAuth or a user-level API key (an account-level key has no user). ' +
      'Returns who was requested.',
    input: z.object({
      incident_id: incidentId,
      message: z.string().trim().min(1, 'A message is required').max(2000).describe('Why their help is needed; shown to the responders.'),
      user_ids: idListArg('Users to request.').optional(),
      escalation_policy_ids: idListArg('Escalation policies to request.').optional(),
    }),
    async run(args, ctx) {
      const targets = [
        ...(args.user_ids ?? []).map((id: string) => ({ responder_request_target: { id, type: 'user_reference' } })),
        ...(args.escalation_policy_ids ?? []).map((id: string) => ({ responder_request_target: { id, type: 'escalation_policy_reference' } })),
      ];
      if (targets.length === 0) throw new ToolError('Name at least one responder: give user_ids and/or escalation_policy_ids.');
      const requesterId = await currentUserId(ctx);
      const res = await ctx.pd.request<{ responder_request: Json }>({
        method: 'POST',
        path: `/incidents/${encodeURIComponent(args.incident_id)}/responder_requests`,
        body: { requester_id: requesterId, message: args.message, responder_request_targets: targets },
        signal: ctx.signal,
      });
      const rr = res.data.responder_request ?? {};
      return clean({
        incident: ref(rr.incident),
        requester: ref(rr.requester),
        requested_at: rr.requested_at,
        message: rr.message,
        requested: Array.isArray(rr.responder_request_targets)
          ? rr.responder_request_targets.map((t: any) => ref(t?.responder_request_target ?? t, { keepType: true }))
          : [],
      });
    },
  }),
  defineTool({
    name: 'list_alerts_from_incident',
    title: 'List alerts of an incident',
    area: 'incidents',
    toolClass: 'read',
    description:
      'List the alerts grouped into an incident (the monitoring events behind it): summary, status, severity, alert key, time and details. ' +
      'Use it to see what actually fired.',
    input: z.object({ incident_id: incidentId, limit: limitArg('alerts') }),
    async run(args, ctx) {
      const res = await ctx.pd.list<Json>(`/incidents/${encodeURIComponent(args.incident_id)}/alerts`, 'alerts', {}, { cap: args.limit, signal: ctx.signal });
      return capSize(listResult('alerts', res.items.map(alertSummary), res));
    },
  }),
  defineTool({
    name: 'get_alert_from_incident',
    title: 'Get one alert of an incident',
    area: 'incidents',
    toolClass: 'read',
    description: 'Get one alert of an incident by alert id, with its summary, status, severity, alert key, service, time and full details body.',
    input: z.object({ incident_id: incidentId, alert_id: idArg('The alert id (from list_alerts_from_incident).') }),
    async run(args, ctx) {
      const res = await ctx.pd.request<{ alert: Json }>({
        method: 'GET',
        path: `/incidents/${encodeURIComponent(args.incident_id)}/alerts/${encodeURIComponent(args.alert_id)}`,
        signal: ctx.signal,
      });
      return capSize(alertSummary(res.data.alert));
    },
  }),
  defineTool({
    name: 'get_related_incidents',
    title: 'Get related incidents',
    area: 'incidents',
    toolClass: 'read',
    description:
      'Get up to 20 recent incidents PagerDuty considers related to this one (affecting other services or responders at the same time), ' +
      'each with why it is related. Useful to spot a wider outage. Needs PagerDuty AIOps (Event Intelligence); otherwise PagerDuty refuses.',
    input: z.object({
      incident_id: incidentId,
      additional_details: z.array(z.enum(['incident'])).optional().describe('["incident"] adds incident details to each related incident.'),
    }),
    async run(args, ctx) {
      const res = await ctx.pd.request<{ related_incidents?: Json[] } | []>({
        method: 'GET',
        path: `/incidents/${encodeURIComponent(args.incident_id)}/related_incidents`,
        query: { additional_details: args.additional_details },
        signal: ctx.signal,
      });
      const list = Array.isArray(res.data) ? [] : (res.data.related_incidents ?? []);
      const related = list.map((r: any) =>
        clean({
          incident: clean({ ...incidentSummary(r?.incident), id: r?.incident?.id }),
          relationships: Array.isArray(r?.relationships) ? r.relationships.map((rel: any) => clean({ type: rel?.type, metadata: rel?.metadata })) : [],
        }),
      );
      return capSize(listResult('related_incidents', related, { more: false }));
    },
  }),
  defineTool({
    name: 'get_past_incidents',
    title: 'Get similar past incidents',
    area: 'incidents',
    toolClass: 'read',
    description:
      'Get incidents from the past 6 months on the same service that look like this one, with a similarity score, to learn how they were handled. ' +
      'Returns 5 by default. Needs PagerDuty AIOps (Event Intelligence); otherwise PagerDuty refuses.',
    input: z.object({
      incident_id: incidentId,
      limit: z.number().int().min(1).max(100).default(5).describe('How many past incidents (1-100, default 5).'),
      total: z.boolean().optional().describe('Also return how many similar past incidents exist.'),
    }),
    async run(args, ctx) {
      const res = await ctx.pd.request<{ past_incidents?: Json[]; total?: number | null; limit?: number } | []>({
        method: 'GET',
        path: `/incidents/${encodeURIComponent(args.incident_id)}/past_incidents`,
        query: { limit: args.limit, total: args.total },
        signal: ctx.signal,
      });
      const data = Array.isArray(res.data) ? {} : res.data;
      const past = (data.past_incidents ?? []).map((p: any) => clean({ incident: clean(pick(p?.incident, ['id', 'title', 'created_at', 'html_url'])), score: p?.score }));
      const total = typeof data.total === 'number' ? data.total : null;
      return capSize(listResult('past_incidents', past, { more: total !== null && total > past.length, total }, 'Raise limit to see more.'));
    },
  }),
  defineTool({
    name: 'get_outlier_incident',
    title: 'Check whether an incident is an outlier',
    area: 'incidents',
    toolClass: 'read',
    description:
      'Tell whether an incident is unusual for its service: how often incidents like it occurred (count, frequency, category such as "rare") ' +
      'over a time range, and the pattern it matched. Needs PagerDuty AIOps (Event Intelligence); otherwise PagerDuty refuses.',
    input: z.object({
      incident_id: incidentId,
      since: dateTimeArg('Start of the range to compare against (at most 6 months back).').optional(),
      until: dateTimeArg('End of the range.').optional(),
      additional_details: z.array(z.enum(['incident'])).optional().describe('["incident"] adds incident details.'),
    }),
    async run(args, ctx) {
      const res = await ctx.pd.request<{ outlier_incident?: Json }>({
        method: 'GET',
        path: `/incidents/${encodeURIComponent(args.incident_id)}/outlier_incident`,
        query: { since: args.since, until: args.until, additional_details: args.additional_details },
        signal: ctx.signal,
      });
      const o = (res.data?.outlier_incident ?? res.data ?? {}) as Json;
      const inc = (o.incident ?? {}) as Json;
      return capSize(
        clean({
          incident: clean(pick(inc, ['id', 'title', 'created_at', 'html_url'])),
          occurrence: inc.occurrence,
          incident_template: o.incident_template,
        }),
      );
    },
  }),
];
