// Ask-each-time: a call to such a tool (or one an argument rule asks about) waits here while the app
// shows the person the request — the complete arguments, bound to their hash. The app's decision
// (ask.decide, with that hash) resolves it; silence past the timeout, or the client giving up, refuses it.
// "Approve for this client for 15 minutes" also leaves a grant (grants.ts).
import { randomUUID } from 'node:crypto';
import { ContractError } from '../../../shared/contract';
import type { AskGrant, AskIdLabel, AskPrompt } from '../../../shared/model';
import { maskSecrets } from '../audit';
import type { ToolDefinition } from '../catalog';
import type { EventBus } from '../events';
import type { Platform } from '../platform';
import { argsHash } from './args-hash';
import { createAskGrants } from './grants';

export { GRANT_MINUTES } from './grants';
const MAX_IGNORED = 20;

export type AskAnswer = {
  approved: boolean;
  reason: 'decided' | 'timeout' | 'cancelled';
  /** The hash of the arguments the person approved (the prompt's). */
  argsHash: string;
  /** The person also approved this client's further calls of this tool for a while. */
  granted: boolean;
};

export interface AskInput {
  clientId: string;
  clientName: string;
  /** The client's token hash now: a grant given for this call ends when the token changes (rotation). */
  tokenHash: string;
  tool: ToolDefinition<any>;
  /** The exact parsed arguments (after defaults) that will run. */
  args: Record<string, unknown>;
  /** What the client sent, to name the arguments the tool does not take. */
  sent?: unknown;
  labels?: AskIdLabel[];
  /** Why the person is asked (an argument rule's text, or the tool's state). */
  reason?: string;
}

export interface AskQueue {
  ask(input: AskInput, timeoutMs: number, signal: AbortSignal): Promise<AskAnswer>;
  /** Refuses (and changes nothing) when `hash` is not the prompt's: an approval covers only what was shown. */
  decide(id: string, approve: boolean, hash: string, grant?: boolean): void;
  list(): AskPrompt[];
  readonly size: number;
  /** Refuses everything still waiting and ends every grant (shutdown). */
  cancelAll(): void;
  /** The live grant for this client (with this token) and tool, if any. */
  grantFor(clientId: string, tokenHash: string, tool: string): AskGrant | null;
  grants(): AskGrant[];
  revokeGrant(id: string): void;
  /** Ends grants whose client is gone, revoked or holds a new token (call after a settings change). */
  pruneGrants(): void;
}

function ignoredArguments(sent: unknown, args: Record<string, unknown>): string[] {
  if (!sent || typeof sent !== 'object' || Array.isArray(sent)) return [];
  return Object.keys(sent)
    .filter((k) => !Object.prototype.hasOwnProperty.call(args, k))
    .slice(0, MAX_IGNORED)
    .map((k) => (k.length > 64 ? `${k.slice(0, 64)}…` : k));
}

export function createAskQueue(options: {
  events: EventBus;
  platform: Platform;
  onChange?: () => void;
  /** How long a grant lasts (tests shorten it). */
  grantMs?: number;
  /** Whether the client still exists, is not revoked and holds this token. */
  clientLive?: (clientId: string, tokenHash: string) => boolean;
}): AskQueue {
  const waiting = new Map<string, { prompt: AskPrompt; tokenHash: string; settle: (answer: AskAnswer) => void }>();
  const grants = createAskGrants({ events: options.events, grantMs: options.grantMs, clientLive: options.clientLive });
  const grantMs = grants.grantMs;

  return {
    ask({ clientId, clientName, tokenHash, tool, args, sent, labels = [], reason }, timeoutMs, signal) {
      const requestedAt = new Date();
      const shown = maskSecrets(args);
      const hash = argsHash(args);
      const prompt: AskPrompt = {
        id: randomUUID(),
        clientId,
        clientName,
        tool: tool.name,
        toolTitle: tool.title,
        toolClass: tool.toolClass,
        args: shown.value,
        argsHash: hash,
        masked: shown.masked,
        ignored: ignoredArguments(sent, args),
        labels,
        reason: reason ?? 'This tool is set to ask each time.',
        grantMinutes: Math.round(grantMs / 60_000),
        requestedAt: requestedAt.toISOString(),
        expiresAt: new Date(requestedAt.getTime() + timeoutMs).toISOString(),
      };
      const refused = (why: AskAnswer['reason']): AskAnswer => ({ approved: false, reason: why, argsHash: hash, granted: false });
      if (signal.aborted) return Promise.resolve(refused('cancelled'));
      return new Promise<AskAnswer>((resolve) => {
        const onAbort = () => settle(refused('cancelled'));
        const timer = setTimeout(() => settle(refused('timeout')), timeoutMs);
        const settle = (answer: AskAnswer) => {
          if (!waiting.delete(prompt.id)) return;
          clearTimeout(timer);
          signal.removeEventListener('abort', onAbort);
          options.events.emit('ask.resolved', { id: prompt.id, approved: answer.approved, reason: answer.reason });
          options.onChange?.();
          resolve(answer);
        };
        waiting.set(prompt.id, { prompt, tokenHash, settle });
        signal.addEventListener('abort', onAbort, { once: true });
        options.events.emit('ask.requested', prompt);
        options.onChange?.();
        options.platform.notify({
          title: `${clientName} wants to run ${tool.title}`,
          body: `Allow ${tool.toolClass === 'write' ? 'this change' : 'this request'} in PagerDuty? Open the app to review it.`,
          actionLabel: 'Review',
          // The prompt itself is shown by the window's modal; the button only brings the window up.
          onAction: () => options.platform.showPage('tools'),
        });
      });
    },
    decide(id, approve, hash, grant = false) {
      const entry = waiting.get(id);
      if (!entry) throw new ContractError('not_found', 'That request is no longer waiting: it was already decided, timed out, or the client gave up.');
      if (hash !== entry.prompt.argsHash) {
        throw new ContractError('args_mismatch', 'These are not the arguments this request is waiting with. Reload the prompt and decide on what it shows.', 'argsHash');
      }
      if (approve && grant) grants.add(entry.prompt, entry.tokenHash);
      entry.settle({ approved: approve, reason: 'decided', argsHash: entry.prompt.argsHash, granted: approve && grant });
    },
    list: () => [...waiting.values()].map((w) => w.prompt),
    get size() {
      return waiting.size;
    },
    cancelAll() {
      for (const w of [...waiting.values()]) w.settle({ approved: false, reason: 'cancelled', argsHash: w.prompt.argsHash, granted: false });
      grants.clear();
    },
    grantFor: grants.grantFor,
    grants: grants.list,
    revokeGrant: grants.revoke,
    pruneGrants: grants.prune,
  };
}
