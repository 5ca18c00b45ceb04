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
export function definitionHash(tool: ToolDefinition, inputSchema: Record<string, unknown> = inputJsonSchema(tool)): string {
  const material = canonical({
    name: tool.name,
    description: tool.description,
    input: inputSchema,
    toolClass: tool.toolClass,
    annotations: tool.annotations,
  });
  return createHash('sha256').update(material).digest('hex');
}

/**
 * A tool failure whose message is written for the AI to relay (what went wrong and what the person should
 * do). Thrown before or instead of a PagerDuty call, so nothing changes.
 */
export class ToolError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ToolError';
  }
}

/** `limit` as every list tool takes it: 1–100, default 25 (the client's page cap). */
export function limitArg(what: string, defaultValue = 25) {
  return z
    .number()
    .int()
    .min(1)
    .max(100)
    .default(defaultValue)
    .describe(`Maximum number of ${what} to return (1-100, default ${defaultValue}). The result says "more": true when there are more.`);
}

/** A date-time argument PagerDuty will accept; rejected here with a usable example rather than by the API. */
export function dateTimeArg(description: string) {
  return z
    .string()
    .refine((s) => !Number.isNaN(Date.parse(s)), { message: 'Use an ISO-8601 date-time such as 2025-01-31T09:00:00Z' })
    .describe(description);
}

/** A PagerDuty id: an opaque non-empty string. */
export function idArg(description: string) {
  return z.string().trim().min(1, 'An id is required').max(64).describe(description);
}

/** A list of PagerDuty ids used as a set filter. */
export function idListArg(description: string) {
  return z.array(z.string().trim().min(1).max(64)).max(100).describe(description);
}
