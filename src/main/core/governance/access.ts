// The access decision: may this client see (and call) this tool? Approved (or ask each time) AND in a
// toolset of the client's profile — anything else is hidden, and a hidden tool answers like one that
// does not exist.
import type { AccessProfile } from '../../../shared/model';
import type { ToolDefinition } from '../catalog';
import type { ClientRecord } from '../settings';
import { byToolName, type GovernanceContext } from './records';

export type ToolAccess =
  /** No such tool (client set when the caller is a live client, so the probe can be audited), or no live client. */
  | { kind: 'unknown'; client: ClientRecord | null; profile: AccessProfile | null }
  | { kind: 'hidden'; tool: ToolDefinition<any>; decision: 'not_approved' | 'not_in_profile'; client: ClientRecord; profile: AccessProfile | null }
  | { kind: 'visible'; tool: ToolDefinition<any>; state: 'approved' | 'ask_each_time'; client: ClientRecord; profile: AccessProfile };

export interface Access {
  access(clientId: string, toolName: string): ToolAccess;
  /** Exactly the tools this client may see, in a deterministic (alphabetical) order. */
  visibleTools(clientId: string): ToolDefinition<any>[];
}

export function createAccess(ctx: GovernanceContext): Access {
  const access = (clientId: string, toolName: string): ToolAccess => {
    const g = ctx.gov();
    const client = g.clients.find((c) => c.id === clientId && !c.revoked) ?? null;
    const profile = client ? (g.profiles.find((p) => p.id === client.profileId) ?? null) : null;
    const tool = ctx.byName.get(toolName);
    if (!tool || !client) return { kind: 'unknown', client, profile };
    const inProfile = profile !== null && g.toolsets.some((s) => profile.toolsetIds.includes(s.id) && s.tools.includes(toolName));
    if (!inProfile) return { kind: 'hidden', tool, decision: 'not_in_profile', client, profile };
    const state = g.tools[toolName]?.state;
    if (state === 'approved' || state === 'ask_each_time') return { kind: 'visible', tool, state, client, profile: profile! };
    return { kind: 'hidden', tool, decision: 'not_approved', client, profile };
  };
  return {
    access,
    visibleTools: (clientId) => [...ctx.catalog].filter((t) => access(clientId, t.name).kind === 'visible').sort(byToolName),
  };
}
