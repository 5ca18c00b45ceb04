import type { ToolDefinition } from '../types';

export const oncallsTools: ToolDefinition<any>[] = [];
