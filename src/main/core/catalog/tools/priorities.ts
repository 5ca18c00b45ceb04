import { z } from 'zod';
import { defineTool } from '../define';
import { capSize, listResult, pick, type Json } from '../shape';
import type { ToolDefinition } from '../types';

export const prioritiesTools: ToolDefinition<any>[] = [
  defineTool({
    name: 'list_priorities',
    title: 'List priorities',
    area: 'priorities',
    toolClass: 'read',
    description:
      'List the incident priorities configured on the account (e.g. P1-P5), ordered from most to least severe, with id, name and description. ' +
      'Use the ids or names when creating or filtering incidents. Priorities exist only on plans that have them.',
    input: z.object({}),
    async run(_args, ctx) {
      const res = await ctx.pd.list<Json>('/priorities', 'priorities', {}, { cap: 100, signal: ctx.signal });
      return capSize(listResult('priorities', res.items.map((p) => pick(p, ['id', 'name', 'description'])), res));
    },
  }),
];
