import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { ToolAnnotations, ToolDefinition } from './types';

const READ_ANNOTATIONS: ToolAnnotations = { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true };
const WRITE_ANNOTATIONS: ToolAnnotations = { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: true };

type ToolSpec<I extends z.ZodObject> = Omit<ToolDefinition<I>, 'annotations'> & { annotations?: Partial<ToolAnnotations> };

/** One catalog entry; annotations default from the read/write class (PagerDuty is always open-world). */
export function defineTool<I extends z.ZodObject>(spec: ToolSpec<I>): ToolDefinition<I> {
  const base = spec.toolClass === 'read' ? READ_ANNOTATIONS : WRITE_ANNOTATIONS;
  return { ...spec, annotations: { ...base, ...spec.annotations } };
}

/** JSON Schema of a tool's input, as clients see it. */
export function inputJsonSchema(tool: ToolDefinition): Record<string, unknown> {
  return z.toJSONSchema(tool.input, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * The definition hash governance keys approvals on: name + description + input schema + class. Anything
 * an AI or a person relies on to judge the tool is in it, so a change sends the tool back to review.
 */
export function definitionHash(tool: ToolDefinition): string {
  const material = canonical({
    name: tool.name,
    description: tool.description,
    input: inputJsonSchema(tool),
    toolClass: tool.toolClass,
    annotations: tool.annotations,
  });
  return createHash('sha256').update(material).digest('hex');
}
