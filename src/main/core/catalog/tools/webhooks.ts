import type { ToolDefinition } from '../types';

export const webhooksTools: ToolDefinition<any>[] = [];
