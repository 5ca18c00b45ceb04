import type { ToolDefinition } from '../types';

export const servicesAdminTools: ToolDefinition<any>[] = [];
