// Escalation policy writes: create and update (the read tools live in escalation-policies.ts).
import { z } from 'zod';
import { defineTool } from '../define';
import { clean, refs } from '../shape';
import type { ToolDefinition } from '../types';

const AREA = 'escalation_policies';

const Target = z.object({
  id: z.string().trim().min(1).describe('The ID of the user or schedule'),
  type: z.enum(['user_reference', 'schedule_reference']).describe('user_reference or schedule_reference'),
});

const Rule = z.object({
  escalation_delay_in_minutes: z.number().int().min(1).max(1440).describe('Minutes before an unacknowledged incident escalates past this rule'),
  targets: z.array(Target).min(1).max(10).describe('Who is notified at this level: users and/or schedules'),
  escalation_rule_assignment_strategy: z
    .enum(['round_robin', 'assign_to_everyone'])
    .optional()
    .describe('assign_to_everyone (default) or round_robin among the targets'),
});

const fields = {
  name: z.string().trim().min(1).max(255).describe('Policy name (unique in the account)'),
  description: z.string().max(1024).optional().describe('What the policy is for'),
  num_loops: z.number().int().min(0).max(9).optional().describe('How many times to repeat the rules after the last one (0–9)'),
  on_call_handoff_notifications: z.enum(['if_has_services', 'always']).optional().describe('When on-call handoff notifications are sent'),
  escalation_rules: z.array(Rule).min(1).max(10).describe('Ordered escalation levels (first is notified first)'),
  teams: z.array(z.object({ id: z.string().trim().min(1) })).max(100).optional().describe('Teams that own the policy: [{id}]'),
};

/** The compact form of an escalation policy. */
export function escalationPolicySummary(p: any): Record<string, unknown> {
  return clean({
    id: p?.id,
    name: p?.name ?? p?.summary,
    description: p?.description,
    num_loops: p?.num_loops,
    on_call_handoff_notifications: p?.on_call_handoff_notifications,
    escalation_rules: Array.isArray(p?.escalation_rules)
      ? p.escalation_rules.map((r: any, i: number) =>
          clean({
            level: i + 1,
            id: r?.id,
            escalation_delay_in_minutes: r?.escalation_delay_in_minutes,
            targets: refs(r?.targets, { keepType: true }),
            escalation_rule_assignment_strategy: r?.escalation_rule_assignment_strategy?.type ?? r?.escalation_rule_assignment_strategy,
          }),
        )
      : undefined,
    services: refs(p?.services),
    teams: refs(p?.teams),
    html_url: p?.html_url,
  });
}

function policyBody(d: Partial<z.output<z.ZodObject<typeof fields>>>) {
  return clean({
    type: 'escalation_policy',
    name: d.name,
    description: d.description,
    num_loops: d.num_loops,
    on_call_handoff_notifications: d.on_call_handoff_notifications,
    escalation_rules: d.escalation_rules?.map((r) =>
      clean({
        escalation_delay_in_minutes: r.escalation_delay_in_minutes,
        targets: r.targets.map((t) => ({ id: t.id, type: t.type })),
        escalation_rule_assignment_strategy: r.escalation_rule_assignment_strategy ? { type: r.escalation_rule_assignment_strategy } : undefined,
      }),
    ),
    teams: d.teams?.map((t) => ({ id: t.id, type: 'team_reference' })),
  });
}

const createPolicy = defineTool({
  name: 'create_escalation_policy',
  title: 'Create escalation policy',
  description:
    'Create a PagerDuty escalation policy: a name and ordered escalation rules, each with a delay in minutes and targets ' +
    '(users via user_reference, on-call schedules via schedule_reference). Optionally num_loops, teams, description. ' +
    'Returns the created policy with its rules.',
  area: AREA,
  toolClass: 'write',
  annotations: { destructiveHint: false, idempotentHint: false },
  input: z.object({ escalation_policy_data: z.object(fields).describe('The new escalation policy') }),
  async run({ escalation_policy_data }, ctx) {
    const res = await ctx.pd.request<{ escalation_policy: unknown }>({
      method: 'POST',
      path: '/escalation_policies',
      body: { escalation_policy: policyBody(escalation_policy_data) },
      signal: ctx.signal,
    });
    return escalationPolicySummary(res.data?.escalation_policy);
  },
});

const updatePolicy = defineTool({
  name: 'update_escalation_policy',
  title: 'Update escalation policy',
  description:
    'Update an existing escalation policy. Only the fields you give change; escalation_rules, when given, replaces ALL ' +
    'rules (read the policy with get_escalation_policy first and send the full new list). Changes who gets paged for ' +
    'every service using the policy. Returns the updated policy.',
  area: AREA,
  toolClass: 'write',
  annotations: { destructiveHint: true, idempotentHint: true },
  input: z.object({
    policy_id: z.string().trim().min(1).describe('The ID of the escalation policy to update'),
    escalation_policy_data: z
      .object({
        name: fields.name.optional(),
        description: fields.description,
        num_loops: fields.num_loops,
        on_call_handoff_notifications: fields.on_call_handoff_notifications,
        escalation_rules: fields.escalation_rules.optional().describe('Replaces all escalation rules, in order'),
        teams: fields.teams.describe('Replaces the owning teams: [{id}]'),
      })
      .refine((d) => Object.values(d).some((v) => v !== undefined), { message: 'Give at least one field to change' }),
  }),
  async run({ policy_id, escalation_policy_data }, ctx) {
    const res = await ctx.pd.request<{ escalation_policy: unknown }>({
      method: 'PUT',
      path: `/escalation_policies/${encodeURIComponent(policy_id)}`,
      body: { escalation_policy: policyBody(escalation_policy_data) },
      signal: ctx.signal,
    });
    return escalationPolicySummary(res.data?.escalation_policy);
  },
});

export const escalationPoliciesAdminTools: ToolDefinition<any>[] = [createPolicy, updatePolicy];
