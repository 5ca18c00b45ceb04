// "Approve for this client for 15 minutes": a time-limited yes for one client (with the token it holds
// now) and one tool. Kept in memory only, so it ends on time, when revoked, when the client is revoked
// or its token rotated, and when the app quits.
import { randomUUID } from 'node:crypto';
import { ContractError } from '../../../shared/contract';
import type { AskGrant } from '../../../shared/model';
import type { EventBus } from '../events';

export const GRANT_MINUTES = 15;

export interface AskGrants {
  readonly grantMs: number;
  add(prompt: { clientId: string; clientName: string; tool: string }, tokenHash: string): void;
  grantFor(clientId: string, tokenHash: string, tool: string): AskGrant | null;
  list(): AskGrant[];
  revoke(id: string): void;
  /** Ends grants that expired or whose client is gone, revoked or holds a new token. */
  prune(): void;
  clear(): void;
}

export function createAskGrants(options: { events: EventBus; grantMs?: number; clientLive?: (clientId: string, tokenHash: string) => boolean }): AskGrants {
  const granted = new Map<string, { grant: AskGrant; tokenHash: string; timer: NodeJS.Timeout }>();
  const grantMs = options.grantMs ?? GRANT_MINUTES * 60_000;
  const clientLive = options.clientLive ?? (() => true);

  const list = () => [...granted.values()].map((g) => g.grant);
  const announce = () => options.events.emit('ask.grantsChanged', list());
  const end = (id: string) => {
    const g = granted.get(id);
    if (!g) return false;
    clearTimeout(g.timer);
    granted.delete(id);
    return true;
  };
  const prune = () => {
    let changed = false;
    for (const [id, g] of granted) {
      if (Date.parse(g.grant.expiresAt) <= Date.now() || !clientLive(g.grant.clientId, g.tokenHash)) changed = end(id) || changed;
    }
    if (changed) announce();
  };

  return {
    grantMs,
    add({ clientId, clientName, tool }, tokenHash) {
      for (const [id, g] of granted) if (g.grant.clientId === clientId && g.grant.tool === tool) end(id);
      const now = Date.now();
      const grant: AskGrant = { id: randomUUID(), clientId, clientName, tool, grantedAt: new Date(now).toISOString(), expiresAt: new Date(now + grantMs).toISOString() };
      const timer = setTimeout(() => {
        if (end(grant.id)) announce();
      }, grantMs);
      timer.unref();
      granted.set(grant.id, { grant, tokenHash, timer });
      announce();
    },
    grantFor(clientId, tokenHash, tool) {
      prune();
      for (const g of granted.values()) if (g.grant.clientId === clientId && g.grant.tool === tool && g.tokenHash === tokenHash) return g.grant;
      return null;
    },
    list() {
      prune();
      return list();
    },
    revoke(id) {
      if (!end(id)) throw new ContractError('not_found', 'That approval has already ended.');
      announce();
    },
    prune,
    clear() {
      for (const id of [...granted.keys()]) end(id);
    },
  };
}
