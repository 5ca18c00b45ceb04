// Shared setup for the admin-tool tests: a fresh simulator and a ToolContext on an account key, and a
// helper that calls a tool the way the MCP server does (through the catalog, input parsed first).
import { catalog, type ToolContext } from '../../../../../src/main/core/catalog';
import { createPagerDutyClient } from '../../../../../src/main/core/pagerduty';
import { createSimulator, type Simulator } from '../../../../simulator';

export interface Harness {
  sim: Simulator;
  ctx: ToolContext;
  call(name: string, args: Record<string, unknown>): Promise<any>;
  close(): Promise<void>;
}

export async function startHarness(options: { fromEmail?: string | null } = {}): Promise<Harness> {
  const sim = await createSimulator();
  const fromEmail = options.fromEmail === undefined ? sim.users[0].email : options.fromEmail;
  const ctx: ToolContext = {
    pd: createPagerDutyClient({
      baseUrl: sim.apiUrl('us'),
      auth: { current: async () => ({ authorization: `Token token=${sim.keys.account}`, fromEmail }) },
    }),
    signal: new AbortController().signal,
    userId: null,
    fromEmail,
  };
  return {
    sim,
    ctx,
    async call(name, args) {
      const tool = catalog.find((t) => t.name === name);
      if (!tool) throw new Error(`no tool ${name} in the catalog`);
      return tool.run(tool.input.parse(args), ctx);
    },
    close: () => sim.close(),
  };
}

export function toolNamed(name: string) {
  const tool = catalog.find((t) => t.name === name);
  if (!tool) throw new Error(`no tool ${name} in the catalog`);
  return tool;
}
