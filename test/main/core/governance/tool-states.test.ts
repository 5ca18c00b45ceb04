import { describe, expect, it } from 'vitest';
import { ContractError } from '../../../../src/shared/contract';
import { createGovernance } from '../../../../src/main/core/governance';
import { catalog, read, setup, store } from './fixtures';

describe('tool states and discovery', () => {
  it('gives reads approved and writes pending by default, and creates the built-in toolsets and profiles once', () => {
    const settings = store();
    const gov = createGovernance({ settings, catalog });
    gov.discover();
    const states = Object.fromEntries(gov.toolViews().map((v) => [v.name, v.approvalState]));
    expect(states).toEqual({ delete_team: 'pending_review', get_incident: 'approved', list_incidents: 'approved', manage_incidents: 'pending_review' });
    expect(gov.pendingReviewCount()).toBe(2);
    expect(gov.toolsets().map((t) => [t.name, t.tools])).toEqual([
      ['Read-only', ['get_incident', 'list_incidents']],
      ['Responder', ['get_incident', 'list_incidents', 'manage_incidents']],
      ['All tools', ['delete_team', 'get_incident', 'list_incidents', 'manage_incidents']],
    ]);
    expect(gov.profiles().map((p) => p.name)).toEqual(['Read-only', 'Responder', 'Everything']);

    // Deleting a built-in must stick: discovery never revives it.
    gov.deleteToolset('ts_read_only');
    createGovernance({ settings, catalog }).discover();
    expect(gov.toolsets().map((t) => t.name)).toEqual(['Responder', 'All tools']);
    expect(gov.profiles().find((p) => p.name === 'Read-only')!.toolsetIds).toEqual([]);
  });

  it('follows the default classification setting for first states', () => {
    const settings = store();
    settings.update((d) => {
      d.settings.defaultClassification = 'all_pending';
    });
    const gov = createGovernance({ settings, catalog });
    gov.discover();
    expect(gov.toolViews().every((v) => v.approvalState === 'pending_review')).toBe(true);
  });

  it('sends an approved tool whose definition changed back to review, saying what changed', () => {
    const settings = store();
    createGovernance({ settings, catalog }).discover();
    const changed = [read('list_incidents', 'Reads incidents, now differently.'), ...catalog.slice(1)];
    const gov = createGovernance({ settings, catalog: changed });
    gov.discover();
    const view = gov.toolViews().find((v) => v.name === 'list_incidents')!;
    expect(view.approvalState).toBe('pending_review');
    expect(view.definitionChanged).toBe(true);
    expect(view.changeHint).toBe('description changed since it was approved');
    // Approving it again clears the change note.
    const [again] = gov.setToolStates(['list_incidents'], 'approved');
    expect(again).toMatchObject({ approvalState: 'approved', definitionChanged: false, changeHint: null });
  });

  it('adds newly discovered tools to the built-in toolsets they fit', () => {
    const settings = store();
    createGovernance({ settings, catalog }).discover();
    const gov = createGovernance({ settings, catalog: [...catalog, read('list_teams')] });
    gov.discover();
    expect(gov.findToolset('Read-only')!.tools).toContain('list_teams');
    expect(gov.findToolset('All tools')!.tools).toContain('list_teams');
  });

  it('refuses a state for an unknown tool and changes nothing', () => {
    const { settings, gov } = setup();
    const before = JSON.stringify(settings.read());
    expect(() => gov.setToolStates(['list_incidents', 'nope'], 'approved')).toThrow(ContractError);
    expect(JSON.stringify(settings.read())).toBe(before);
  });
});
