// `npm run serve`: the core without Electron — MCP gateway, OAuth listener and the dashboard — in one
// Node process. Prints one JSON "ready" line on stdout; everything else goes to stderr or the log file.
import { parseArgs } from 'node:util';
import { startControlServer } from './control-server';
import { defaultDataDir } from './paths';
import { builtRendererDir, createHeadlessRuntime, type HeadlessRuntime } from './runtime';

export interface ServeArgs {
  dataDir: string;
  port?: number;
  dashboardPort?: number;
}

export function parseServeArgs(argv: string[]): ServeArgs {
  const { values } = parseArgs({
    args: argv,
    options: {
      'data-dir': { type: 'string' },
      port: { type: 'string' },
      'dashboard-port': { type: 'string' },
    },
    strict: true,
  });
  const port = (name: string, raw: string | undefined) => {
    if (raw === undefined) return undefined;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 0 || n > 65535) throw new Error(`--${name} must be a port number from 0 to 65535 (0 picks a free one); got "${raw}".`);
    return n;
  };
  return {
    dataDir: values['data-dir'] ?? defaultDataDir(),
    port: port('port', values.port),
    dashboardPort: port('dashboard-port', values['dashboard-port']),
  };
}

export interface ServeHooks {
  /** Runs after the core started, before the ready line; returns extra ready-line fields. */
  prepare?: (runtime: HeadlessRuntime) => Promise<Record<string, unknown>>;
  /** Runs after the core stopped, before the process exits. */
  onStop?: (runtime: HeadlessRuntime) => Promise<void>;
}

export async function serve(args: ServeArgs, hooks: ServeHooks = {}) {
  const runtime = await createHeadlessRuntime({ dataDir: args.dataDir, mcpPort: args.port });
  await runtime.core.start();
  let extra: Record<string, unknown>;
  try {
    extra = (await hooks.prepare?.(runtime)) ?? {};
  } catch (error) {
    // Leave nothing half-set-up behind (the demo's keychain entries, its temp folder).
    await runtime.core.stop();
    await hooks.onStop?.(runtime);
    throw error;
  }
  const control = await startControlServer({
    handlers: runtime.core.handlers,
    events: runtime.core.events,
    rendererDir: builtRendererDir(),
    port: args.dashboardPort,
    log: runtime.log,
  });
  const status = runtime.core.status();
  process.stdout.write(
    `${JSON.stringify({ event: 'ready', mcpUrl: status.gateway.mcpUrl, dashboardUrl: control.dashboardUrl, dataDir: args.dataDir, ...extra })}\n`,
  );

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    runtime.log.info('stopping', { signal });
    await control.close();
    await runtime.core.stop();
    await hooks.onStop?.(runtime);
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  return { runtime, control, stop };
}

export function fail(error: unknown): never {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}

if (process.argv[1] && /serve\.(js|ts)$/.test(process.argv[1])) {
  try {
    await serve(parseServeArgs(process.argv.slice(2)));
  } catch (error) {
    fail(error);
  }
}
