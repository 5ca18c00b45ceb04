// Discovery: brings the stored approval records in line with the catalog. A new tool gets its first
// state from the default classification; a tool whose definition changed after it was approved (or set
// to ask) goes back to pending review, remembering what it looked like, so nobody keeps approving a
// tool they never saw.
import { createHash } from 'node:crypto';
import type { ApprovalState, DefaultClassification } from '../../../shared/model';
import { definitionHash, inputJsonSchema, type ToolDefinition } from '../catalog';
import type { ToolRecord } from '../settings';

export interface DiscoveredTool {
  tool: ToolDefinition<any>;
  hash: string;
  inputSchema: Record<string, unknown>;
  /** Short fingerprint of the input schema, kept in snapshots instead of the whole schema. */
  inputHash: string;
}

const cache = new WeakMap<ToolDefinition<any>, DiscoveredTool>();

export function discovered(tool: ToolDefinition<any>): DiscoveredTool {
  let hit = cache.get(tool);
  if (!hit) {
    const inputSchema = inputJsonSchema(tool);
    hit = {
      tool,
      // Converting 103 schemas is most of start-up's work: do it once per tool.
      hash: definitionHash(tool, inputSchema),
      inputSchema,
      inputHash: createHash('sha256').update(JSON.stringify(inputSchema)).digest('hex').slice(0, 16),
    };
    cache.set(tool, hit);
  }
  return hit;
}

export function firstState(toolClass: 'read' | 'write', classification: DefaultClassification): ApprovalState {
  if (classification === 'all_approved') return 'approved';
  if (classification === 'all_pending') return 'pending_review';
  return toolClass === 'read' ? 'approved' : 'pending_review';
}

export function snapshotOf(d: DiscoveredTool): { description: string; inputSchema: string } {
  return { description: d.tool.description, inputSchema: d.inputHash };
}

/** The record after an explicit decision (app or CLI): it now stands for the current definition. */
export function decidedRecord(d: DiscoveredTool, state: ApprovalState): ToolRecord {
  return { state, decidedHash: d.hash, changedFrom: null, decidedSnapshot: snapshotOf(d) };
}

/**
 * Reconciles records with the catalog. Returns the names of tools seen for the first time (built-in
 * toolsets adopt those) and whether anything changed at all.
 */
export function reconcile(
  catalog: readonly ToolDefinition<any>[],
  records: Record<string, ToolRecord>,
  classification: DefaultClassification,
): { records: Record<string, ToolRecord>; added: string[]; changed: boolean } {
  const out: Record<string, ToolRecord> = { ...records };
  const added: string[] = [];
  let changed = false;
  for (const tool of catalog) {
    const d = discovered(tool);
    const record = out[tool.name];
    if (!record) {
      out[tool.name] = decidedRecord(d, firstState(tool.toolClass, classification));
      added.push(tool.name);
      changed = true;
      continue;
    }
    if (record.decidedHash === d.hash) continue;
    changed = true;
    if (record.state === 'approved' || record.state === 'ask_each_time') {
      out[tool.name] = {
        state: 'pending_review',
        decidedHash: d.hash,
        changedFrom: {
          hash: record.decidedHash ?? '',
          description: record.decidedSnapshot?.description ?? '',
          inputSchema: record.decidedSnapshot?.inputSchema ?? '',
        },
        decidedSnapshot: record.decidedSnapshot,
      };
    } else {
      // Pending stays pending (keeping any earlier change note); a denial stands for the new definition too.
      out[tool.name] = { ...record, decidedHash: d.hash };
    }
  }
  return { records: out, added, changed };
}

/** "description changed", "input schema changed", … for the Tools table. */
export function changeHint(d: DiscoveredTool, record: ToolRecord | undefined): string | null {
  const from = record?.changedFrom;
  if (!from) return null;
  const parts: string[] = [];
  if (from.description && from.description !== d.tool.description) parts.push('description changed');
  if (from.inputSchema && from.inputSchema !== d.inputHash) parts.push('input schema changed');
  if (parts.length === 0) parts.push('definition changed');
  return `${parts.join(', ')} since it was approved`;
}

/** The JSON Schema clients see for a tool (computed once per definition). */
export function toolInputSchema(tool: ToolDefinition<any>): Record<string, unknown> {
  return discovered(tool).inputSchema;
}
