// PagerDuty Analytics (/analytics/metrics/...): aggregated incident and responder metrics. The endpoints
// are POSTs only because the filters travel in a body; they read, never change anything.
import { z } from 'zod';
import { dateTimeArg, defineTool, idListArg } from '../define';
import type { ToolContext, ToolDefinition } from '../types';
import { capSize, clean } from '../shape';

type Json = Record<string, any>;

const AREA = 'analytics';

const Urgency = z.enum(['high', 'low']).optional().describe("Only 'high' or 'low' urgency incidents");
const TimeZone = z.string().trim().min(1).max(64).optional().describe("IANA time zone for grouping and times, e.g. 'America/New_York' (default UTC)");
const Order = z.enum(['asc', 'desc']).optional().describe('Sort direction');
const orderBy = (example: string) => z.string().trim().min(1).max(64).optional().describe(`Metric field to sort by, e.g. '${example}'`);

function rangeCheck(startKey: string, endKey: string) {
  return (v: Record<string, unknown>) => Date.parse(String(v[endKey])) > Date.parse(String(v[startKey]));
}

/** POSTs the analytics query and returns its rows (nulls dropped) with the filters PagerDuty applied. */
async function queryMetrics(ctx: ToolContext, path: string, body: Json): Promise<{ rows: Json[]; echo: Json }> {
  const res = await ctx.pd.request<Json>({ method: 'POST', path, body, signal: ctx.signal });
  const data = res.data?.data;
  const rows = (Array.isArray(data) ? data : data && typeof data === 'object' ? [data] : []).map((r: Json) => clean(r) as Json);
  return { rows, echo: clean({ filters: res.data?.filters, time_zone: res.data?.time_zone, order: res.data?.order, order_by: res.data?.order_by, aggregate_unit: res.data?.aggregate_unit }) };
}

function body(filters: Json, args: { time_zone?: string; order?: string; order_by?: string; aggregate_unit?: string }): Json {
  return clean({ filters: clean(filters), time_zone: args.time_zone, order: args.order, order_by: args.order_by, aggregate_unit: args.aggregate_unit });
}

const incidentFilterFields = {
  created_at_start: dateTimeArg('Start of the period (ISO-8601): incidents created before this are left out'),
  created_at_end: dateTimeArg('End of the period (ISO-8601, exclusive)'),
  team_ids: idListArg('Only incidents of these teams').optional(),
  service_ids: idListArg('Only incidents on these services').optional(),
  urgency: Urgency,
  time_zone: TimeZone,
};

function incidentFilters(a: { created_at_start: string; created_at_end: string; team_ids?: string[]; service_ids?: string[]; urgency?: string }): Json {
  return { created_at_start: a.created_at_start, created_at_end: a.created_at_end, team_ids: a.team_ids, service_ids: a.service_ids, urgency: a.urgency };
}

const responderFilterFields = {
  date_range_start: dateTimeArg('Start of the period (ISO-8601)'),
  date_range_end: dateTimeArg('End of the period (ISO-8601, exclusive)'),
  team_ids: idListArg('Only these teams').optional(),
  urgency: Urgency,
  time_zone: TimeZone,
};

const getResponderMetrics = defineTool({
  name: 'get_responder_metrics',
  title: 'Responder metrics by team',
  description:
    'Per-responder metrics for a period, grouped by team, from PagerDuty Analytics: incidents handled, acknowledgements, mean time to ' +
    'acknowledge, engaged time, and interruptions split into business hours (8-18 Mon-Fri), off hours and sleep hours (22-8) in the ' +
    "responder's time zone. Use it for on-call health and burnout questions. Filter by team_ids, responder_ids, urgency.",
  area: AREA,
  toolClass: 'read',
  input: z
    .object({ ...responderFilterFields, responder_ids: idListArg('Only these responders (user ids)').optional(), order: Order, order_by: orderBy('total_interruptions') })
    .refine(rangeCheck('date_range_start', 'date_range_end'), { path: ['date_range_end'], message: 'date_range_end must be after date_range_start' }),
  async run(args, ctx) {
    const filters = { date_range_start: args.date_range_start, date_range_end: args.date_range_end, team_ids: args.team_ids, responder_ids: args.responder_ids, urgency: args.urgency };
    const { rows, echo } = await queryMetrics(ctx, '/analytics/metrics/responders/teams', body(filters, args));
    return capSize({ responders: rows, count: rows.length, ...echo });
  },
});

const getIncidentMetricsByService = defineTool({
  name: 'get_incident_metrics_by_service',
  title: 'Incident metrics by service',
  description:
    'Aggregated incident metrics per service for a period, from PagerDuty Analytics: incident count, mean time to first acknowledge, ' +
    'mean/p50/p90 time to resolve (seconds), escalations and uptime percentage. Prefer this over listing incidents for service health ' +
    'questions. Filter by team_ids, service_ids, urgency.',
  area: AREA,
  toolClass: 'read',
  input: z
    .object({ ...incidentFilterFields, order: Order, order_by: orderBy('total_incident_count') })
    .refine(rangeCheck('created_at_start', 'created_at_end'), { path: ['created_at_end'], message: 'created_at_end must be after created_at_start' }),
  async run(args, ctx) {
    const { rows, echo } = await queryMetrics(ctx, '/analytics/metrics/incidents/services', body(incidentFilters(args), args));
    return capSize({ services: rows, count: rows.length, ...echo });
  },
});

const getIncidentMetricsByTeam = defineTool({
  name: 'get_incident_metrics_by_team',
  title: 'Incident metrics by team',
  description:
    'Aggregated incident metrics per team for a period, from PagerDuty Analytics: incident count, mean time to first acknowledge, ' +
    'mean/p50/p90 time to resolve (seconds), escalations and uptime. Set aggregate_unit (day, week, month) for a time series per team. ' +
    'Use for team comparisons and trends.',
  area: AREA,
  toolClass: 'read',
  input: z
    .object({
      ...incidentFilterFields,
      order: Order,
      order_by: orderBy('mean_seconds_to_resolve'),
      aggregate_unit: z.enum(['day', 'week', 'month']).optional().describe('Split each team into periods of this length'),
    })
    .refine(rangeCheck('created_at_start', 'created_at_end'), { path: ['created_at_end'], message: 'created_at_end must be after created_at_start' }),
  async run(args, ctx) {
    const { rows, echo } = await queryMetrics(ctx, '/analytics/metrics/incidents/teams', body(incidentFilters(args), args));
    return capSize({ teams: rows, count: rows.length, ...echo });
  },
});

const getResponderLoadMetrics = defineTool({
  name: 'get_responder_load_metrics',
  title: 'Responder load',
  description:
    'Workload per responder across all teams for a period, from PagerDuty Analytics: incidents, acknowledgements, sleep-hour ' +
    'interruptions, engaged time and mean time to acknowledge. Use to find who carries the most incident load. Filter by team_ids, urgency.',
  area: AREA,
  toolClass: 'read',
  input: z
    .object({ ...responderFilterFields, order: Order, order_by: orderBy('total_incident_count') })
    .refine(rangeCheck('date_range_start', 'date_range_end'), { path: ['date_range_end'], message: 'date_range_end must be after date_range_start' }),
  async run(args, ctx) {
    const filters = { date_range_start: args.date_range_start, date_range_end: args.date_range_end, team_ids: args.team_ids, urgency: args.urgency };
    const { rows, echo } = await queryMetrics(ctx, '/analytics/metrics/responders/all', body(filters, args));
    return capSize({ responders: rows, count: rows.length, ...echo });
  },
});

const getIncidentMetricsAll = defineTool({
  name: 'get_incident_metrics_all',
  title: 'Incident metrics for the whole period',
  description:
    'One roll-up of incident metrics for a whole period, from PagerDuty Analytics, including percentiles (p50, p75, p90, p95) of time to ' +
    'acknowledge and time to resolve, which only this tool gives. Filter by team_ids, service_ids, urgency.',
  area: AREA,
  toolClass: 'read',
  input: z
    .object({ ...incidentFilterFields, order: Order, order_by: orderBy('total_incident_count') })
    .refine(rangeCheck('created_at_start', 'created_at_end'), { path: ['created_at_end'], message: 'created_at_end must be after created_at_start' }),
  async run(args, ctx) {
    const { rows, echo } = await queryMetrics(ctx, '/analytics/metrics/incidents/all', body(incidentFilters(args), args));
    return { metrics: rows[0] ?? { total_incident_count: 0 }, ...echo };
  },
});

export const analyticsTools: ToolDefinition<any>[] = [
  getResponderMetrics,
  getIncidentMetricsByService,
  getIncidentMetricsByTeam,
  getResponderLoadMetrics,
  getIncidentMetricsAll,
];
