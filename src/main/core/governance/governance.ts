// Governance state and its rules: approval states, toolsets, access profiles, clients, argument rules
// and the access decision, one module per noun. Everything lives in the settings file and changes only
// through these functions — the app (contract handlers) and the CLI share this one implementation; MCP
// clients can never reach it.
import type { ToolDefinition } from '../catalog';
import type { SettingsStore } from '../settings';
import { createAccess, type Access } from './access';
import { createArgumentRules, type ArgumentRules } from './argument-rules';
import { createClients, type Clients } from './clients';
import { createProfiles, type Profiles } from './profiles';
import { governanceContext } from './records';
import { createToolStates, type ToolStates } from './tool-states';
import { createToolsets, type Toolsets } from './toolsets';

export type { ToolAccess } from './access';
export type { RuleVerdict } from './argument-rules';

export interface Governance extends ToolStates, Toolsets, Profiles, Clients, Omit<ArgumentRules, 'addDefaultRules'>, Access {
  readonly catalog: readonly ToolDefinition<any>[];
}

export function createGovernance(options: { settings: SettingsStore; catalog: readonly ToolDefinition<any>[]; now?: () => Date }): Governance {
  const ctx = governanceContext(options);
  const toolStates = createToolStates(ctx);
  const { addDefaultRules, ...rules } = createArgumentRules(ctx);
  return {
    catalog: ctx.catalog,
    ...toolStates,
    discover() {
      toolStates.discover();
      addDefaultRules();
    },
    ...createToolsets(ctx),
    ...createProfiles(ctx),
    ...createClients(ctx),
    ...rules,
    ...createAccess(ctx),
  };
}
