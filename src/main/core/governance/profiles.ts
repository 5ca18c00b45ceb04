// Access profiles: named sets of toolsets; every client is bound to one.
import { ContractError } from '../../../shared/contract';
import type { AccessProfile } from '../../../shared/model';
import type { PersistedState } from '../settings';
import { dedupe, findByRef, newId, notFound, uniqueName, type GovernanceContext } from './records';

export interface Profiles {
  profiles(): AccessProfile[];
  createProfile(input: { name: string; toolsetIds: string[] }): AccessProfile;
  updateProfile(input: { id: string; name?: string; toolsetIds?: string[] }): AccessProfile;
  /** Refused while a live client is bound to it. */
  deleteProfile(id: string): void;
  findProfile(ref: string): AccessProfile | undefined;
}

function checkToolsetIds(state: PersistedState, ids: string[]): void {
  const unknown = ids.filter((id) => !state.governance.toolsets.some((t) => t.id === id));
  if (unknown.length) throw new ContractError('unknown_toolset', `Unknown toolset: ${unknown.join(', ')}. Pick toolsets from the list.`, 'toolsetIds');
}

export function createProfiles(ctx: GovernanceContext): Profiles {
  const { settings } = ctx;
  return {
    profiles: () => ctx.gov().profiles,
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
    findProfile: (ref) => findByRef(ctx.gov().profiles, ref),
  };
}
