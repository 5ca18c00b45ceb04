import type { ToolDefinition } from '../types';

export const logEntriesTools: ToolDefinition<any>[] = [];
