import type { ToolDefinition } from '../types';

export const prioritiesTools: ToolDefinition<any>[] = [];
