// Clients: local AI clients, each with its own bearer token (only its hash is stored) and one profile.
import { ContractError } from '../../../shared/contract';
import type { ClientView } from '../../../shared/model';
import type { ClientRecord, PersistedState } from '../settings';
import { newId, notFound, same, uniqueName, type GovernanceContext } from './records';
import { hashClientToken, newClientToken } from './tokens';

/** How often lastSeenAt may be written per client: it is shown as "seen 3 min ago", not an audit trail. */
const LAST_SEEN_WRITE_MS = 60_000;

export interface Clients {
  clientViews(sessionsOf?: (clientId: string) => number): ClientView[];
  createClient(input: { name: string; profileId: string }): { client: ClientRecord; token: string };
  renameClient(id: string, name: string): ClientRecord;
  bindClient(id: string, profileId: string): ClientRecord;
  rotateClient(id: string): { client: ClientRecord; token: string };
  revokeClient(id: string): ClientRecord;
  client(id: string): ClientRecord | undefined;
  clientView(record: ClientRecord, sessions?: number): ClientView;
  /** The live, non-revoked client holding this bearer token, or null. */
  authenticate(token: string): ClientRecord | null;
  /** Notes that a client was seen (written at most once a minute per client). */
  touchClient(id: string): void;
  findClient(ref: string): ClientRecord | undefined;
}

const clientView = (c: ClientRecord, sessions = 0): ClientView => ({
  id: c.id,
  name: c.name,
  profileId: c.profileId,
  createdAt: c.createdAt,
  lastSeenAt: c.lastSeenAt,
  revoked: c.revoked,
  sessions,
});

function mustClient(state: PersistedState, id: string): ClientRecord {
  const c = state.governance.clients.find((x) => x.id === id);
  if (!c) throw notFound('client', id);
  return c;
}

function checkProfileId(state: PersistedState, id: string): void {
  if (!state.governance.profiles.some((p) => p.id === id)) {
    throw new ContractError('unknown_profile', `There is no access profile "${id}". Pick one from the list.`, 'profileId');
  }
}

export function createClients(ctx: GovernanceContext): Clients {
  const { settings } = ctx;
  const lastTouched = new Map<string, number>();
  const live = (draft: PersistedState) => draft.governance.clients.filter((c) => !c.revoked);

  /** Applies `change` to one stored client and returns a copy of the result. */
  const changeClient = (id: string, change: (c: ClientRecord, draft: PersistedState) => void): ClientRecord => {
    let out: ClientRecord | undefined;
    settings.update((draft) => {
      const c = mustClient(draft, id);
      change(c, draft);
      out = structuredClone(c);
    });
    return out!;
  };

  return {
    clientViews: (sessionsOf = () => 0) => ctx.gov().clients.map((c) => clientView(c, sessionsOf(c.id))),
    clientView,
    client: (id) => ctx.gov().clients.find((c) => c.id === id),
    createClient({ name, profileId }) {
      const token = newClientToken();
      const record: ClientRecord = {
        id: newId('cl'),
        name: name.trim(),
        profileId,
        tokenHash: hashClientToken(token),
        createdAt: ctx.now().toISOString(),
        lastSeenAt: null,
        revoked: false,
      };
      settings.update((draft) => {
        uniqueName(live(draft), name, 'client');
        checkProfileId(draft, profileId);
        draft.governance.clients.push(record);
      });
      return { client: record, token };
    },
    renameClient: (id, name) =>
      changeClient(id, (c, draft) => {
        uniqueName(live(draft), name, 'client', id);
        c.name = name.trim();
      }),
    bindClient: (id, profileId) =>
      changeClient(id, (c, draft) => {
        checkProfileId(draft, profileId);
        c.profileId = profileId;
      }),
    rotateClient(id) {
      const token = newClientToken();
      const client = changeClient(id, (c) => {
        if (c.revoked) throw new ContractError('revoked', `The client "${c.name}" is revoked; create a new client instead.`);
        c.tokenHash = hashClientToken(token);
      });
      return { client, token };
    },
    revokeClient: (id) =>
      changeClient(id, (c) => {
        c.revoked = true;
      }),
    authenticate(token) {
      if (!token) return null;
      const hash = hashClientToken(token);
      return ctx.gov().clients.find((c) => c.tokenHash === hash && !c.revoked) ?? null;
    },
    touchClient(id) {
      const t = ctx.now().getTime();
      if (t - (lastTouched.get(id) ?? 0) < LAST_SEEN_WRITE_MS) return;
      lastTouched.set(id, t);
      try {
        settings.update((draft) => {
          const c = draft.governance.clients.find((x) => x.id === id);
          if (c) c.lastSeenAt = new Date(t).toISOString();
        });
      } catch {
        // "last seen" is cosmetic; a failed write must never fail a call.
      }
    },
    findClient(ref) {
      const clients = ctx.gov().clients;
      return clients.find((c) => c.id === ref) ?? clients.find((c) => same(c.name, ref) && !c.revoked) ?? clients.find((c) => same(c.name, ref));
    },
  };
}
