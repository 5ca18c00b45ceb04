// Service writes: create and update technical services (the read tools live in services.ts).
import { z } from 'zod';
import { defineTool } from '../define';
import { clean, ref, refs } from '../shape';
import type { ToolDefinition } from '../types';

const AREA = 'services';

const refInput = (what: string) => z.object({ id: z.string().trim().min(1).describe(`The ID of the ${what}`) });

/** The compact form of a service an AI needs after a write. */
export function serviceSummary(s: any): Record<string, unknown> {
  return clean({
    id: s?.id,
    name: s?.name ?? s?.summary,
    description: s?.description,
    status: s?.status,
    escalation_policy: ref(s?.escalation_policy),
    teams: refs(s?.teams),
    auto_resolve_timeout: s?.auto_resolve_timeout,
    acknowledgement_timeout: s?.acknowledgement_timeout,
    created_at: s?.created_at,
    html_url: s?.html_url,
  });
}

const fields = {
  name: z.string().trim().min(1).max(255).describe('Service name (unique in the account)'),
  description: z.string().max(1024).optional().describe('What the service is'),
  escalation_policy: refInput('escalation policy').describe('Escalation policy that routes its incidents: {id}'),
  teams: z.array(refInput('team')).max(100).optional().describe('Teams that own the service: [{id}]'),
  auto_resolve_timeout: z.number().int().min(60).nullable().optional().describe('Seconds after which open incidents resolve by themselves; null disables'),
  acknowledgement_timeout: z.number().int().min(60).nullable().optional().describe('Seconds after which an acknowledged incident re-triggers; null disables'),
};

function serviceBody(d: Partial<Record<keyof typeof fields, any>> & { status?: string }) {
  return clean({
    type: 'service',
    name: d.name,
    description: d.description,
    escalation_policy: d.escalation_policy && { id: d.escalation_policy.id, type: 'escalation_policy_reference' },
    teams: d.teams?.map((t: { id: string }) => ({ id: t.id, type: 'team_reference' })),
    status: d.status,
    // null is meaningful here (turns the timeout off), so keep it when given.
    ...(d.auto_resolve_timeout !== undefined ? { auto_resolve_timeout: d.auto_resolve_timeout } : {}),
    ...(d.acknowledgement_timeout !== undefined ? { acknowledgement_timeout: d.acknowledgement_timeout } : {}),
  });
}

const createService = defineTool({
  name: 'create_service',
  title: 'Create service',
  description:
    'Create a new PagerDuty technical service. Requires a name and the escalation policy that will handle its incidents ' +
    '(find one with list_escalation_policies); optionally a description, owning teams and timeouts. Returns the created ' +
    'service (id, name, status, escalation policy, teams, html_url).',
  area: AREA,
  toolClass: 'write',
  annotations: { destructiveHint: false, idempotentHint: false },
  input: z.object({ service_data: z.object(fields).describe('The new service') }),
  async run({ service_data }, ctx) {
    const res = await ctx.pd.request<{ service: unknown }>({ method: 'POST', path: '/services', body: { service: serviceBody(service_data) }, signal: ctx.signal });
    return serviceSummary(res.data?.service);
  },
});

const updateService = defineTool({
  name: 'update_service',
  title: 'Update service',
  description:
    'Update an existing PagerDuty service: name, description, escalation policy, teams, status (active, disabled, ' +
    'maintenance) or timeouts. Only the fields you give change. Disabling a service stops it from creating incidents. ' +
    'Returns the updated service.',
  area: AREA,
  toolClass: 'write',
  annotations: { destructiveHint: true, idempotentHint: true },
  input: z.object({
    service_id: z.string().trim().min(1).describe('The ID of the service to update'),
    service_data: z
      .object({
        name: fields.name.optional(),
        description: fields.description,
        escalation_policy: fields.escalation_policy.optional(),
        teams: fields.teams.describe('Replaces the owning teams: [{id}]'),
        status: z.enum(['active', 'disabled', 'maintenance']).optional().describe('active, disabled (no new incidents) or maintenance'),
        auto_resolve_timeout: fields.auto_resolve_timeout,
        acknowledgement_timeout: fields.acknowledgement_timeout,
      })
      .refine((d) => Object.values(d).some((v) => v !== undefined), { message: 'Give at least one field to change' }),
  }),
  async run({ service_id, service_data }, ctx) {
    const res = await ctx.pd.request<{ service: unknown }>({
      method: 'PUT',
      path: `/services/${encodeURIComponent(service_id)}`,
      body: { service: serviceBody(service_data) },
      signal: ctx.signal,
    });
    return serviceSummary(res.data?.service);
  },
});

export const servicesAdminTools: ToolDefinition<any>[] = [createService, updateService];
