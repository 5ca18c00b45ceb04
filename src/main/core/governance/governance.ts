// Governance state and its rules: approval states, toolsets, access profiles and clients. Everything
// lives in the settings file and changes only through these functions — the app (contract handlers)
// and the CLI share this one implementation; MCP clients can never reach it.
import { randomBytes } from 'node:crypto';
import { ContractError } from '../../../shared/contract';
import type { AccessProfile, ApprovalState, ClientView, Toolset, ToolView } from '../../../shared/model';
import type { ToolDefinition } from '../catalog';
import type { ClientRecord, PersistedState, SettingsStore } from '../settings';
import { adoptNewTools, BUILT_IN_PROFILES, builtInToolsets } from './defaults';
import { changeHint, decidedRecord, discovered, reconcile } from './discovery';
import { hashClientToken, newClientToken } from './tokens';

/** How often lastSeenAt may be written per client: it is shown as "seen 3 min ago", not an audit trail. */
const LAST_SEEN_WRITE_MS = 60_000;

export type ToolAccess =
  | { kind: 'unknown' }
  | { kind: 'hidden'; tool: ToolDefinition<any>; decision: 'not_approved' | 'not_in_profile'; client: ClientRecord; profile: AccessProfile | null }
  | { kind: 'visible'; tool: ToolDefinition<any>; state: 'approved' | 'ask_each_time'; client: ClientRecord; profile: AccessProfile };

export interface Governance {
  readonly catalog: readonly ToolDefinition<any>[];
  /** Reconciles the catalog with stored records and creates the built-in defaults on first run. */
  discover(): void;
  tool(name: string): ToolDefinition<any> | undefined;
  toolViews(): ToolView[];
  setToolStates(names: string[], state: ApprovalState): ToolView[];
  pendingReviewCount(): number;

  toolsets(): Toolset[];
  createToolset(input: { name: string; tools: string[] }): Toolset;
  updateToolset(input: { id: string; name?: string; tools?: string[] }): Toolset;
  deleteToolset(id: string): void;

  profiles(): AccessProfile[];
  createProfile(input: { name: string; toolsetIds: string[] }): AccessProfile;
  updateProfile(input: { id: string; name?: string; toolsetIds?: string[] }): AccessProfile;
  deleteProfile(id: string): void;

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
  /** Exactly the tools this client may see, in a deterministic (alphabetical) order. */
  visibleTools(clientId: string): ToolDefinition<any>[];
  access(clientId: string, toolName: string): ToolAccess;

  /** By id or (case-insensitive) name, for the CLI. */
  findToolset(ref: string): Toolset | undefined;
  findProfile(ref: string): AccessProfile | undefined;
  findClient(ref: string): ClientRecord | undefined;
}

const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();
const newId = (prefix: string) => `${prefix}_${randomBytes(6).toString('hex')}`;

function notFound(what: string, id: string): ContractError {
  return new ContractError('not_found', `There is no ${what} "${id}". Refresh the list and try again.`);
}

export function createGovernance(options: { settings: SettingsStore; catalog: readonly ToolDefinition<any>[]; now?: () => Date }): Governance {
  const { settings, catalog } = options;
  const now = options.now ?? (() => new Date());
  const byName = new Map(catalog.map((t) => [t.name, t]));
  const lastTouched = new Map<string, number>();
  const gov = () => settings.read().governance;

  const checkToolNames = (names: string[]) => {
    const unknown = names.filter((n) => !byName.has(n));
    if (unknown.length) {
      throw new ContractError(
        'unknown_tool',
        `Unknown tool${unknown.length > 1 ? 's' : ''}: ${unknown.slice(0, 5).join(', ')}. Use the names shown in the Tools list.`,
        'tools',
      );
    }
  };
  const uniqueName = (list: { id: string; name: string }[], name: string, what: string, exceptId?: string) => {
    if (list.some((x) => x.id !== exceptId && same(x.name, name))) {
      throw new ContractError('duplicate_name', `A ${what} named "${name.trim()}" already exists; pick another name.`, 'name');
    }
  };
  const checkToolsetIds = (state: PersistedState, ids: string[]) => {
    const unknown = ids.filter((id) => !state.governance.toolsets.some((t) => t.id === id));
    if (unknown.length) throw new ContractError('unknown_toolset', `Unknown toolset: ${unknown.join(', ')}. Pick toolsets from the list.`, 'toolsetIds');
  };
  const checkProfileId = (state: PersistedState, id: string) => {
    if (!state.governance.profiles.some((p) => p.id === id)) {
      throw new ContractError('unknown_profile', `There is no access profile "${id}". Pick one from the list.`, 'profileId');
    }
  };
  const dedupe = (xs: string[]) => [...new Set(xs)];

  const toolViews = (): ToolView[] => {
    const g = gov();
    return [...catalog]
      .sort((a, b) => (a.name < b.name ? -1 : 1))
      .map((tool) => {
        const d = discovered(tool);
        const record = g.tools[tool.name];
        return {
          name: tool.name,
          title: tool.title,
          description: tool.description,
          area: tool.area,
          toolClass: tool.toolClass,
          annotations: tool.annotations,
          inputSchema: d.inputSchema,
          definitionHash: d.hash,
          approvalState: record?.state ?? 'pending_review',
          definitionChanged: Boolean(record?.changedFrom),
          changeHint: changeHint(d, record),
          toolsetIds: g.toolsets.filter((s) => s.tools.includes(tool.name)).map((s) => s.id),
        };
      });
  };

  const clientView = (c: ClientRecord, sessions = 0): ClientView => ({
    id: c.id,
    name: c.name,
    profileId: c.profileId,
    createdAt: c.createdAt,
    lastSeenAt: c.lastSeenAt,
    revoked: c.revoked,
    sessions,
  });

  const mustClient = (state: PersistedState, id: string) => {
    const c = state.governance.clients.find((x) => x.id === id);
    if (!c) throw notFound('client', id);
    return c;
  };

  const access = (clientId: string, toolName: string): ToolAccess => {
    const tool = byName.get(toolName);
    if (!tool) return { kind: 'unknown' };
    const g = gov();
    const client = g.clients.find((c) => c.id === clientId && !c.revoked);
    if (!client) return { kind: 'unknown' };
    const profile = g.profiles.find((p) => p.id === client.profileId) ?? null;
    const inProfile = profile !== null && g.toolsets.some((s) => profile.toolsetIds.includes(s.id) && s.tools.includes(toolName));
    if (!inProfile) return { kind: 'hidden', tool, decision: 'not_in_profile', client, profile };
    const state = g.tools[toolName]?.state;
    if (state === 'approved' || state === 'ask_each_time') return { kind: 'visible', tool, state, client, profile: profile! };
    return { kind: 'hidden', tool, decision: 'not_approved', client, profile };
  };

  return {
    catalog,
    discover() {
      const s = settings.read();
      const result = reconcile(catalog, s.governance.tools, s.settings.defaultClassification);
      if (!result.changed && s.governance.defaultsCreated) return;
      settings.update((draft) => {
        // Recompute on the freshest state: another process may have written in between.
        const fresh = reconcile(catalog, draft.governance.tools, draft.settings.defaultClassification);
        draft.governance.tools = fresh.records;
        if (!draft.governance.defaultsCreated) {
          draft.governance.toolsets = [...builtInToolsets(catalog), ...draft.governance.toolsets.filter((t) => !t.builtIn)];
          draft.governance.profiles = [...structuredClone(BUILT_IN_PROFILES as AccessProfile[]), ...draft.governance.profiles.filter((p) => !p.builtIn)];
          draft.governance.defaultsCreated = true;
        } else {
          draft.governance.toolsets = adoptNewTools(draft.governance.toolsets, catalog, fresh.added);
        }
      });
    },
    tool: (name) => byName.get(name),
    toolViews,
    setToolStates(names, state) {
      const wanted = dedupe(names);
      checkToolNames(wanted);
      settings.update((draft) => {
        for (const name of wanted) draft.governance.tools[name] = decidedRecord(discovered(byName.get(name)!), state);
      });
      return toolViews().filter((v) => wanted.includes(v.name));
    },
    pendingReviewCount() {
      const g = gov();
      return catalog.filter((t) => (g.tools[t.name]?.state ?? 'pending_review') === 'pending_review').length;
    },

    toolsets: () => gov().toolsets,
    createToolset({ name, tools }) {
      const wanted = dedupe(tools);
      checkToolNames(wanted);
      const set: Toolset = { id: newId('ts'), name: name.trim(), tools: wanted.sort(), builtIn: false };
      settings.update((draft) => {
        uniqueName(draft.governance.toolsets, name, 'toolset');
        draft.governance.toolsets.push(set);
      });
      return set;
    },
    updateToolset({ id, name, tools }) {
      if (tools) checkToolNames(tools);
      let out: Toolset | undefined;
      settings.update((draft) => {
        const set = draft.governance.toolsets.find((t) => t.id === id);
        if (!set) throw notFound('toolset', id);
        if (name !== undefined) {
          uniqueName(draft.governance.toolsets, name, 'toolset', id);
          set.name = name.trim();
        }
        if (tools) set.tools = dedupe(tools).sort();
        out = structuredClone(set);
      });
      return out!;
    },
    deleteToolset(id) {
      settings.update((draft) => {
        if (!draft.governance.toolsets.some((t) => t.id === id)) throw notFound('toolset', id);
        draft.governance.toolsets = draft.governance.toolsets.filter((t) => t.id !== id);
        for (const p of draft.governance.profiles) p.toolsetIds = p.toolsetIds.filter((x) => x !== id);
      });
    },

    profiles: () => gov().profiles,
    createProfile({ name, toolsetIds }) {
      const profile: AccessProfile = { id: newId('pr'), name: name.trim(), toolsetIds: dedupe(toolsetIds), builtIn: false };
      settings.update((draft) => {
        uniqueName(draft.governance.profiles, name, 'access profile');
        checkToolsetIds(draft, profile.toolsetIds);
        draft.governance.profiles.push(profile);
      });
      return profile;
    },
    updateProfile({ id, name, toolsetIds }) {
      let out: AccessProfile | undefined;
      settings.update((draft) => {
        const p = draft.governance.profiles.find((x) => x.id === id);
        if (!p) throw notFound('access profile', id);
        if (name !== undefined) {
          uniqueName(draft.governance.profiles, name, 'access profile', id);
          p.name = name.trim();
        }
        if (toolsetIds) {
          checkToolsetIds(draft, toolsetIds);
          p.toolsetIds = dedupe(toolsetIds);
        }
        out = structuredClone(p);
      });
      return out!;
    },
    deleteProfile(id) {
      settings.update((draft) => {
        const p = draft.governance.profiles.find((x) => x.id === id);
        if (!p) throw notFound('access profile', id);
        const users = draft.governance.clients.filter((c) => c.profileId === id && !c.revoked);
        if (users.length) {
          throw new ContractError(
            'profile_in_use',
            `The access profile "${p.name}" is used by ${users.map((c) => `"${c.name}"`).join(', ')}. Bind ${users.length > 1 ? 'those clients' : 'that client'} to another profile first.`,
          );
        }
        draft.governance.profiles = draft.governance.profiles.filter((x) => x.id !== id);
      });
    },

    clientViews: (sessionsOf = () => 0) => gov().clients.map((c) => clientView(c, sessionsOf(c.id))),
    clientView,
    client: (id) => gov().clients.find((c) => c.id === id),
    createClient({ name, profileId }) {
      const token = newClientToken();
      const record: ClientRecord = {
        id: newId('cl'),
        name: name.trim(),
        profileId,
        tokenHash: hashClientToken(token),
        createdAt: now().toISOString(),
        lastSeenAt: null,
        revoked: false,
      };
      settings.update((draft) => {
        uniqueName(draft.governance.clients.filter((c) => !c.revoked), name, 'client');
        checkProfileId(draft, profileId);
        draft.governance.clients.push(record);
      });
      return { client: record, token };
    },
    renameClient(id, name) {
      let out: ClientRecord | undefined;
      settings.update((draft) => {
        const c = mustClient(draft, id);
        uniqueName(draft.governance.clients.filter((x) => !x.revoked), name, 'client', id);
        c.name = name.trim();
        out = structuredClone(c);
      });
      return out!;
    },
    bindClient(id, profileId) {
      let out: ClientRecord | undefined;
      settings.update((draft) => {
        const c = mustClient(draft, id);
        checkProfileId(draft, profileId);
        c.profileId = profileId;
        out = structuredClone(c);
      });
      return out!;
    },
    rotateClient(id) {
      const token = newClientToken();
      let out: ClientRecord | undefined;
      settings.update((draft) => {
        const c = mustClient(draft, id);
        if (c.revoked) throw new ContractError('revoked', `The client "${c.name}" is revoked; create a new client instead.`);
        c.tokenHash = hashClientToken(token);
        out = structuredClone(c);
      });
      return { client: out!, token };
    },
    revokeClient(id) {
      let out: ClientRecord | undefined;
      settings.update((draft) => {
        const c = mustClient(draft, id);
        c.revoked = true;
        out = structuredClone(c);
      });
      return out!;
    },

    authenticate(token) {
      if (!token) return null;
      const hash = hashClientToken(token);
      return gov().clients.find((c) => c.tokenHash === hash && !c.revoked) ?? null;
    },
    touchClient(id) {
      const t = now().getTime();
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
    visibleTools(clientId) {
      return [...catalog]
        .filter((t) => access(clientId, t.name).kind === 'visible')
        .sort((a, b) => (a.name < b.name ? -1 : 1));
    },
    access,

    findToolset: (ref) => gov().toolsets.find((t) => t.id === ref) ?? gov().toolsets.find((t) => same(t.name, ref)),
    findProfile: (ref) => gov().profiles.find((p) => p.id === ref) ?? gov().profiles.find((p) => same(p.name, ref)),
    findClient: (ref) =>
      gov().clients.find((c) => c.id === ref) ?? gov().clients.find((c) => same(c.name, ref) && !c.revoked) ?? gov().clients.find((c) => same(c.name, ref)),
  };
}
