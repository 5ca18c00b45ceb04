import type { ToolDefinition } from '../types';

export const usersAdminTools: ToolDefinition<any>[] = [];
