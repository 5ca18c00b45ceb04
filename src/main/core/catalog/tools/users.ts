import { z } from 'zod';
import { PagerDutyError } from '../../pagerduty/types';
import { defineTool, idListArg, limitArg, ToolError } from '../define';
import { capSize, listResult, userSummary, type Json } from '../shape';
import type { ToolContext, ToolDefinition } from '../types';

const NEEDS_USER =
  'This action needs to know which PagerDuty user you are, and the connection uses an account-level API key, which belongs to no user. ' +
  'Connect with OAuth, or use a user-level API key, in the PagerDuty MCP tray app.';

/**
 * The connected user (`/users/me`). Account-level keys have no user: PagerDuty answers 400, which we turn
 * into advice the person can act on.
 */
export async function currentUser(ctx: ToolContext): Promise<Json> {
  try {
    const res = await ctx.pd.request<{ user: Json }>({ method: 'GET', path: '/users/me', signal: ctx.signal });
    return res.data.user;
  } catch (err) {
    if (err instanceof PagerDutyError && err.status === 400) throw new ToolError(NEEDS_USER);
    throw err;
  }
}

/** The connected user's id, without a call when the connection already knows it. */
export async function currentUserId(ctx: ToolContext): Promise<string> {
  if (ctx.userId) return ctx.userId;
  return String((await currentUser(ctx)).id);
}

export const usersTools: ToolDefinition<any>[] = [
  defineTool({
    name: 'get_user_data',
    title: 'Get my PagerDuty user',
    area: 'users',
    toolClass: 'read',
    description:
      'Get the PagerDuty user this connection acts as (/users/me): id, name, email, role, time zone and teams. ' +
      'Use it to learn "who am I" before filtering incidents or on-calls by the current user. ' +
      'Fails with an explanation when the connection uses an account-level API key, which belongs to no user.',
    input: z.object({}),
    async run(_args, ctx) {
      return userSummary(await currentUser(ctx));
    },
  }),
  defineTool({
    name: 'list_users',
    title: 'List users',
    area: 'users',
    toolClass: 'read',
    description:
      'List users in the PagerDuty account, optionally filtered by a name/email search (query) and by team ids. ' +
      'Returns id, name, email, role, job title, time zone and teams for each user; says "more": true when ' +
      'more users match than the limit.',
    input: z.object({
      query: z.string().trim().min(1).max(200).optional().describe('Match users whose name or email contains this text.'),
      team_ids: idListArg('Only users on these teams (team ids from list_teams).').optional(),
      limit: limitArg('users'),
    }),
    async run(args, ctx) {
      const res = await ctx.pd.list<Json>('/users', 'users', { query: args.query, 'team_ids': args.team_ids, 'include': ['teams'] }, { cap: args.limit, signal: ctx.signal });
      return capSize(listResult('users', res.items.map(userSummary), res));
    },
  }),
];
