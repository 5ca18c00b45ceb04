import type { ToolDefinition } from '../types';

export const incidentsTools: ToolDefinition<any>[] = [];
