import type { ToolDefinition } from '../types';

export const eventOrchestrationsTools: ToolDefinition<any>[] = [];
