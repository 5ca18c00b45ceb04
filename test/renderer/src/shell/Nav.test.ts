import { describe, expect, it } from 'vitest';
import { navBadge, pageFromHash } from '../../../../src/renderer/src/shell/Nav';
import type { AppStatus } from '../../../../src/shared/model';

const status = (over: { pendingReview?: number; connectedClients?: number; conn?: AppStatus['connection']['status'] }) =>
  ({ pendingReview: over.pendingReview ?? 0, connectedClients: over.connectedClients ?? 0, connection: { status: over.conn ?? 'connected' } }) as AppStatus;

describe('navigation badges', () => {
  it('point at what needs the person: tools to review, live clients, a missing connection', () => {
    expect(navBadge('tools', status({ pendingReview: 3 }))).toBe('3');
    expect(navBadge('tools', status({}))).toBeNull();
    expect(navBadge('clients', status({ connectedClients: 2 }))).toBe('2');
    expect(navBadge('connection', status({ conn: 'needs_auth' }))).toBe('!');
    expect(navBadge('connection', status({}))).toBeNull();
    expect(navBadge('audit', status({ pendingReview: 9 }))).toBeNull();
  });
});

describe('pages from the address', () => {
  it('opens the page the tray or a notification asked for, and ignores anything else', () => {
    expect(pageFromHash('#/tools')).toBe('tools');
    expect(pageFromHash('#/audit')).toBe('audit');
    expect(pageFromHash('#/secrets')).toBeNull();
    expect(pageFromHash('#token=abc')).toBeNull();
    expect(pageFromHash('')).toBeNull();
  });
});
