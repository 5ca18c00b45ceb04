import type { ToolDefinition } from '../types';

export const businessServicesTools: ToolDefinition<any>[] = [];
