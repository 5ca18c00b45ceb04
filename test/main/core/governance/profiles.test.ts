import { describe, expect, it } from 'vitest';
import { setup } from './fixtures';

describe('access profiles', () => {
  it('creates and updates a profile from existing toolsets only', () => {
    const { settings, gov } = setup();
    const before = JSON.stringify(settings.read());
    expect(() => gov.createProfile({ name: 'P', toolsetIds: ['ts_missing'] })).toThrow(/Unknown toolset/);
    expect(() => gov.createProfile({ name: 'responder', toolsetIds: [] })).toThrow(/already exists/);
    expect(JSON.stringify(settings.read())).toBe(before);
    const p = gov.createProfile({ name: 'On call', toolsetIds: ['ts_read_only', 'ts_read_only'] });
    expect(p.toolsetIds).toEqual(['ts_read_only']);
    expect(gov.updateProfile({ id: p.id, name: 'Night', toolsetIds: ['ts_responder'] })).toMatchObject({ name: 'Night', toolsetIds: ['ts_responder'] });
    expect(() => gov.updateProfile({ id: p.id, toolsetIds: ['ts_gone'] })).toThrow(/Unknown toolset/);
    expect(gov.findProfile('night')?.id).toBe(p.id);
  });

  it('refuses to delete a profile a live client uses, and deletes it once none does', () => {
    const { gov } = setup();
    const profile = gov.createProfile({ name: 'Notes only', toolsetIds: [] });
    const { client } = gov.createClient({ name: 'Cursor', profileId: profile.id });
    expect(() => gov.deleteProfile(profile.id)).toThrow(/used by "Cursor".*another profile first/);
    gov.bindClient(client.id, 'pr_read_only');
    gov.deleteProfile(profile.id);
    expect(gov.findProfile('Notes only')).toBeUndefined();
    expect(() => gov.deleteProfile(profile.id)).toThrow(/no access profile/);
  });
});
