// Tool approval states: discovery (catalog ↔ stored records, built-in toolsets and profiles on first
// run), the Tools list, and the person's decisions.
import type { AccessProfile, ApprovalState, ToolView } from '../../../shared/model';
import type { ToolDefinition } from '../catalog';
import { adoptNewTools, BUILT_IN_PROFILES, builtInToolsets } from './defaults';
import { changeHint, decidedRecord, discovered, reconcile } from './discovery';
import { byToolName, checkToolNames, dedupe, type GovernanceContext } from './records';

export interface ToolStates {
  /** Reconciles the catalog with stored records and creates the built-in defaults on first run. */
  discover(): void;
  tool(name: string): ToolDefinition<any> | undefined;
  toolViews(): ToolView[];
  setToolStates(names: string[], state: ApprovalState): ToolView[];
  pendingReviewCount(): number;
}

export function createToolStates(ctx: GovernanceContext): ToolStates {
  const { settings, catalog, byName } = ctx;

  const toolViews = (): ToolView[] => {
    const g = ctx.gov();
    return [...catalog].sort(byToolName).map((tool) => {
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

  return {
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
      checkToolNames(ctx, wanted);
      settings.update((draft) => {
        for (const name of wanted) draft.governance.tools[name] = decidedRecord(discovered(byName.get(name)!), state);
      });
      return toolViews().filter((v) => wanted.includes(v.name));
    },
    pendingReviewCount() {
      const g = ctx.gov();
      return catalog.filter((t) => (g.tools[t.name]?.state ?? 'pending_review') === 'pending_review').length;
    },
  };
}
