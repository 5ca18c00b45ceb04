// Alert grouping settings (/alert_grouping_settings): how alerts on one or more services are grouped
// into incidents. The list endpoint pages with `after`/`before` cursors, not offsets.
import { z } from 'zod';
import { defineTool, idArg, idListArg } from '../define';
import type { ToolDefinition } from '../types';
import { capSize, clean, refs } from '../shape';

type Json = Record<string, any>;

const AREA = 'alert_grouping';

const GroupingType = z.enum(['content_based', 'content_based_intelligent', 'intelligent', 'time']);

const GroupingConfig = z
  .object({
    timeout: z.number().int().min(0).max(1440).optional().describe("'time' grouping: minutes to keep grouping into one incident (0 = until the incident is resolved)"),
    aggregate: z.enum(['all', 'any']).optional().describe("'content_based*' grouping: group when ALL or ANY of the fields match"),
    fields: z.array(z.string().min(1)).max(20).optional().describe("'content_based*' grouping: alert fields to compare, e.g. ['summary', 'source', 'custom_details.host']"),
    time_window: z.number().int().min(0).max(86400).optional().describe('Seconds within which alerts are grouped (300-3600 typical; 0 = let PagerDuty recommend)'),
  })
  .describe('Configuration for the grouping type');

function checkConfig(type: z.infer<typeof GroupingType> | undefined, config: z.infer<typeof GroupingConfig> | undefined, ctx: z.RefinementCtx): void {
  if (type === 'time' && config?.timeout === undefined) {
    ctx.addIssue({ code: 'custom', path: ['config', 'timeout'], message: "'time' grouping needs config.timeout (minutes)" });
  }
  if ((type === 'content_based' || type === 'content_based_intelligent') && (!config?.aggregate || !config.fields?.length)) {
    ctx.addIssue({ code: 'custom', path: ['config'], message: `'${type}' grouping needs config.aggregate ('all' or 'any') and config.fields (at least one field)` });
  }
}

function shapeSetting(s: Json): Json {
  return clean({
    id: s.id,
    name: s.name,
    description: s.description,
    type: s.type,
    config: s.config,
    services: refs(s.services),
    created_at: s.created_at,
    updated_at: s.updated_at,
  });
}

function requestBody(args: { name?: string; description?: string; type?: string; config?: Json; service_ids?: string[] }): Json {
  return {
    alert_grouping_setting: clean({
      name: args.name,
      description: args.description,
      type: args.type,
      config: args.config ? clean(args.config) : undefined,
      services: args.service_ids?.map((id) => ({ id, type: 'service_reference' })),
    }),
  };
}

const listAlertGroupingSettings = defineTool({
  name: 'list_alert_grouping_settings',
  title: 'List alert grouping settings',
  description:
    'List alert grouping settings: how alerts on services are grouped into incidents (content-based, intelligent or time-based). ' +
    'Filter with service_ids. Returns id, name, type, config and the services each setting applies to. ' +
    "Pages with cursors: pass the returned 'after' value to get the next page (or 'before' for the previous one).",
  area: AREA,
  toolClass: 'read',
  input: z.object({
    service_ids: idListArg('Only settings that apply to these services').optional(),
    limit: z.number().int().min(1).max(100).default(20).describe('Maximum number of settings to return (1-100, default 20)'),
    after: z.string().min(1).optional().describe("Cursor from a previous call's 'after' field: the next page"),
    before: z.string().min(1).optional().describe("Cursor from a previous call's 'before' field: the previous page"),
    total: z.boolean().default(false).describe('Also return the total number of matching settings'),
  }),
  async run(args, ctx) {
    const res = await ctx.pd.request<Json>({
      method: 'GET',
      path: '/alert_grouping_settings',
      query: { service_ids: args.service_ids, limit: args.limit, after: args.after, before: args.before, total: args.total || undefined },
      signal: ctx.signal,
    });
    const items = ((res.data.alert_grouping_settings ?? []) as Json[]).map(shapeSetting);
    return capSize(clean({ alert_grouping_settings: items, count: items.length, after: res.data.after, before: res.data.before, total: res.data.total }));
  },
});

const getAlertGroupingSetting = defineTool({
  name: 'get_alert_grouping_setting',
  title: 'Get an alert grouping setting',
  description: 'Get one alert grouping setting by ID: its name, type, configuration and the services it applies to.',
  area: AREA,
  toolClass: 'read',
  input: z.object({ setting_id: idArg('The ID of the alert grouping setting') }),
  async run(args, ctx) {
    const res = await ctx.pd.request<Json>({ method: 'GET', path: `/alert_grouping_settings/${encodeURIComponent(args.setting_id)}`, signal: ctx.signal });
    return shapeSetting(res.data.alert_grouping_setting);
  },
});

const createAlertGroupingSetting = defineTool({
  name: 'create_alert_grouping_setting',
  title: 'Create an alert grouping setting',
  description:
    'Create an alert grouping setting for one or more services. Types: ' +
    "'time' (config.timeout minutes), 'content_based' / 'content_based_intelligent' (config.aggregate 'all'|'any', config.fields, config.time_window seconds), " +
    "'intelligent' (config.time_window). A service can have only one setting, and a 'content_based_intelligent' setting exactly one service. " +
    'Returns the created setting with its new id.',
  area: AREA,
  toolClass: 'write',
  annotations: { destructiveHint: false, idempotentHint: false },
  input: z
    .object({
      name: z.string().trim().min(1).max(255).optional().describe('A name for the setting'),
      description: z.string().max(1024).optional(),
      type: GroupingType.describe('How alerts are grouped'),
      config: GroupingConfig.default({}),
      service_ids: z.array(z.string().min(1)).min(1, 'Give at least one service id').max(100).describe('Services the setting applies to'),
    })
    .superRefine((v, ctx) => checkConfig(v.type, v.config, ctx)),
  async run(args, ctx) {
    const res = await ctx.pd.request<Json>({ method: 'POST', path: '/alert_grouping_settings', body: requestBody(args), signal: ctx.signal });
    return shapeSetting(res.data.alert_grouping_setting);
  },
});

const updateAlertGroupingSetting = defineTool({
  name: 'update_alert_grouping_setting',
  title: 'Update an alert grouping setting',
  description:
    'Update an alert grouping setting: change its name, description, type, config or the services it applies to. ' +
    'Only the fields you pass change; when you change type, pass the config that type needs. service_ids replaces the whole service list. ' +
    'Returns the updated setting.',
  area: AREA,
  toolClass: 'write',
  annotations: { destructiveHint: true, idempotentHint: true },
  input: z
    .object({
      setting_id: idArg('The ID of the alert grouping setting'),
      name: z.string().trim().min(1).max(255).optional(),
      description: z.string().max(1024).optional(),
      type: GroupingType.optional(),
      config: GroupingConfig.optional(),
      service_ids: z.array(z.string().min(1)).min(1, 'Give at least one service id').max(100).optional().describe('Replaces the services the setting applies to'),
    })
    .superRefine((v, ctx) => {
      if (v.name === undefined && v.description === undefined && v.type === undefined && v.config === undefined && v.service_ids === undefined) {
        ctx.addIssue({ code: 'custom', path: [], message: 'Nothing to update: pass at least one of name, description, type, config, service_ids' });
      }
      if (v.type) checkConfig(v.type, v.config, ctx);
    }),
  async run(args, ctx) {
    const res = await ctx.pd.request<Json>({
      method: 'PUT',
      path: `/alert_grouping_settings/${encodeURIComponent(args.setting_id)}`,
      body: requestBody(args),
      signal: ctx.signal,
    });
    return shapeSetting(res.data.alert_grouping_setting);
  },
});

const deleteAlertGroupingSetting = defineTool({
  name: 'delete_alert_grouping_setting',
  title: 'Delete an alert grouping setting',
  description: 'Delete an alert grouping setting. Its services go back to no grouping (one incident per alert). Cannot be undone.',
  area: AREA,
  toolClass: 'write',
  annotations: { destructiveHint: true, idempotentHint: true },
  input: z.object({ setting_id: idArg('The ID of the alert grouping setting') }),
  async run(args, ctx) {
    await ctx.pd.request({ method: 'DELETE', path: `/alert_grouping_settings/${encodeURIComponent(args.setting_id)}`, signal: ctx.signal });
    return { deleted: true, setting_id: args.setting_id };
  },
});

export const alertGroupingTools: ToolDefinition<any>[] = [
  listAlertGroupingSettings,
  getAlertGroupingSetting,
  createAlertGroupingSetting,
  updateAlertGroupingSetting,
  deleteAlertGroupingSetting,
];
