import type { ToolDefinition } from '../types';

export const escalationPoliciesAdminTools: ToolDefinition<any>[] = [];
