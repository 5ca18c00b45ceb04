import { z } from 'zod';
import { defineTool, idArg, limitArg } from '../define';
import { capSize, clean, listResult, pick, ref, type Json } from '../shape';
import type { ToolDefinition } from '../types';
import { dependencySummary } from './services';

export const businessServicesTools: ToolDefinition<any>[] = [
  defineTool({
    name: 'list_business_services',
    title: 'List business services',
    area: 'business_services',
    toolClass: 'read',
    description:
      'List the account\'s business services (customer-facing capabilities such as "Checkout" that depend on technical services): ' +
      'id, name, description, point of contact, owning team and link.',
    input: z.object({ limit: limitArg('business services') }),
    async run(args, ctx) {
      const res = await ctx.pd.list<Json>('/business_services', 'business_services', {}, { cap: args.limit, signal: ctx.signal });
      const items = res.items.map((b) => clean({ ...pick(b, ['id', 'name', 'description', 'point_of_contact']), team: ref(b.team), html_url: b.html_url }));
      return capSize(listResult('business_services', items, res));
    },
  }),
  defineTool({
    name: 'get_business_service_dependencies',
    title: 'Get business service dependencies',
    area: 'business_services',
    toolClass: 'read',
    description:
      'Get the dependency relationships of a business service: the technical (and business) services it depends on and any that depend on it. ' +
      'Use it to see which technical failures affect a customer-facing capability.',
    input: z.object({ business_service_id: idArg('The business service id.') }),
    async run(args, ctx) {
      const res = await ctx.pd.request<{ relationships: Json[] }>({
        method: 'GET',
        path: `/service_dependencies/business_services/${encodeURIComponent(args.business_service_id)}`,
        signal: ctx.signal,
      });
      return capSize(listResult('relationships', (res.data.relationships ?? []).map(dependencySummary), { more: false }));
    },
  }),
];
