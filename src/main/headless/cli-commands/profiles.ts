// `profiles …`: access profiles, each a set of toolsets.
import { check, list, need, profileOf, table, toolsetOf, UsageError, type Cmd } from './shared';

export function profilesCommand({ gov, io, flags, verb, rest }: Cmd): void {
  switch (verb) {
    case 'list': {
      const profiles = gov.profiles();
      if (flags.json) return io.out(JSON.stringify(profiles, null, 2));
      const names = new Map(gov.toolsets().map((t) => [t.id, t.name]));
      return io.out(table([['NAME', 'ID', 'TOOLSETS'], ...profiles.map((p) => [p.name, p.id, p.toolsetIds.map((id) => names.get(id) ?? id).join(', ')])]));
    }
    case 'create': {
      need(rest, 1, 'the profile name');
      const toolsetIds = list(flags.toolsets as string | undefined).map((ref) => toolsetOf(gov, ref).id);
      check('profiles.create', { name: rest[0], toolsetIds });
      const p = gov.createProfile({ name: rest[0]!, toolsetIds });
      return io.out(`Created access profile "${p.name}" (${p.id}).`);
    }
    case 'add-toolset':
    case 'remove-toolset': {
      need(rest, 2, 'the profile name and at least one toolset');
      const p = profileOf(gov, rest[0]!);
      const ids = rest.slice(1).map((ref) => toolsetOf(gov, ref).id);
      const toolsetIds = verb === 'add-toolset' ? [...p.toolsetIds, ...ids] : p.toolsetIds.filter((id) => !ids.includes(id));
      const next = gov.updateProfile({ id: p.id, toolsetIds });
      return io.out(`Access profile "${next.name}" now has ${next.toolsetIds.length} toolsets.`);
    }
    case 'rename': {
      need(rest, 2, 'the profile name and the new name');
      check('profiles.update', { id: 'x', name: rest[1] });
      const next = gov.updateProfile({ id: profileOf(gov, rest[0]!).id, name: rest[1]! });
      return io.out(`Renamed to "${next.name}".`);
    }
    case 'delete': {
      need(rest, 1, 'the profile name');
      const p = profileOf(gov, rest[0]!);
      gov.deleteProfile(p.id);
      return io.out(`Deleted access profile "${p.name}".`);
    }
    default:
      throw new UsageError(`Unknown profiles command "${verb ?? ''}".`);
  }
}

