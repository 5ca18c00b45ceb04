import type { ToolDefinition } from '../types';

export const escalationPoliciesTools: ToolDefinition<any>[] = [];
