import { describe, expect, it } from 'vitest';
import { setup } from './fixtures';

describe('the access decision', () => {
  it('shows a client exactly the approved tools of its profile, in order, and hides the rest', () => {
    const { gov } = setup();
    const responder = gov.createClient({ name: 'A', profileId: 'pr_responder' }).client;
    const reader = gov.createClient({ name: 'B', profileId: 'pr_read_only' }).client;
    expect(gov.visibleTools(responder.id).map((t) => t.name)).toEqual(['get_incident', 'list_incidents']);
    gov.setToolStates(['manage_incidents'], 'ask_each_time');
    expect(gov.visibleTools(responder.id).map((t) => t.name)).toEqual(['get_incident', 'list_incidents', 'manage_incidents']);
    expect(gov.access(responder.id, 'manage_incidents')).toMatchObject({ kind: 'visible', state: 'ask_each_time' });
    expect(gov.visibleTools(reader.id).map((t) => t.name)).toEqual(['get_incident', 'list_incidents']);
    expect(gov.access(reader.id, 'manage_incidents')).toMatchObject({ kind: 'hidden', decision: 'not_in_profile' });
    expect(gov.access(responder.id, 'delete_team')).toMatchObject({ kind: 'hidden', decision: 'not_in_profile' });
    gov.setToolStates(['get_incident'], 'denied');
    expect(gov.access(reader.id, 'get_incident')).toMatchObject({ kind: 'hidden', decision: 'not_approved' });
  });

  it('answers unknown for a tool that does not exist (naming the live caller, so it can be audited) and for a revoked client', () => {
    const { gov } = setup();
    const reader = gov.createClient({ name: 'B', profileId: 'pr_read_only' }).client;
    expect(gov.access(reader.id, 'nonexistent')).toMatchObject({ kind: 'unknown', client: { id: reader.id }, profile: { id: 'pr_read_only' } });
    gov.revokeClient(reader.id);
    expect(gov.access(reader.id, 'list_incidents')).toEqual({ kind: 'unknown', client: null, profile: null });
    expect(gov.visibleTools(reader.id)).toEqual([]);
  });
});
