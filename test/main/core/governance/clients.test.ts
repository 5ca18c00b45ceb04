import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createGovernance, hashClientToken } from '../../../../src/main/core/governance';
import { setup } from './fixtures';

describe('clients', () => {
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
    expect(() => gov.rotateClient(client.id)).toThrow(/revoked/);
    expect(() => gov.createClient({ name: 'X', profileId: 'pr_nope' })).toThrow(/no access profile/);
  });

  it('keeps live client names unique, renames and binds, and finds a live client before a revoked namesake', () => {
    const { gov } = setup();
    const a = gov.createClient({ name: 'Cursor', profileId: 'pr_read_only' }).client;
    expect(() => gov.createClient({ name: 'cursor', profileId: 'pr_read_only' })).toThrow(/already exists/);
    gov.revokeClient(a.id);
    const b = gov.createClient({ name: 'Cursor', profileId: 'pr_responder' }).client;
    expect(gov.findClient('CURSOR')?.id).toBe(b.id);
    expect(gov.renameClient(b.id, 'Cursor laptop').name).toBe('Cursor laptop');
    expect(gov.findClient('cursor')?.id).toBe(a.id);
    expect(gov.bindClient(b.id, 'pr_everything').profileId).toBe('pr_everything');
    expect(gov.clientViews((id) => (id === b.id ? 2 : 0)).map((c) => [c.name, c.revoked, c.sessions])).toEqual([
      ['Cursor', true, 0],
      ['Cursor laptop', false, 2],
    ]);
  });

  it('writes "last seen" at most once a minute', () => {
    let now = Date.parse('2026-01-01T00:00:00Z');
    const { settings } = setup();
    const gov = createGovernance({ settings, catalog: [], now: () => new Date(now) });
    const { client } = gov.createClient({ name: 'A', profileId: 'pr_read_only' });
    gov.touchClient(client.id);
    expect(gov.client(client.id)!.lastSeenAt).toBe('2026-01-01T00:00:00.000Z');
    now += 30_000;
    gov.touchClient(client.id);
    expect(gov.client(client.id)!.lastSeenAt).toBe('2026-01-01T00:00:00.000Z');
    now += 31_000;
    gov.touchClient(client.id);
    expect(gov.client(client.id)!.lastSeenAt).toBe('2026-01-01T00:01:01.000Z');
  });
});
