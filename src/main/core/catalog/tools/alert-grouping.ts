import type { ToolDefinition } from '../types';

export const alertGroupingTools: ToolDefinition<any>[] = [];
