// Toolsets: named sets of tools that access profiles are built from.
import type { Toolset } from '../../../shared/model';
import { checkToolNames, dedupe, findByRef, newId, notFound, uniqueName, type GovernanceContext } from './records';

export interface Toolsets {
  toolsets(): Toolset[];
  createToolset(input: { name: string; tools: string[] }): Toolset;
  updateToolset(input: { id: string; name?: string; tools?: string[] }): Toolset;
  /** Also removes it from every profile that had it. */
  deleteToolset(id: string): void;
  findToolset(ref: string): Toolset | undefined;
}

export function createToolsets(ctx: GovernanceContext): Toolsets {
  const { settings } = ctx;
  return {
    toolsets: () => ctx.gov().toolsets,
    createToolset({ name, tools }) {
      const wanted = dedupe(tools);
      checkToolNames(ctx, wanted);
      const set: Toolset = { id: newId('ts'), name: name.trim(), tools: wanted.sort(), builtIn: false };
      settings.update((draft) => {
        uniqueName(draft.governance.toolsets, name, 'toolset');
        draft.governance.toolsets.push(set);
      });
      return set;
    },
    updateToolset({ id, name, tools }) {
      if (tools) checkToolNames(ctx, tools);
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
    findToolset: (ref) => findByRef(ctx.gov().toolsets, ref),
  };
}
