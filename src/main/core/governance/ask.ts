// Ask-each-time: a call to such a tool waits here while the app shows the person the request. The app's
// decision (ask.decide) resolves it; silence past the timeout, or the client giving up, refuses it.
import { randomUUID } from 'node:crypto';
import { ContractError } from '../../../shared/contract';
import type { AskPrompt } from '../../../shared/model';
import type { ToolDefinition } from '../catalog';
import type { EventBus } from '../events';
import type { Platform } from '../platform';

export type AskAnswer = { approved: boolean; reason: 'decided' | 'timeout' | 'cancelled' };

export interface AskQueue {
  ask(
    input: { clientId: string; clientName: string; tool: ToolDefinition<any>; args: Record<string, unknown> },
    timeoutMs: number,
    signal: AbortSignal,
  ): Promise<AskAnswer>;
  decide(id: string, approve: boolean): void;
  list(): AskPrompt[];
  readonly size: number;
  /** Refuses everything still waiting (shutdown). */
  cancelAll(): void;
}

export function createAskQueue(options: { events: EventBus; platform: Platform; onChange?: () => void }): AskQueue {
  const waiting = new Map<string, { prompt: AskPrompt; settle: (answer: AskAnswer) => void }>();

  return {
    ask({ clientId, clientName, tool, args }, timeoutMs, signal) {
      const requestedAt = new Date();
      const prompt: AskPrompt = {
        id: randomUUID(),
        clientId,
        clientName,
        tool: tool.name,
        toolTitle: tool.title,
        toolClass: tool.toolClass,
        args,
        requestedAt: requestedAt.toISOString(),
        expiresAt: new Date(requestedAt.getTime() + timeoutMs).toISOString(),
      };
      if (signal.aborted) return Promise.resolve({ approved: false, reason: 'cancelled' });
      return new Promise<AskAnswer>((resolve) => {
        const onAbort = () => settle({ approved: false, reason: 'cancelled' });
        const timer = setTimeout(() => settle({ approved: false, reason: 'timeout' }), timeoutMs);
        const settle = (answer: AskAnswer) => {
          if (!waiting.delete(prompt.id)) return;
          clearTimeout(timer);
          signal.removeEventListener('abort', onAbort);
          options.events.emit('ask.resolved', { id: prompt.id, approved: answer.approved, reason: answer.reason });
          options.onChange?.();
          resolve(answer);
        };
        waiting.set(prompt.id, { prompt, settle });
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
    decide(id, approve) {
      const entry = waiting.get(id);
      if (!entry) throw new ContractError('not_found', 'That request is no longer waiting: it was already decided, timed out, or the client gave up.');
      entry.settle({ approved: approve, reason: 'decided' });
    },
    list: () => [...waiting.values()].map((w) => w.prompt),
    get size() {
      return waiting.size;
    },
    cancelAll() {
      for (const w of [...waiting.values()]) w.settle({ approved: false, reason: 'cancelled' });
    },
  };
}
