import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ContractError } from '../../../../src/shared/contract';
import { defineTool, type ToolDefinition } from '../../../../src/main/core/catalog';
import { createGovernance, hashClientToken } from '../../../../src/main/core/governance';
import { createConfBackend, createSettingsStore, type SettingsStore } from '../../../../src/main/core/settings';

const read = (name: string, description = `Reads ${name}.`) =>
  defineTool({ name, title: name, description, area: 'test', toolClass: 'read', input: z.object({ id: z.string().optional() }), run: async () => ({}) });
const write = (name: string) =>
  defineTool({ name, title: name, description: `Changes ${name}.`, area: 'test', toolClass: 'write', input: z.object({ id: z.string() }), run: async () => ({}) });

const dirs: string[] = [];
const stores: SettingsStore[] = [];
function store(dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pdmcp-gov-'))): SettingsStore {
  dirs.push(dir);
  const s = createSettingsStore(createConfBackend(dir));
  stores.push(s);
  return s;
}
afterEach(() => {
  for (const s of stores.splice(0)) s.close();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

const catalog: ToolDefinition<any>[] = [read('list_incidents'), read('get_incident'), write('manage_incidents'), write('delete_team')];

describe('discovery', () => {
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
});

describe('toolsets, profiles and clients', () => {
  const setup = () => {
    const settings = store();
    const gov = createGovernance({ settings, catalog });
    gov.discover();
    return { settings, gov };
  };

  it('rejects unknown tool names and duplicate names and changes nothing', () => {
    const { settings, gov } = setup();
    const before = JSON.stringify(settings.read());
    expect(() => gov.createToolset({ name: 'Mine', tools: ['list_incidents', 'no_such_tool'] })).toThrow(/Unknown tool: no_such_tool/);
    expect(() => gov.createToolset({ name: 'read-ONLY', tools: [] })).toThrow(/already exists/);
    expect(() => gov.setToolStates(['nope'], 'approved')).toThrow(ContractError);
    expect(() => gov.createProfile({ name: 'P', toolsetIds: ['ts_missing'] })).toThrow(/Unknown toolset/);
    expect(JSON.stringify(settings.read())).toBe(before);
  });

  it('removes a deleted toolset from profiles and refuses to delete a profile a client uses', () => {
    const { gov } = setup();
    const set = gov.createToolset({ name: 'Notes', tools: ['manage_incidents'] });
    const profile = gov.createProfile({ name: 'Notes only', toolsetIds: [set.id] });
    const { client } = gov.createClient({ name: 'Cursor', profileId: profile.id });
    expect(() => gov.deleteProfile(profile.id)).toThrow(/used by "Cursor".*another profile first/);
    gov.deleteToolset(set.id);
    expect(gov.findProfile('Notes only')!.toolsetIds).toEqual([]);
    gov.bindClient(client.id, 'pr_read_only');
    gov.deleteProfile(profile.id);
    expect(gov.findProfile('Notes only')).toBeUndefined();
  });

  it('stores only the token hash; rotation and revocation invalidate the old token', () => {
    const { settings, gov } = setup();
    const { client, token } = gov.createClient({ name: 'Claude Code', profileId: 'pr_responder' });
    expect(token).toMatch(/^pdmcp_[A-Za-z0-9_-]{43}$/);
    expect(fs.readFileSync(settings.filePath, 'utf8')).not.toContain(token);
    expect(settings.read().governance.clients[0]!.tokenHash).toBe(hashClientToken(token));
    expect(gov.authenticate(token)?.id).toBe(client.id);
    const rotated = gov.rotateClient(client.id);
    expect(gov.authenticate(token)).toBeNull();
    expect(gov.authenticate(rotated.token)?.id).toBe(client.id);
    gov.revokeClient(client.id);
    expect(gov.authenticate(rotated.token)).toBeNull();
    expect(() => gov.createClient({ name: 'X', profileId: 'pr_nope' })).toThrow(/no access profile/);
  });

  it('shows a client exactly the approved tools of its profile, in order, and hides the rest', () => {
    const { gov } = setup();
    const responder = gov.createClient({ name: 'A', profileId: 'pr_responder' }).client;
    const reader = gov.createClient({ name: 'B', profileId: 'pr_read_only' }).client;
    expect(gov.visibleTools(responder.id).map((t) => t.name)).toEqual(['get_incident', 'list_incidents']);
    gov.setToolStates(['manage_incidents'], 'ask_each_time');
    expect(gov.visibleTools(responder.id).map((t) => t.name)).toEqual(['get_incident', 'list_incidents', 'manage_incidents']);
    expect(gov.visibleTools(reader.id).map((t) => t.name)).toEqual(['get_incident', 'list_incidents']);
    expect(gov.access(reader.id, 'manage_incidents')).toMatchObject({ kind: 'hidden', decision: 'not_in_profile' });
    expect(gov.access(responder.id, 'delete_team')).toMatchObject({ kind: 'hidden', decision: 'not_in_profile' });
    gov.setToolStates(['get_incident'], 'denied');
    expect(gov.access(reader.id, 'get_incident')).toMatchObject({ kind: 'hidden', decision: 'not_approved' });
    expect(gov.access(reader.id, 'nonexistent')).toEqual({ kind: 'unknown' });
  });
});
