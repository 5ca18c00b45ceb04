// Upgrading keeps the person's data: a realistic file from every older schema version (and one from the
// current version written before later fields existed) is migrated, and every value in it survives.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createConfBackend, createSettingsStore, migrate, MIGRATIONS, SCHEMA_VERSION } from '../../../../src/main/core/settings';

const governance = {
  tools: {
    list_incidents: { state: 'approved', decidedHash: 'a'.repeat(64), changedFrom: null, decidedSnapshot: { description: 'List incidents.', inputSchema: '0123456789abcdef' } },
    manage_incidents: { state: 'ask_each_time', decidedHash: 'b'.repeat(64), changedFrom: null, decidedSnapshot: null },
    delete_team: { state: 'denied', decidedHash: null },
  },
  toolsets: [
    { id: 'ts_read_only', name: 'Read-only', tools: ['list_incidents'], builtIn: true },
    { id: 'ts_9f8e7d6c5b4a', name: 'Night shift', tools: ['list_incidents', 'manage_incidents'], builtIn: false },
  ],
  profiles: [
    { id: 'pr_read_only', name: 'Read-only', toolsetIds: ['ts_read_only'], builtIn: true },
    { id: 'pr_0a1b2c3d4e5f', name: 'On call', toolsetIds: ['ts_read_only', 'ts_9f8e7d6c5b4a'], builtIn: false },
  ],
  clients: [
    { id: 'cl_111111111111', name: 'Claude Code', profileId: 'pr_0a1b2c3d4e5f', tokenHash: 'c'.repeat(64), createdAt: '2025-11-02T09:00:00.000Z', lastSeenAt: '2025-12-24T18:30:00.000Z', revoked: false },
    { id: 'cl_222222222222', name: 'Old laptop', profileId: 'pr_read_only', tokenHash: 'd'.repeat(64), createdAt: '2025-10-01T09:00:00.000Z', lastSeenAt: null, revoked: true },
  ],
  defaultsCreated: true,
};
const connection = {
  mode: 'api_key',
  region: 'eu',
  baseUrl: null,
  apiKey: { configured: true, actorEmail: 'oncall@example.com', keyLevel: 'account', readOnly: false },
  oauth: { clientId: 'my-app', hasClientSecret: true, scopes: 'read write', port: 7440, authBaseUrl: null, user: null, expiresAt: null, needsAuth: false },
  lastCheck: { at: '2025-12-24T18:00:00.000Z', ok: true, message: null },
};
const settings = { defaultClassification: 'all_pending', mcpPort: 7500, askTimeoutSeconds: 120, auditRetentionDays: 30 };

/** A file as each older version wrote it. Version 0: before schemaVersion existed. */
const FILES: Record<number, Record<string, unknown>> = {
  0: { instanceId: '7d3c1f0e-1111-4222-8333-944455556666', settings, connection, gateway: { paused: true }, governance },
};
/** The current version, written before theme, startAtLogin, argument rules, actor lookup and granted scope existed. */
const CURRENT_BEFORE_LATER_FIELDS = { schemaVersion: SCHEMA_VERSION, ...FILES[0]! };

/** Every leaf of `value` as [path, value]: what "every value survives" checks, one by one. */
function leaves(value: unknown, at = ''): [string, unknown][] {
  if (value === null || typeof value !== 'object') return [[at, value]];
  const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
  if (entries.length === 0) return [[at, value]];
  return entries.flatMap(([k, v]) => leaves(v, at ? `${at}.${k}` : k));
}
function valueAt(value: unknown, at: string): unknown {
  return at.split('.').reduce<unknown>((v, k) => (v === null || typeof v !== 'object' ? undefined : (v as Record<string, unknown>)[k]), value);
}
function expectSurvives(before: Record<string, unknown>, after: unknown) {
  const lost = leaves(before)
    .filter(([at]) => at !== 'schemaVersion')
    .filter(([at, v]) => JSON.stringify(valueAt(after, at)) !== JSON.stringify(v))
    .map(([at, v]) => `${at}: ${JSON.stringify(v)} became ${JSON.stringify(valueAt(after, at))}`);
  expect(lost).toEqual([]);
}

describe('settings migrations', () => {
  it('has a realistic old file for every migration step', () => {
    expect(Object.keys(MIGRATIONS).map(Number).sort()).toEqual(Object.keys(FILES).map(Number).sort());
    expect(Math.max(...Object.keys(MIGRATIONS).map(Number))).toBe(SCHEMA_VERSION - 1);
  });

  for (const [from, file] of Object.entries(FILES)) {
    it(`step ${from} → ${Number(from) + 1} keeps every value, and the whole upgrade reads them all`, () => {
      const stepped = MIGRATIONS[Number(from)]!(structuredClone(file));
      expect(stepped.schemaVersion).toBe(Number(from) + 1);
      expectSurvives(file, stepped);
      const upgraded = migrate(structuredClone(file));
      expectSurvives(file, upgraded);
      expect(upgraded.schemaVersion).toBe(SCHEMA_VERSION);
    });
  }

  it('reads a current-version file from before later fields, keeps every value and fills the new ones with their defaults', () => {
    const state = migrate(structuredClone(CURRENT_BEFORE_LATER_FIELDS));
    expectSurvives(CURRENT_BEFORE_LATER_FIELDS, state);
    expect(state.settings).toMatchObject({ theme: 'system', startAtLogin: false });
    expect(state.governance).toMatchObject({ rules: [], rulesDefaultsCreated: false });
    expect(state.connection.apiKey).toMatchObject({ actorUserId: null, actorName: null });
  });

  it('upgrades an old file on disk in place, keeping every value', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pdmcp-migrate-'));
    const backend = createConfBackend(dir);
    backend.store = structuredClone(FILES[0]!);
    const store = createSettingsStore(createConfBackend(dir));
    expectSurvives(FILES[0]!, store.read());
    const onDisk = JSON.parse(fs.readFileSync(store.filePath, 'utf8')) as Record<string, unknown>;
    expect(onDisk.schemaVersion).toBe(SCHEMA_VERSION);
    expectSurvives(FILES[0]!, onDisk);
    store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
