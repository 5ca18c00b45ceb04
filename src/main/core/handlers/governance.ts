// Contract handlers for tools, toolsets, access profiles and argument rules: thin wrappers over
// Governance, which holds every rule (the CLI calls the same functions).
import type { Handlers } from '../../../shared/contract';
import type { Governance } from '../governance';

type GovernanceCalls =
  | 'tools.list'
  | 'tools.setState'
  | 'toolsets.list'
  | 'toolsets.create'
  | 'toolsets.update'
  | 'toolsets.delete'
  | 'profiles.list'
  | 'profiles.create'
  | 'profiles.update'
  | 'profiles.delete'
  | 'rules.list'
  | 'rules.create'
  | 'rules.update'
  | 'rules.delete';

export function governanceHandlers(governance: Governance): Pick<Handlers, GovernanceCalls> {
  return {
    'tools.list': async () => governance.toolViews(),
    'tools.setState': async ({ names, state }) => governance.setToolStates(names, state),
    'toolsets.list': async () => governance.toolsets(),
    'toolsets.create': async (args) => governance.createToolset(args),
    'toolsets.update': async (args) => governance.updateToolset(args),
    'toolsets.delete': async ({ id }) => {
      governance.deleteToolset(id);
      return { ok: true as const };
    },
    'profiles.list': async () => governance.profiles(),
    'profiles.create': async (args) => governance.createProfile(args),
    'profiles.update': async (args) => governance.updateProfile(args),
    'profiles.delete': async ({ id }) => {
      governance.deleteProfile(id);
      return { ok: true as const };
    },
    'rules.list': async () => governance.rules(),
    'rules.create': async (args) => governance.createRule(args),
    'rules.update': async (args) => governance.updateRule(args),
    'rules.delete': async ({ id }) => {
      governance.deleteRule(id);
      return { ok: true as const };
    },
  };
}
