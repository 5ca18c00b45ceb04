// Shared setup for the platform-area tool tests: a fresh simulator and a real client, and a `call` that
// goes through the catalog exactly as the MCP server does (parse the input, then run).
import { catalog, type ToolContext } from '../../../../../src/main/core/catalog';
import { createPagerDutyClient } from '../../../../../src/main/core/pagerduty';
import { createSimulator, type Simulator } from '../../../../simulator';

export interface Harness {
  sim: Simulator;
  ctx: ToolContext;
  call(name: string, args?: Record<string, unknown>): Promise<any>;
  /** The input schema's verdict, for the "bad input is refused before any request" checks. */
  parse(name: string, args: Record<string, unknown>): { success: boolean; error?: { message: string } };
  close(): Promise<void>;
}

export function toolNamed(name: string) {
  const tool = catalog.find((t) => t.name === name);
  if (!tool) throw new Error(`no tool ${name} in the catalog`);
  return tool;
}

export async function startHarness(keyKind: 'account' | 'accountReadOnly' = 'account'): Promise<Harness> {
  const sim = await createSimulator();
  const ctx: ToolContext = {
    pd: createPagerDutyClient({
      baseUrl: sim.apiUrl('us'),
      auth: { current: async () => ({ authorization: `Token token=${sim.keys[keyKind]}`, fromEmail: sim.users[0].email }) },
    }),
    signal: new AbortController().signal,
    userId: null,
    fromEmail: sim.users[0].email,
  };
  return {
    sim,
    ctx,
    async call(name, args = {}) {
      const tool = toolNamed(name);
      return tool.run(tool.input.parse(args), ctx);
    },
    parse(name, args) {
      const r = toolNamed(name).input.safeParse(args);
      return r.success ? { success: true } : { success: false, error: { message: r.error.message } };
    },
    close: () => sim.close(),
  };
}
