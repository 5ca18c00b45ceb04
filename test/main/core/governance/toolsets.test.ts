import { describe, expect, it } from 'vitest';
import { setup } from './fixtures';

describe('toolsets', () => {
  it('creates, renames and fills a toolset; rejects unknown tools and duplicate names and changes nothing', () => {
    const { settings, gov } = setup();
    const before = JSON.stringify(settings.read());
    expect(() => gov.createToolset({ name: 'Mine', tools: ['list_incidents', 'no_such_tool'] })).toThrow(/Unknown tool: no_such_tool/);
    expect(() => gov.createToolset({ name: 'read-ONLY', tools: [] })).toThrow(/already exists/);
    expect(JSON.stringify(settings.read())).toBe(before);

    const set = gov.createToolset({ name: ' Notes ', tools: ['manage_incidents', 'get_incident', 'get_incident'] });
    expect(set).toMatchObject({ name: 'Notes', tools: ['get_incident', 'manage_incidents'], builtIn: false });
    expect(gov.updateToolset({ id: set.id, name: 'Night', tools: ['list_incidents'] })).toMatchObject({ name: 'Night', tools: ['list_incidents'] });
    expect(() => gov.updateToolset({ id: set.id, name: 'responder' })).toThrow(/already exists/);
    expect(() => gov.updateToolset({ id: 'ts_nope', name: 'x' })).toThrow(/no toolset "ts_nope"/);
    expect(gov.findToolset('NIGHT')?.id).toBe(set.id);
    expect(gov.findToolset(set.id)?.name).toBe('Night');
  });

  it('removes a deleted toolset from every profile', () => {
    const { gov } = setup();
    const set = gov.createToolset({ name: 'Notes', tools: ['manage_incidents'] });
    const profile = gov.createProfile({ name: 'Notes only', toolsetIds: [set.id, 'ts_read_only'] });
    gov.deleteToolset(set.id);
    expect(gov.findProfile(profile.id)!.toolsetIds).toEqual(['ts_read_only']);
    expect(() => gov.deleteToolset(set.id)).toThrow(/no toolset/);
  });
});
