import { z } from 'zod';
import { defineTool, idArg, limitArg, ToolError } from '../define';
import { capSize, clean, listResult, pick, ref, refs, type Json } from '../shape';
import type { ToolDefinition } from '../types';
import { currentUser } from './users';

const teamSummary = (t: unknown): Json => clean(pick(t, ['id', 'name', 'description', 'html_url']));

export const teamsTools: ToolDefinition<any>[] = [
  defineTool({
    name: 'list_teams',
    title: 'List teams',
    area: 'teams',
    toolClass: 'read',
    description:
      'List PagerDuty teams, optionally by name search. scope "my" lists only the teams of the connected user (needs OAuth or a user-level key). ' +
      'Returns id, name, description and link; "more": true when more match than limit.',
    input: z.object({
      scope: z.enum(['all', 'my']).default('all').describe('all teams, or only my teams.'),
      query: z.string().trim().min(1).max(200).optional().describe('Match teams whose name contains this text.'),
      limit: limitArg('teams'),
    }),
    async run(args, ctx) {
      if (args.scope === 'my') {
        const me = await currentUser(ctx);
        let mine = refs(me.teams);
        if (args.query) mine = mine.filter((t) => String(t.summary ?? '').toLowerCase().includes(args.query!.toLowerCase()));
        if (mine.length === 0 && !args.query) {
          throw new ToolError('You are on no PagerDuty team. Use scope "all" to see every team.');
        }
        const shown = mine.slice(0, args.limit).map((t) => clean({ id: t.id, name: t.summary, html_url: t.html_url }));
        return capSize(listResult('teams', shown, { more: mine.length > shown.length }));
      }
      const res = await ctx.pd.list<Json>('/teams', 'teams', { query: args.query }, { cap: args.limit, signal: ctx.signal });
      return capSize(listResult('teams', res.items.map(teamSummary), res));
    },
  }),
  defineTool({
    name: 'get_team',
    title: 'Get a team',
    area: 'teams',
    toolClass: 'read',
    description: 'Get one PagerDuty team by id: name, description, parent team, default role and link. Use list_team_members for its people.',
    input: z.object({ team_id: idArg('The team id.') }),
    async run(args, ctx) {
      const res = await ctx.pd.request<{ team: Json }>({ method: 'GET', path: `/teams/${encodeURIComponent(args.team_id)}`, signal: ctx.signal });
      const team = res.data.team;
      return clean({ ...teamSummary(team), parent: ref(team?.parent), default_role: team?.default_role });
    },
  }),
  defineTool({
    name: 'list_team_members',
    title: 'List team members',
    area: 'teams',
    toolClass: 'read',
    description: 'List the members of a team with each user\'s id, name and team role (e.g. manager, responder, observer).',
    input: z.object({ team_id: idArg('The team id.'), limit: z.number().int().min(1).max(100).default(100).describe('Maximum members to return (1-100, default 100).') }),
    async run(args, ctx) {
      const res = await ctx.pd.list<Json>(`/teams/${encodeURIComponent(args.team_id)}/members`, 'members', {}, { cap: args.limit, signal: ctx.signal });
      const members = res.items.map((m) => clean({ user: ref(m.user), role: m.role }));
      return capSize(listResult('members', members, res));
    },
  }),
];
