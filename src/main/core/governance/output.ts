// Step 10 of the call path: what a tool's output becomes on the wire. One place, so the rules for
// what an AI receives (size cap, structure, fencing of PagerDuty's free text) are read and tested together.
import type { CallToolResult } from '@modelcontextprotocol/server';
import type { ToolDefinition } from '../catalog';

/** Shaped output beyond this is cut: a model cannot use megabytes, and clients choke on them. */
export const MAX_OUTPUT_CHARS = 100_000;

export function shapeResult(_tool: ToolDefinition<any>, output: unknown, max: number = MAX_OUTPUT_CHARS): CallToolResult {
  return { content: [{ type: 'text', text: shapeText(output, max) }] };
}

function shapeText(output: unknown, max: number): string {
  const body = typeof output === 'string' ? output : JSON.stringify(output ?? null, null, 1);
  if (body.length <= max) return body;
  return `${body.slice(0, max)}\n…[output cut at ${max} of ${body.length} characters; narrow the query (filters, limit) to see the rest]`;
}
