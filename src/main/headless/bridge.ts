// The stdio bridge for clients whose config only takes a command (Claude Desktop):
//   PDMCP_CLIENT_TOKEN=… node bridge.js --url http://127.0.0.1:7428/mcp
// It relays JSON-RPC between stdio and the gateway untouched, in either protocol era (a 2026-07-28
// request carries its own `_meta`, from which the SDK's transport derives the headers). The token comes
// from the environment, never argv (ps shows argv to every user). If the app restarts, the bridge waits,
// opens a new session with the client's remembered initialize (2025 era; 2026-07-28 needs none), and
// carries on, so the client does not notice.
import type { Readable, Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import {
  isInitializedNotification,
  isInitializeRequest,
  isJSONRPCRequest,
  SdkHttpError,
  StreamableHTTPClientTransport,
  type JSONRPCMessage,
  type JSONRPCRequest,
  type RequestId,
} from '@modelcontextprotocol/client';
import { StdioServerTransport } from '@modelcontextprotocol/server/stdio';

export const TOKEN_ENV = 'PDMCP_CLIENT_TOKEN';
export const TOKEN_REJECTED = 'the token was rejected; create a new client in the app (or rotate this one) and put its token in PDMCP_CLIENT_TOKEN.';

export interface BridgeOptions {
  url: URL;
  token: string;
  input?: Readable;
  output?: Writable;
  /** One line for the person (stderr). */
  say?(line: string): void;
  /** Wait between reconnection attempts (default 500 ms, growing to 5 s). */
  retryMs?: number;
  /** Called when the bridge gives up for good (bad token) or stdin ends. */
  onExit?(code: number): void;
}

export interface Bridge {
  close(): Promise<void>;
}

class TokenRejected extends Error {}

const isResponse = (m: JSONRPCMessage): m is JSONRPCMessage & { id: RequestId } => !('method' in m) && 'id' in m;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The app is gone (restarting, not yet up) or forgot our session: worth waiting for. */
function recoverable(error: unknown): boolean {
  if (error instanceof SdkHttpError) return error.status === 404 || error.status >= 500;
  const text = String((error as { cause?: unknown })?.cause ?? '') + String(error);
  return /fetch failed|ECONNREFUSED|ECONNRESET|socket|terminated|other side closed|Not Found|404|Maximum reconnection|Failed to reconnect|SSE stream disconnected/i.test(text);
}

function rejected(error: unknown): boolean {
  return error instanceof SdkHttpError && (error.status === 401 || error.status === 403);
}

export async function startBridge(options: BridgeOptions): Promise<Bridge> {
  const say = options.say ?? ((line: string) => process.stderr.write(`pagerduty-mcp bridge: ${line}\n`));
  const baseRetry = options.retryMs ?? 500;
  const stdio = new StdioServerTransport(options.input, options.output);

  let upstream: StreamableHTTPClientTransport | null = null;
  let initialize: JSONRPCRequest | null = null;
  let initializedSent = false;
  let closed = false;
  let generation = 0;
  let reinitCount = 0;
  /** Client requests sent upstream and not yet answered. */
  const inFlight = new Set<RequestId>();
  const reinitWaiters = new Map<RequestId, (m: JSONRPCMessage) => void>();
  let queue: Promise<void> = Promise.resolve();
  const enqueue = (job: () => Promise<void>) => {
    queue = queue.then(job).catch((error) => fatal(error));
  };

  const toClient = (message: JSONRPCMessage) => stdio.send(message).catch(() => undefined);
  const errorToClient = (id: RequestId, message: string) => toClient({ jsonrpc: '2.0', id, error: { code: -32000, message } });

  const fatal = (error: unknown) => {
    if (closed) return;
    if (error instanceof TokenRejected || rejected(error)) say(TOKEN_REJECTED);
    else say(`stopped: ${error instanceof Error ? error.message : String(error)}`);
    for (const id of inFlight) void errorToClient(id, `The PagerDuty MCP bridge stopped: ${rejected(error) || error instanceof TokenRejected ? TOKEN_REJECTED : String(error)}`);
    void close().then(() => options.onExit?.(1));
  };

  const open = async (): Promise<StreamableHTTPClientTransport> => {
    const mine = ++generation;
    const transport = new StreamableHTTPClientTransport(options.url, {
      requestInit: { headers: { Authorization: `Bearer ${options.token}` } },
      // We do our own session-level recovery; the transport only retries its GET stream briefly.
      reconnectionOptions: { initialReconnectionDelay: 500, maxReconnectionDelay: 2000, reconnectionDelayGrowFactor: 1.5, maxRetries: 2 },
    });
    transport.onmessage = (message) => {
      if (isResponse(message)) {
        const waiter = reinitWaiters.get(message.id);
        if (waiter) return waiter(message);
        inFlight.delete(message.id);
        if (initialize && message.id === initialize.id && 'result' in message) {
          const version = (message.result as { protocolVersion?: string }).protocolVersion;
          if (version) transport.setProtocolVersion(version);
        }
      }
      void toClient(message);
    };
    transport.onerror = (error) => {
      if (mine !== generation || closed || !initializedSent) return;
      if (rejected(error)) return enqueue(async () => fatal(error));
      // The GET stream broke for good (app restarted): reconnect now rather than at the next request.
      // Checked again when the job runs: a send may have replaced this session in the meantime.
      if (/Maximum reconnection|Failed to reconnect|404|Not Found/i.test(String(error))) enqueue(async () => (mine === generation ? reconnect(null) : undefined));
    };
    await transport.start();
    return transport;
  };

  /** New session, replaying the client's initialize; then the failed message (if any) goes again. */
  const reconnect = async (retrying: RequestId | null) => {
    if (closed) return;
    const old = upstream;
    upstream = null;
    await old?.close().catch(() => undefined);
    // Requests that were running when the app went away will never be answered: say so now.
    for (const id of [...inFlight]) {
      if (id === retrying) continue;
      inFlight.delete(id);
      void errorToClient(id, 'The PagerDuty MCP app restarted while this request was running; send it again.');
    }
    let delay = baseRetry;
    let told = false;
    while (!closed) {
      try {
        const transport = await open();
        if (initialize) {
          const id = `pdmcp-bridge-reinit-${++reinitCount}`;
          const answer = new Promise<JSONRPCMessage>((resolve, reject) => {
            reinitWaiters.set(id, resolve);
            setTimeout(() => reject(new Error('no answer to initialize')), 10_000).unref();
          });
          try {
            await transport.send({ ...initialize, id });
            const reply = await answer;
            if ('error' in reply) throw new Error(`the app refused to start a session: ${JSON.stringify(reply.error)}`);
            const version = ((reply as { result?: { protocolVersion?: string } }).result ?? {}).protocolVersion;
            if (version) transport.setProtocolVersion(version);
            if (initializedSent) await transport.send({ jsonrpc: '2.0', method: 'notifications/initialized' });
          } finally {
            reinitWaiters.delete(id);
          }
        }
        upstream = transport;
        if (told) say('reconnected to the PagerDuty MCP app.');
        // The person may have changed approvals while the app was down.
        if (initializedSent) void toClient({ jsonrpc: '2.0', method: 'notifications/tools/list_changed' });
        return;
      } catch (error) {
        if (rejected(error)) throw new TokenRejected(TOKEN_REJECTED);
        if (!told) {
          say(`the PagerDuty MCP app is not reachable at ${options.url.href}; waiting for it to start…`);
          told = true;
        }
        await sleep(delay);
        delay = Math.min(5000, Math.round(delay * 1.5));
      }
    }
  };

  const forward = async (message: JSONRPCMessage) => {
    if (isInitializeRequest(message)) {
      initialize = message as JSONRPCRequest;
      initializedSent = false;
    }
    const id = isJSONRPCRequest(message) ? message.id : null;
    if (id !== null) inFlight.add(id);
    for (;;) {
      if (closed) return;
      if (!upstream) {
        try {
          upstream = await open();
        } catch (error) {
          if (!recoverable(error)) throw error;
          await reconnect(id);
          continue;
        }
      }
      try {
        await upstream.send(message);
        if (isInitializedNotification(message)) initializedSent = true;
        return;
      } catch (error) {
        if (rejected(error)) throw new TokenRejected(TOKEN_REJECTED);
        if (!recoverable(error)) {
          if (id !== null) {
            inFlight.delete(id);
            void errorToClient(id, `The PagerDuty MCP app could not take this request: ${error instanceof Error ? error.message : String(error)}`);
          }
          return;
        }
        if (isInitializeRequest(message)) {
          // Nothing to replay yet: just wait for the app and send the initialize itself again.
          upstream = null;
          await reconnectWithoutReplay();
          continue;
        }
        await reconnect(id);
      }
    }
  };

  const reconnectWithoutReplay = async () => {
    const saved = initialize;
    initialize = null;
    try {
      await reconnect(null);
    } finally {
      initialize = saved;
    }
  };

  const close = async () => {
    if (closed) return;
    closed = true;
    const transport = upstream;
    upstream = null;
    if (transport) {
      await transport.terminateSession().catch(() => undefined);
      await transport.close().catch(() => undefined);
    }
    await stdio.close().catch(() => undefined);
  };

  stdio.onmessage = (message) => enqueue(() => forward(message));
  stdio.onclose = () => {
    void close().then(() => options.onExit?.(0));
  };
  stdio.onerror = (error) => say(`stdin: ${error.message}`);
  await stdio.start();
  // StdioServerTransport does not notice stdin ending; the client closing it means we are done.
  (options.input ?? process.stdin).once('end', () => void close().then(() => options.onExit?.(0)));
  return { close };
}

export function parseBridgeArgs(argv: string[], env: NodeJS.ProcessEnv): { url: URL; token: string } {
  const { values } = parseArgs({ args: argv, options: { url: { type: 'string' } }, strict: true });
  if (!values.url) throw new Error('Give the gateway URL: bridge.js --url http://127.0.0.1:7428/mcp (the app shows it).');
  let url: URL;
  try {
    url = new URL(values.url);
  } catch {
    throw new Error(`"${values.url}" is not a URL; use the MCP URL the app shows, e.g. http://127.0.0.1:7428/mcp.`);
  }
  if (url.protocol !== 'http:' || !['127.0.0.1', 'localhost'].includes(url.hostname)) {
    throw new Error('The bridge only talks to the local app: use http://127.0.0.1:<port>/mcp.');
  }
  const token = env[TOKEN_ENV]?.trim();
  if (!token) throw new Error(`Set ${TOKEN_ENV} to the client token from the app (the environment, never the command line).`);
  return { url, token };
}

if (process.argv[1] && /bridge\.(js|ts)$/.test(process.argv[1])) {
  try {
    const { url, token } = parseBridgeArgs(process.argv.slice(2), process.env);
    await startBridge({ url, token, onExit: (code) => process.exit(code) });
  } catch (error) {
    process.stderr.write(`pagerduty-mcp bridge: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  }
}
