import { z } from 'zod';
import { PagerDutyError } from '../../pagerduty/types';
import { dateTimeArg, defineTool, idArg, idListArg, limitArg, ToolError } from '../define';
import { capSize, clean, listResult, pick, ref, refs, userSummary, type Json } from '../shape';
import type { ToolContext, ToolDefinition } from '../types';

// Shift-based (v3) schedules are Early Access: PagerDuty answers them only with this header.
const V3_HEADERS = { 'X-EARLY-ACCESS': 'flex-service-early-access' };

function scheduleSummary(s: unknown, kind: 'layer_based' | 'shift_based'): Json {
  const sch = (s ?? {}) as Json;
  return clean({
    ...pick(sch, ['id', 'name', 'description', 'time_zone']),
    kind,
    escalation_policies: Array.isArray(sch.escalation_policies) && sch.escalation_policies.length ? refs(sch.escalation_policies) : undefined,
    users: Array.isArray(sch.users) && sch.users.length ? refs(sch.users) : undefined,
    teams: Array.isArray(sch.teams) && sch.teams.length ? refs(sch.teams) : undefined,
    html_url: sch.html_url,
  });
}

function entries(list: unknown): Json[] {
  if (!Array.isArray(list)) return [];
  return list.map((e: any) => clean({ start: e?.start, end: e?.end, user: ref(e?.user) }));
}

function layerBasedDetail(s: Json): Json {
  return clean({
    ...scheduleSummary(s, 'layer_based'),
    layers: Array.isArray(s.schedule_layers)
      ? s.schedule_layers.map((l: any) =>
          clean({
            ...pick(l, ['id', 'name', 'start', 'end', 'rotation_virtual_start', 'rotation_turn_length_seconds']),
            users: Array.isArray(l?.users) ? l.users.map((u: any) => ref(u?.user ?? u)) : undefined,
            restrictions: Array.isArray(l?.restrictions) && l.restrictions.length ? l.restrictions : undefined,
          }),
        )
      : undefined,
    // The final schedule is what actually pages people: overrides applied on top of the layers.
    final_schedule: (s.final_schedule as Json | undefined)
      ? clean({
          entries: entries((s.final_schedule as Json).rendered_schedule_entries),
          coverage_percentage: (s.final_schedule as Json).rendered_coverage_percentage,
        })
      : undefined,
    overrides: (s.overrides_subschedule as Json | undefined) ? entries((s.overrides_subschedule as Json).rendered_schedule_entries) : undefined,
  });
}

function shiftBasedDetail(s: Json): Json {
  return clean({
    ...scheduleSummary(s, 'shift_based'),
    rotations: Array.isArray(s.rotations)
      ? s.rotations.map((r: any) =>
          clean({
            id: r?.id,
            events: Array.isArray(r?.events)
              ? r.events.map((e: any) => clean({ ...pick(e, ['id', 'name', 'start_time', 'end_time', 'effective_since', 'effective_until', 'recurrence']), assignment_strategy: e?.assignment_strategy }))
              : undefined,
          }),
        )
      : undefined,
  });
}

const absent = (err: unknown) => err instanceof PagerDutyError && (err.status === 404 || err.status === 403 || err.status === 400);

async function getScheduleOf(kind: 'layer_based' | 'shift_based', id: string, args: { since?: string; until?: string; time_zone?: string }, ctx: ToolContext): Promise<Json> {
  if (kind === 'layer_based') {
    const res = await ctx.pd.request<{ schedule: Json }>({
      method: 'GET',
      path: `/schedules/${encodeURIComponent(id)}`,
      query: { since: args.since, until: args.until, time_zone: args.time_zone },
      signal: ctx.signal,
    });
    return layerBasedDetail(res.data.schedule);
  }
  const res = await ctx.pd.request<{ schedule: Json }>({ method: 'GET', path: `/v3/schedules/${encodeURIComponent(id)}`, headers: V3_HEADERS, signal: ctx.signal });
  return shiftBasedDetail(res.data.schedule);
}

export const schedulesTools: ToolDefinition<any>[] = [
  defineTool({
    name: 'list_schedules',
    title: 'List schedules',
    area: 'schedules',
    toolClass: 'read',
    description:
      'List on-call schedules across both PagerDuty scheduling systems in one call: classic layer-based schedules and, where the account has them, ' +
      'shift-based (v3) schedules. Each item says its kind (layer_based or shift_based), with id, name, time zone, users, teams and link. ' +
      'Filter by name (query) and teams; "more": true when more match than limit. Use get_schedule for who is on when.',
    input: z.object({
      query: z.string().trim().min(1).max(200).optional().describe('Match schedules whose name contains this text.'),
      team_ids: idListArg('Only schedules of these teams.').optional(),
      limit: limitArg('schedules'),
    }),
    async run(args, ctx) {
      const v2 = await ctx.pd.list<Json>('/schedules', 'schedules', { query: args.query, team_ids: args.team_ids }, { cap: args.limit, signal: ctx.signal });
      const schedules = v2.items.map((s) => scheduleSummary(s, 'layer_based'));
      let more = v2.more;
      const room = args.limit - schedules.length;
      try {
        // Even with no room left, ask for one so "more" is accurate.
        const v3 = await ctx.pd.request<{ schedules?: Json[]; more?: boolean }>({
          method: 'GET',
          path: '/v3/schedules',
          query: { query: args.query, limit: Math.max(room, 1) },
          headers: V3_HEADERS,
          signal: ctx.signal,
        });
        let v3Items = v3.data.schedules ?? [];
        if (args.team_ids?.length) {
          v3Items = v3Items.filter((s) => refs(s.teams).some((t) => args.team_ids!.includes(String(t.id))));
        }
        schedules.push(...v3Items.slice(0, Math.max(room, 0)).map((s) => scheduleSummary(s, 'shift_based')));
        more = more || v3.data.more === true || v3Items.length > Math.max(room, 0);
      } catch (err) {
        // Shift-based schedules are Early Access: accounts without them answer 404/403; that is not an error here.
        if (!absent(err)) throw err;
      }
      return capSize(listResult('schedules', schedules, { more }));
    },
  }),
  defineTool({
    name: 'get_schedule',
    title: 'Get a schedule',
    area: 'schedules',
    toolClass: 'read',
    description:
      'Get one schedule by id, layer-based (v2) or shift-based (v3). For layer-based schedules it returns the layers and the final schedule: ' +
      'who is on call from when to when in the window since/until (default about two weeks either side of now), including overrides. ' +
      'kind picks the system; without it the layer-based one is tried first.',
    input: z.object({
      schedule_id: idArg('The schedule id.'),
      kind: z.enum(['layer_based', 'shift_based']).optional().describe('Which scheduling system the id belongs to, if known.'),
      since: dateTimeArg('Start of the window to render (layer-based only).').optional(),
      until: dateTimeArg('End of the window to render (layer-based only).').optional(),
      time_zone: z.string().trim().min(1).max(64).optional().describe('IANA time zone for the returned times.'),
    }),
    async run(args, ctx) {
      if (args.kind) return capSize(await getScheduleOf(args.kind, args.schedule_id, args, ctx));
      try {
        return capSize(await getScheduleOf('layer_based', args.schedule_id, args, ctx));
      } catch (err) {
        if (!(err instanceof PagerDutyError && err.status === 404)) throw err;
        try {
          return capSize(await getScheduleOf('shift_based', args.schedule_id, args, ctx));
        } catch (err2) {
          if (absent(err2)) throw new ToolError(`No schedule with id ${args.schedule_id} exists (neither layer-based nor shift-based). Use list_schedules to find the id.`);
          throw err2;
        }
      }
    },
  }),
  defineTool({
    name: 'list_schedule_users',
    title: 'List users on a schedule',
    area: 'schedules',
    toolClass: 'read',
    description:
      'List the users who are on call on a layer-based schedule during a time window (default: the schedule\'s configured users), with id, name, email and time zone.',
    input: z.object({
      schedule_id: idArg('The schedule id.'),
      since: dateTimeArg('Start of the window.').optional(),
      until: dateTimeArg('End of the window.').optional(),
    }),
    async run(args, ctx) {
      const res = await ctx.pd.request<{ users: Json[] }>({
        method: 'GET',
        path: `/schedules/${encodeURIComponent(args.schedule_id)}/users`,
        query: { since: args.since, until: args.until },
        signal: ctx.signal,
      });
      return capSize(listResult('users', (res.data.users ?? []).map(userSummary), { more: false }));
    },
  }),
  defineTool({
    name: 'create_schedule_override',
    title: 'Create schedule overrides',
    area: 'schedules',
    toolClass: 'write',
    annotations: { destructiveHint: false },
    description:
      'Put someone on call in place of the scheduled person for a time window (an override on a layer-based schedule), e.g. to swap a shift. ' +
      'Several overrides can be sent at once; PagerDuty accepts or rejects each one separately, and the result lists each with its status and any error. ' +
      'Times are ISO-8601; end must be after start.',
    input: z.object({
      schedule_id: idArg('The schedule id.'),
      overrides: z
        .array(
          z.object({
            start: dateTimeArg('When the override starts.'),
            end: dateTimeArg('When the override ends.'),
            user_id: idArg('Who is on call during the override.'),
            time_zone: z.string().trim().min(1).max(64).optional().describe('IANA time zone of start/end, default UTC.'),
          }),
        )
        .min(1, 'Give at least one override')
        .max(100)
        .describe('The overrides to create.'),
    }),
    async run(args, ctx) {
      for (const [i, o] of args.overrides.entries()) {
        if (Date.parse(o.end) <= Date.parse(o.start)) throw new ToolError(`Override ${i + 1}: end (${o.end}) must be after start (${o.start}). Nothing was created.`);
      }
      const overrides = args.overrides.map((o: { start: string; end: string; user_id: string; time_zone?: string }) =>
        clean({ start: o.start, end: o.end, user: { id: o.user_id, type: 'user_reference' }, time_zone: o.time_zone }),
      );
      const res = await ctx.pd.request<unknown>({
        method: 'POST',
        path: `/schedules/${encodeURIComponent(args.schedule_id)}/overrides`,
        body: { overrides },
        signal: ctx.signal,
      });
      // PagerDuty answers with a bare array of per-item results (older docs: a single `override`).
      const data = res.data as any;
      const results: any[] = Array.isArray(data) ? data : data?.overrides ?? (data?.override ? [{ status: 201, override: data.override }] : []);
      const shaped = results.map((r) =>
        clean({
          status: r?.status,
          created: r?.status === 201 || r?.status === 200,
          override: clean({ id: r?.override?.id, start: r?.override?.start, end: r?.override?.end, user: ref(r?.override?.user) }),
          errors: Array.isArray(r?.errors) && r.errors.length ? r.errors : undefined,
        }),
      );
      const created = shaped.filter((r) => r.created).length;
      return { created, failed: shaped.length - created, results: shaped };
    },
  }),
];
