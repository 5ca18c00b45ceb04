import type { ToolDefinition } from '../types';

export const teamsTools: ToolDefinition<any>[] = [];
