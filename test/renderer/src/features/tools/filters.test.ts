import { describe, expect, it } from 'vitest';
import { areasOf, countByState, EMPTY_TOOL_FILTER, filterTools, pruneSelection, toggleAll, toggleOne } from '../../../../../src/renderer/src/features/tools/filters';
import type { ToolView } from '../../../../../src/shared/model';

const tool = (name: string, over: Partial<ToolView> = {}): ToolView => ({
  name,
  title: name,
  description: `${name} description`,
  area: 'incidents',
  toolClass: 'read',
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  inputSchema: {},
  definitionHash: 'h',
  approvalState: 'approved',
  definitionChanged: false,
  changeHint: null,
  toolsetIds: [],
  ...over,
});
const tools = [
  tool('list_incidents'),
  tool('manage_incidents', { toolClass: 'write', approvalState: 'pending_review', description: 'Acknowledge or resolve incidents' }),
  tool('list_services', { area: 'services' }),
  tool('delete_team', { area: 'teams', toolClass: 'write', approvalState: 'denied', definitionChanged: true, changeHint: 'input schema changed' }),
];
const names = (ts: ToolView[]) => ts.map((t) => t.name);

describe('tool filters', () => {
  it('searches every word across name, description and area', () => {
    expect(names(filterTools(tools, { ...EMPTY_TOOL_FILTER, search: 'incidents' }))).toEqual(['list_incidents', 'manage_incidents']);
    expect(names(filterTools(tools, { ...EMPTY_TOOL_FILTER, search: 'RESOLVE incidents' }))).toEqual(['manage_incidents']);
    expect(names(filterTools(tools, { ...EMPTY_TOOL_FILTER, search: 'services list' }))).toEqual(['list_services']);
  });

  it('filters by state, class, area and “definition changed”', () => {
    expect(names(filterTools(tools, { ...EMPTY_TOOL_FILTER, state: 'pending_review' }))).toEqual(['manage_incidents']);
    expect(names(filterTools(tools, { ...EMPTY_TOOL_FILTER, toolClass: 'write' }))).toEqual(['manage_incidents', 'delete_team']);
    expect(names(filterTools(tools, { ...EMPTY_TOOL_FILTER, area: 'services' }))).toEqual(['list_services']);
    expect(names(filterTools(tools, { ...EMPTY_TOOL_FILTER, state: 'changed' }))).toEqual(['delete_team']);
    expect(filterTools(tools, EMPTY_TOOL_FILTER)).toHaveLength(4);
  });

  it('lists areas and counts states', () => {
    expect(areasOf(tools)).toEqual(['incidents', 'services', 'teams']);
    expect(countByState(tools)).toEqual({ pending_review: 1, approved: 2, ask_each_time: 0, denied: 1 });
  });

  it('selects all shown tools, then clears them, keeping hidden selections', () => {
    const shown = filterTools(tools, { ...EMPTY_TOOL_FILTER, area: 'incidents' });
    const start = new Set(['list_services']);
    const all = toggleAll(start, shown);
    expect([...all].sort()).toEqual(['list_incidents', 'list_services', 'manage_incidents']);
    expect([...toggleAll(all, shown)]).toEqual(['list_services']);
    expect([...toggleOne(new Set(), 'x')]).toEqual(['x']);
    expect([...toggleOne(new Set(['x']), 'x')]).toEqual([]);
    expect([...pruneSelection(new Set(['gone', 'list_incidents']), tools)]).toEqual(['list_incidents']);
  });
});
