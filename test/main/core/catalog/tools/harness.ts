// Runs catalog tools the way the gateway does: find by name, parse the arguments with the tool's schema,
// run with the real PagerDuty client pointed at the simulator. Shared by every area's tool tests.
import { catalog, type ToolContext } from '../../../../../src/main/core/catalog';
import { createPagerDutyClient } from '../../../../../src/main/core/pagerduty';
import { createSimulator, type Simulator } from '../../../../simulator';

type KeyKind = 'account' | 'user' | 'accountReadOnly';

export interface Harness {
  sim: Simulator;
  ctx: ToolContext;
  call(name: string, args?: Record<string, unknown>, ctx?: ToolContext): Promise<any>;
  /** A context using another credential: 'account' (with From = owner's email), 'user' or read-only key. */
  contextFor(kind: KeyKind, fromEmail?: string | null): ToolContext;
  /** The input schema's verdict, for the "bad input is refused before any request" checks. */
  parse(name: string, args: Record<string, unknown>): { success: boolean; error?: { message: string } };
  close(): Promise<void>;
}

export function toolNamed(name: string) {
  const tool = catalog.find((t) => t.name === name);
  if (!tool) throw new Error(`no tool ${name} in the catalog`);
  return tool;
}

/** `key` picks the default context's credential; `fromEmail: null` sends no `From` (default: the owner's email). */
export async function startHarness(options: { key?: KeyKind; fromEmail?: string | null } = {}): Promise<Harness> {
  const sim = await createSimulator();
  const owner = sim.users[0]!;
  const contextFor = (kind: KeyKind, fromEmail: string | null = owner.email): ToolContext => {
    const key = sim.keys[kind];
    const pd = createPagerDutyClient({
      baseUrl: sim.apiUrl('us'),
      auth: { current: async () => ({ authorization: `Token token=${key}`, fromEmail }) },
      maxRetries: 0,
    });
    return { pd, signal: new AbortController().signal, userId: kind === 'user' ? owner.id : null, fromEmail };
  };
  const ctx = contextFor(options.key ?? 'account', options.fromEmail === undefined ? owner.email : options.fromEmail);
  return {
    sim,
    ctx,
    contextFor,
    async call(name, args = {}, useCtx = ctx) {
      const tool = toolNamed(name);
      return tool.run(tool.input.parse(args), useCtx);
    },
    parse(name, args) {
      const r = toolNamed(name).input.safeParse(args);
      return r.success ? { success: true } : { success: false, error: { message: r.error.message } };
    },
    close: () => sim.close(),
  };
}
