// Team writes: create, update, delete teams and manage their members (the read tools live in teams.ts).
import { z } from 'zod';
import { defineTool } from '../define';
import { clean } from '../shape';
import type { ToolDefinition } from '../types';

const AREA = 'teams';
const teamId = z.string().trim().min(1).describe('The ID of the team');
const seg = encodeURIComponent;

/** The compact form of a team. */
export function teamSummary(t: any): Record<string, unknown> {
  return clean({ id: t?.id, name: t?.name ?? t?.summary, description: t?.description, default_role: t?.default_role, html_url: t?.html_url });
}

const teamFields = {
  name: z.string().trim().min(1).max(100).describe('Team name (unique in the account)'),
  description: z.string().max(1024).optional().describe('What the team does'),
};

const createTeam = defineTool({
  name: 'create_team',
  title: 'Create team',
  description: 'Create a PagerDuty team with a name and optional description. Add people afterwards with add_team_member. Returns the created team.',
  area: AREA,
  toolClass: 'write',
  annotations: { destructiveHint: false, idempotentHint: false },
  input: z.object({ create_model: z.object(teamFields).describe('The new team') }),
  async run({ create_model }, ctx) {
    const res = await ctx.pd.request<{ team: unknown }>({
      method: 'POST',
      path: '/teams',
      body: { team: clean({ type: 'team', name: create_model.name, description: create_model.description }) },
      signal: ctx.signal,
    });
    return teamSummary(res.data?.team);
  },
});

const updateTeam = defineTool({
  name: 'update_team',
  title: 'Update team',
  description: "Rename a PagerDuty team or change its description. Only the fields you give change. Returns the updated team.",
  area: AREA,
  toolClass: 'write',
  annotations: { destructiveHint: true, idempotentHint: true },
  input: z.object({
    team_id: teamId,
    update_model: z
      .object({ name: teamFields.name.optional(), description: teamFields.description })
      .refine((d) => d.name !== undefined || d.description !== undefined, { message: 'Give a name or a description to change' }),
  }),
  async run({ team_id, update_model }, ctx) {
    const res = await ctx.pd.request<{ team: unknown }>({
      method: 'PUT',
      path: `/teams/${seg(team_id)}`,
      body: { team: clean({ type: 'team', name: update_model.name, description: update_model.description }) },
      signal: ctx.signal,
    });
    return teamSummary(res.data?.team);
  },
});

const deleteTeam = defineTool({
  name: 'delete_team',
  title: 'Delete team',
  description:
    'Delete a PagerDuty team. Its members stay users; services, escalation policies and schedules it owned lose the team ' +
    '(or move to reassignment_team_id when given). Cannot be undone. Returns a confirmation.',
  area: AREA,
  toolClass: 'write',
  annotations: { destructiveHint: true, idempotentHint: true },
  input: z.object({
    team_id: teamId,
    reassignment_team_id: z.string().trim().min(1).optional().describe('Optional team that takes over what the deleted team owned'),
  }),
  async run({ team_id, reassignment_team_id }, ctx) {
    await ctx.pd.request({
      method: 'DELETE',
      path: `/teams/${seg(team_id)}`,
      query: reassignment_team_id ? { reassignment_team: reassignment_team_id } : undefined,
      signal: ctx.signal,
    });
    return { deleted: true, team_id, message: `Team ${team_id} deleted.` };
  },
});

const addTeamMember = defineTool({
  name: 'add_team_member',
  title: 'Add team member',
  description:
    'Add a user to a PagerDuty team with a team role: observer (sees the team), responder (takes part in response) or ' +
    'manager (can change the team). Adding an existing member changes their role. Returns a confirmation.',
  area: AREA,
  toolClass: 'write',
  // Not purely additive: adding an existing member overwrites their team role.
  annotations: { destructiveHint: true, idempotentHint: true },
  input: z.object({
    team_id: teamId,
    member_data: z.object({
      user_id: z.string().trim().min(1).describe('The ID of the user to add'),
      role: z.enum(['observer', 'responder', 'manager']).default('responder').describe('Team role (default responder)'),
    }),
  }),
  async run({ team_id, member_data }, ctx) {
    await ctx.pd.request({
      method: 'PUT',
      path: `/teams/${seg(team_id)}/users/${seg(member_data.user_id)}`,
      body: { role: member_data.role },
      signal: ctx.signal,
    });
    return { added: true, team_id, user_id: member_data.user_id, role: member_data.role, message: `User ${member_data.user_id} is on team ${team_id} as ${member_data.role}.` };
  },
});

const removeTeamMember = defineTool({
  name: 'remove_team_member',
  title: 'Remove team member',
  description: 'Remove a user from a PagerDuty team (the user account stays). Returns a confirmation.',
  area: AREA,
  toolClass: 'write',
  annotations: { destructiveHint: true, idempotentHint: true },
  input: z.object({ team_id: teamId, user_id: z.string().trim().min(1).describe('The ID of the user to remove') }),
  async run({ team_id, user_id }, ctx) {
    await ctx.pd.request({ method: 'DELETE', path: `/teams/${seg(team_id)}/users/${seg(user_id)}`, signal: ctx.signal });
    return { removed: true, team_id, user_id, message: `User ${user_id} removed from team ${team_id}.` };
  },
});

export const teamsAdminTools: ToolDefinition<any>[] = [createTeam, updateTeam, deleteTeam, addTeamMember, removeTeamMember];
