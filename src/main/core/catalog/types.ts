// A tool is data: this is the shape of one catalog entry. The MCP server, governance (definition hash),
// the UI's tools table and the parity table all read the same entries.
import type { z } from 'zod';
import type { ToolClass } from '../../../shared/model';
import type { PagerDutyApi } from '../pagerduty/types';

export interface ToolAnnotations {
  readOnlyHint: boolean;
  destructiveHint: boolean;
  idempotentHint: boolean;
  openWorldHint: boolean;
}

export interface ToolContext {
  pd: PagerDutyApi;
  signal: AbortSignal;
  /** The connected user's PagerDuty id where known (OAuth, user-level key); null for account keys. */
  userId: string | null;
  /** The email used as `From` on writes. */
  fromEmail: string | null;
}

export interface ToolDefinition<I extends z.ZodObject = z.ZodObject> {
  /** Same name as PagerDuty's official MCP server. */
  name: string;
  title: string;
  /** Written for an AI: what it does, when to use it, what it returns. */
  description: string;
  /** Catalog area (incidents, services, …), used for grouping and default toolsets. */
  area: string;
  toolClass: ToolClass;
  input: I;
  annotations: ToolAnnotations;
  /** Calls PagerDuty and returns compact, shaped output (never raw multi-megabyte JSON). */
  run(args: z.output<I>, ctx: ToolContext): Promise<unknown>;
}
