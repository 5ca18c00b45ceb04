// Contract handlers for ask-each-time prompts and the "approve for this client" grants they can leave.
import type { Handlers } from '../../../shared/contract';
import type { AskQueue } from '../governance';

export function askHandlers(asks: AskQueue): Pick<Handlers, 'ask.list' | 'ask.decide' | 'ask.grants' | 'ask.revokeGrant'> {
  return {
    'ask.list': async () => asks.list(),
    'ask.decide': async ({ id, approve, argsHash, grant }) => {
      asks.decide(id, approve, argsHash, grant);
      return { ok: true as const };
    },
    'ask.grants': async () => asks.grants(),
    'ask.revokeGrant': async ({ id }) => {
      asks.revokeGrant(id);
      return { ok: true as const };
    },
  };
}
