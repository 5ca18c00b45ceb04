// Pure selection and filtering for the tools table (unit-tested without a browser).
import type { ApprovalState, ToolClass, ToolView } from '../../../../shared/model';

export interface ToolFilter {
  search: string;
  state: ApprovalState | 'all' | 'changed';
  toolClass: ToolClass | 'all';
  area: string | 'all';
}

export const EMPTY_TOOL_FILTER: ToolFilter = { search: '', state: 'all', toolClass: 'all', area: 'all' };

/** Every word of the search must appear in the name, title, description or area (any order, any case). */
export function filterTools(tools: ToolView[], f: ToolFilter): ToolView[] {
  const words = f.search.toLowerCase().split(/\s+/).filter(Boolean);
  return tools.filter((t) => {
    if (f.state === 'changed' ? !t.definitionChanged : f.state !== 'all' && t.approvalState !== f.state) return false;
    if (f.toolClass !== 'all' && t.toolClass !== f.toolClass) return false;
    if (f.area !== 'all' && t.area !== f.area) return false;
    if (words.length === 0) return true;
    const hay = `${t.name} ${t.title} ${t.description} ${t.area}`.toLowerCase();
    return words.every((w) => hay.includes(w));
  });
}

export function areasOf(tools: ToolView[]): string[] {
  return [...new Set(tools.map((t) => t.area))].sort((a, b) => a.localeCompare(b));
}

export function countByState(tools: ToolView[]): Record<ApprovalState, number> {
  const counts: Record<ApprovalState, number> = { pending_review: 0, approved: 0, ask_each_time: 0, denied: 0 };
  for (const t of tools) counts[t.approvalState]++;
  return counts;
}

/** Header checkbox: selects all visible tools, or clears them if all are selected already. */
export function toggleAll(selected: ReadonlySet<string>, visible: ToolView[]): Set<string> {
  const next = new Set(selected);
  const all = visible.length > 0 && visible.every((t) => next.has(t.name));
  for (const t of visible) {
    if (all) next.delete(t.name);
    else next.add(t.name);
  }
  return next;
}

export function toggleOne(selected: ReadonlySet<string>, name: string): Set<string> {
  const next = new Set(selected);
  if (next.has(name)) next.delete(name);
  else next.add(name);
  return next;
}

/** Drops selected names that no longer exist (after a refresh). */
export function pruneSelection(selected: ReadonlySet<string>, tools: ToolView[]): Set<string> {
  const names = new Set(tools.map((t) => t.name));
  return new Set([...selected].filter((n) => names.has(n)));
}
