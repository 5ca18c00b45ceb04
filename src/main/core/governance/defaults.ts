// The built-in toolsets and access profiles a first run starts with, so a new client can be bound to
// something sensible at once. They are ordinary records afterwards: editable, deletable, never revived.
import type { AccessProfile, Toolset } from '../../../shared/model';
import type { ToolDefinition } from '../catalog';

/** What an on-call responder changes during an incident; everything else that writes stays out. */
export const RESPONDER_WRITE_TOOLS = new Set([
  'manage_incidents',
  'add_note_to_incident',
  'add_responders',
  'create_incident',
  'start_incident_workflow',
  'create_schedule_override',
]);

interface BuiltInToolset {
  id: string;
  name: string;
  includes(tool: ToolDefinition<any>): boolean;
}

export const BUILT_IN_TOOLSETS: readonly BuiltInToolset[] = [
  { id: 'ts_read_only', name: 'Read-only', includes: (t) => t.toolClass === 'read' },
  { id: 'ts_responder', name: 'Responder', includes: (t) => t.toolClass === 'read' || RESPONDER_WRITE_TOOLS.has(t.name) },
  { id: 'ts_all', name: 'All tools', includes: () => true },
];

export const BUILT_IN_PROFILES: readonly AccessProfile[] = [
  { id: 'pr_read_only', name: 'Read-only', toolsetIds: ['ts_read_only'], builtIn: true },
  { id: 'pr_responder', name: 'Responder', toolsetIds: ['ts_responder'], builtIn: true },
  { id: 'pr_everything', name: 'Everything', toolsetIds: ['ts_all'], builtIn: true },
];

export function builtInToolsets(catalog: readonly ToolDefinition<any>[]): Toolset[] {
  return BUILT_IN_TOOLSETS.map((b) => ({
    id: b.id,
    name: b.name,
    tools: catalog.filter((t) => b.includes(t)).map((t) => t.name).sort(),
    builtIn: true,
  }));
}

/** A tool seen for the first time joins the built-in toolsets whose rule it fits (if they still exist). */
export function adoptNewTools(toolsets: Toolset[], catalog: readonly ToolDefinition<any>[], added: string[]): Toolset[] {
  if (added.length === 0) return toolsets;
  const byName = new Map(catalog.map((t) => [t.name, t]));
  return toolsets.map((set) => {
    const rule = set.builtIn ? BUILT_IN_TOOLSETS.find((b) => b.id === set.id) : undefined;
    if (!rule) return set;
    const joining = added.filter((name) => !set.tools.includes(name) && rule.includes(byName.get(name)!));
    return joining.length ? { ...set, tools: [...set.tools, ...joining].sort() } : set;
  });
}
