// What a client sees of one tool in tools/list, in any protocol era. The gateway maps catalog entries
// through this and nothing else, so what is listed is exactly what governance hashed and the person saw.
import type { ToolDefinition } from '../catalog';
import { toolInputSchema } from './discovery';

export interface ToolListEntry {
  name: string;
  title: string;
  description: string;
  inputSchema: Record<string, unknown>;
  outputSchema?: Record<string, unknown>;
  annotations: Record<string, unknown>;
}

export function toolListEntry(tool: ToolDefinition<any>): ToolListEntry {
  return {
    name: tool.name,
    title: tool.title,
    description: tool.description,
    inputSchema: toolInputSchema(tool),
    annotations: { title: tool.title, ...tool.annotations },
  };
}
