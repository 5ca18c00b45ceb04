import { describe, expect, it } from 'vitest';
import type { AppStatus } from '../../src/shared/model';
import { quitConfirmation, trayModel } from '../../src/main/tray-model';

function status(overrides: { connection?: Partial<AppStatus['connection']>; gateway?: Partial<AppStatus['gateway']> } & Partial<Omit<AppStatus, 'connection' | 'gateway'>> = {}): AppStatus {
  const base: AppStatus = {
    version: '0.1.0',
    connection: {
      mode: 'api_key',
      status: 'connected',
      region: 'us',
      baseUrl: null,
      identity: { kind: 'api_key', userId: null, name: null, email: null, actorEmail: 'alex@example.com', keyLevel: 'account' },
      readOnly: false,
      message: null,
      checkedAt: null,
      apiKey: { configured: true, actorEmail: 'alex@example.com' },
      oauth: { clientId: null, hasClientSecret: false, scopes: 'read', port: 7429, pending: false, connected: false, expiresAt: null },
    },
    gateway: { mcpUrl: 'http://127.0.0.1:7428/mcp', port: 7428, paused: false, sessions: 0, bridgeCommand: ['node', 'bridge.js'], bridgeEnv: {} },
    keychain: { available: true, message: null },
    pendingReview: 0,
    askPending: 0,
    connectedClients: 0,
  };
  const { connection, gateway, ...rest } = overrides;
  return { ...base, ...rest, connection: { ...base.connection, ...connection }, gateway: { ...base.gateway, ...gateway } };
}

const labels = (s: AppStatus) => trayModel(s).items.flatMap((i) => (i.kind === 'separator' ? [] : [i.label]));
const actions = (s: AppStatus) => trayModel(s).items.flatMap((i) => (i.kind === 'action' ? [i.action] : []));

describe('trayModel', () => {
  it('shows who is connected, in which region, with the connected icon', () => {
    const model = trayModel(status());
    expect(model.icon).toBe('connected');
    expect(labels(status())[0]).toBe('Connected as alex@example.com (US)');
    expect(actions(status())).toEqual(['open', 'pause', 'copy_mcp_url', 'quit']);
  });

  it('offers Reauthorize only when PagerDuty needs sign-in, disabled while a sign-in is under way', () => {
    const needs = status({ connection: { status: 'needs_auth', mode: 'oauth' } });
    expect(trayModel(needs).icon).toBe('needs_auth');
    expect(actions(needs)).toContain('reauthorize');
    const pending = status({ connection: { status: 'needs_auth', mode: 'oauth', oauth: { ...status().connection.oauth, pending: true } } });
    const item = trayModel(pending).items.find((i) => i.kind === 'action' && i.action === 'reauthorize');
    expect(item).toMatchObject({ enabled: false });
    expect(actions(status())).not.toContain('reauthorize');
  });

  it('turns Pause into Resume and says calls are refused while paused', () => {
    const paused = status({ gateway: { paused: true } });
    expect(trayModel(paused).icon).toBe('paused');
    expect(actions(paused)).toContain('resume');
    expect(actions(paused)).not.toContain('pause');
    expect(labels(paused)).toContain('Gateway paused — AI clients are refused');
  });

  it('shows errors over everything else and an unavailable keychain as an error', () => {
    expect(trayModel(status({ connection: { status: 'error', message: 'DNS failure' } })).icon).toBe('error');
    expect(labels(status({ connection: { status: 'error', message: 'DNS failure' } }))[0]).toBe('PagerDuty error: DNS failure');
    expect(trayModel(status({ keychain: { available: false, message: 'no secret service' } })).icon).toBe('error');
  });

  it('links to pending tools and counts connected clients in the tooltip', () => {
    const s = status({ pendingReview: 3, connectedClients: 2 });
    expect(labels(s)).toContain('Review 3 pending tools…');
    expect(trayModel(s).tooltip).toContain('2 clients connected');
  });

  it('offers Connect when nothing is configured', () => {
    const s = status({ connection: { status: 'not_configured', mode: null, identity: null } });
    expect(trayModel(s).icon).toBe('not_configured');
    expect(actions(s)).toContain('connect');
  });
});

describe('quitConfirmation', () => {
  it('asks before quitting only when AI clients are connected', () => {
    expect(quitConfirmation(status())).toBeNull();
    expect(quitConfirmation(status({ connectedClients: 1 }))?.message).toBe('Quit PagerDuty MCP while 1 AI client is connected?');
  });
});
