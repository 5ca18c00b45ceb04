import type { ToolDefinition } from '../types';

export const teamsAdminTools: ToolDefinition<any>[] = [];
