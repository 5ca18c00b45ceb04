// `toolsets …`: named sets of tools.
import { check, CliError, list, need, table, toolsetOf, UsageError, type Cmd } from './shared';

export function toolsetsCommand({ gov, io, flags, verb, rest }: Cmd): void {
  switch (verb) {
    case 'list': {
      const sets = gov.toolsets();
      if (flags.json) return io.out(JSON.stringify(sets, null, 2));
      return io.out(table([['NAME', 'ID', 'TOOLS'], ...sets.map((s) => [s.name, s.id, String(s.tools.length)])]));
    }
    case 'create': {
      need(rest, 1, 'the toolset name');
      const tools = list(flags.tools as string | undefined);
      check('toolsets.create', { name: rest[0], tools });
      const set = gov.createToolset({ name: rest[0]!, tools });
      return io.out(`Created toolset "${set.name}" (${set.id}) with ${set.tools.length} tools.`);
    }
    case 'add':
    case 'remove': {
      need(rest, 2, 'the toolset name and at least one tool');
      const set = toolsetOf(gov, rest[0]!);
      const names = rest.slice(1);
      const tools = verb === 'add' ? [...set.tools, ...names] : set.tools.filter((t) => !names.includes(t));
      if (verb === 'remove') {
        const absent = names.filter((n) => !set.tools.includes(n));
        if (absent.length) throw new CliError(`"${set.name}" does not contain ${absent.join(', ')}.`);
      }
      const next = gov.updateToolset({ id: set.id, tools });
      return io.out(`Toolset "${next.name}" now has ${next.tools.length} tools.`);
    }
    case 'rename': {
      need(rest, 2, 'the toolset name and the new name');
      check('toolsets.update', { id: 'x', name: rest[1] });
      const next = gov.updateToolset({ id: toolsetOf(gov, rest[0]!).id, name: rest[1]! });
      return io.out(`Renamed to "${next.name}".`);
    }
    case 'delete': {
      need(rest, 1, 'the toolset name');
      const set = toolsetOf(gov, rest[0]!);
      gov.deleteToolset(set.id);
      return io.out(`Deleted toolset "${set.name}".`);
    }
    default:
      throw new UsageError(`Unknown toolsets command "${verb ?? ''}".`);
  }
}

