// User writes: create a user (the read tools live in users.ts).
import { z } from 'zod';
import { defineTool } from '../define';
import { userSummary } from '../shape';
import type { ToolDefinition } from '../types';

const createUser = defineTool({
  name: 'create_user',
  title: 'Create user',
  description:
    'Create a new PagerDuty user account (no invitation email is sent). Give the full name and email; role defaults to ' +
    "'user' and time_zone to UTC. The email must not belong to an existing user. Adds a paid seat on most plans. Returns the created user.",
  area: 'users',
  toolClass: 'write',
  annotations: { destructiveHint: false, idempotentHint: false },
  input: z.object({
    request: z.object({
      name: z.string().trim().min(1).max(100).describe('Full name'),
      email: z.email().describe('Email address (the login; must be unique)'),
      role: z
        .enum(['admin', 'limited_user', 'observer', 'owner', 'read_only_user', 'restricted_access', 'read_only_limited_user', 'user'])
        .default('user')
        .describe("Base role (default 'user')"),
      time_zone: z.string().min(1).default('UTC').describe("IANA time zone, e.g. America/New_York (default 'UTC')"),
      job_title: z.string().max(100).optional().describe('Job title'),
    }),
  }),
  async run({ request }, ctx) {
    const res = await ctx.pd.request<{ user: unknown }>({
      method: 'POST',
      path: '/users',
      body: { user: { type: 'user', ...request } },
      signal: ctx.signal,
    });
    return userSummary(res.data?.user);
  },
});

export const usersAdminTools: ToolDefinition<any>[] = [createUser];
