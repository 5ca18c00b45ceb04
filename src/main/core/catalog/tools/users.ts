import type { ToolDefinition } from '../types';

export const usersTools: ToolDefinition<any>[] = [];
