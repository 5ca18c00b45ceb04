// Runs catalog tools the way the gateway does: find by name, parse the arguments with the tool's schema,
// run with the real PagerDuty client pointed at the simulator.
import { catalog, type ToolContext } from '../../../../../src/main/core/catalog';
import { createPagerDutyClient } from '../../../../../src/main/core/pagerduty';
import { createSimulator, type Simulator } from '../../../../simulator';

export interface Harness {
  sim: Simulator;
  ctx: ToolContext;
  call(name: string, args?: Record<string, unknown>, ctx?: ToolContext): Promise<any>;
  /** A context using another credential: 'account' (with From = owner's email) or 'user' key. */
  contextFor(kind: 'account' | 'user' | 'accountReadOnly', fromEmail?: string | null): ToolContext;
  close(): Promise<void>;
}

export async function startHarness(): Promise<Harness> {
  const sim = await createSimulator();
  const owner = sim.users[0];
  const contextFor = (kind: 'account' | 'user' | 'accountReadOnly', fromEmail: string | null = owner.email): ToolContext => {
    const key = sim.keys[kind];
    const pd = createPagerDutyClient({
      baseUrl: sim.apiUrl('us'),
      auth: { current: async () => ({ authorization: `Token token=${key}`, fromEmail }) },
      maxRetries: 0,
    });
    return { pd, signal: new AbortController().signal, userId: kind === 'user' ? owner.id : null, fromEmail };
  };
  const ctx = contextFor('account');
  return {
    sim,
    ctx,
    contextFor,
    async call(name, args = {}, useCtx = ctx) {
      const tool = catalog.find((t) => t.name === name);
      if (!tool) throw new Error(`no tool ${name}`);
      return tool.run(tool.input.parse(args), useCtx);
    },
    close: () => sim.close(),
  };
}
