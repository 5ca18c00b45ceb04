import { describe, expect, it } from 'vitest';
import { revokeEffect, rotateEffect } from '../../../../../src/renderer/src/features/clients/effects';
import type { ClientView } from '../../../../../src/shared/model';

const client = (extra: Partial<ClientView> = {}): ClientView => ({
  id: 'cl_1',
  name: 'Claude Code on my laptop',
  profileId: 'pr_1',
  createdAt: '2026-01-01T00:00:00Z',
  lastSeenAt: null,
  revoked: false,
  sessions: 0,
  ...extra,
});

describe('what rotating or revoking breaks, said before it happens', () => {
  it('rotating a client whose token is pasted in stops it until the new token is pasted', () => {
    expect(rotateEffect(client())).toBe('Claude Code on my laptop stops working until you paste the new token into its config: the old token stops working at once.');
    expect(rotateEffect(client({ sessions: 2 }))).toMatch(/Its 2 open sessions fail from their next call on\.$/);
  });

  it('rotating a keychain-based client says the helper picks the new token up by itself', () => {
    expect(rotateEffect(client({ tokenInKeychain: true }))).toMatch(/reads it from the keychain .* gets the new one by itself; a config with the old token pasted in stops working/);
  });

  it('revoking is for good, says the keychain copy goes, and counts the sessions it closes', () => {
    expect(revokeEffect(client({ tokenInKeychain: true, sessions: 1 }))).toBe(
      'Claude Code on my laptop stops working at once and for good: its token is refused and its keychain copy is deleted. Its open session is closed. This cannot be undone; create a new client to connect again.',
    );
    expect(revokeEffect(client())).not.toContain('keychain');
  });
});
