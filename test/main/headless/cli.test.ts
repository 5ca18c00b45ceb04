import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../../src/main/headless/cli';
import { createConfBackend, createSettingsStore } from '../../../src/main/core/settings';
import { hashClientToken } from '../../../src/main/core/governance';
import { openAuditLog } from '../../../src/main/core/audit';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});
function dataDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'pdmcp-cli-'));
  dirs.push(d);
  return d;
}

async function run(dir: string, ...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(['--data-dir', dir, ...argv], { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const state = (dir: string) => {
  const s = createSettingsStore(createConfBackend(dir));
  try {
    return s.read();
  } finally {
    s.close();
  }
};

describe('cli', () => {
  it('lists tools with their first states and changes states by name or in bulk', async () => {
    const dir = dataDir();
    const listed = await run(dir, 'tools', 'list', '--json');
    expect(listed.code).toBe(0);
    const tools = JSON.parse(listed.out) as { name: string; approvalState: string; toolClass: string }[];
    expect(tools.find((t) => t.name === 'list_incidents')?.approvalState).toBe('approved');
    expect(tools.find((t) => t.name === 'manage_incidents')?.approvalState).toBe('pending_review');

    expect((await run(dir, 'tools', 'approve', 'manage_incidents')).code).toBe(0);
    expect(state(dir).governance.tools.manage_incidents?.state).toBe('approved');
    expect((await run(dir, 'tools', 'deny', '--all-read')).out).toMatch(/tools set to denied/);
    expect(state(dir).governance.tools.list_incidents?.state).toBe('denied');

    const bad = await run(dir, 'tools', 'approve', 'no_such_tool');
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/Unknown tool: no_such_tool/);
  });

  it('manages toolsets and profiles by name, with the same rules as the app', async () => {
    const dir = dataDir();
    expect((await run(dir, 'toolsets', 'create', 'Notes', '--tools', 'add_note_to_incident,list_incident_notes')).code).toBe(0);
    expect((await run(dir, 'toolsets', 'add', 'notes', 'get_incident')).out).toMatch(/now has 3 tools/);
    expect((await run(dir, 'toolsets', 'create', 'NOTES')).err).toMatch(/already exists/);
    expect((await run(dir, 'profiles', 'create', 'Scribe', '--toolsets', 'Notes,Read-only')).code).toBe(0);
    const profiles = JSON.parse((await run(dir, 'profiles', 'list', '--json')).out) as { name: string; toolsetIds: string[] }[];
    expect(profiles.find((p) => p.name === 'Scribe')?.toolsetIds).toHaveLength(2);
    expect((await run(dir, 'toolsets', 'delete', 'Notes')).code).toBe(0);
    const after = state(dir).governance.profiles.find((p) => p.name === 'Scribe')!;
    expect(after.toolsetIds).toEqual(['ts_read_only']);
  });

  it('adds a client, prints its token once, and stores only the hash', async () => {
    const dir = dataDir();
    const added = await run(dir, 'clients', 'add', 'Claude Code', '--profile', 'Responder');
    expect(added.code).toBe(0);
    const token = added.out.trim();
    expect(token).toMatch(/^pdmcp_/);
    expect(added.err).toMatch(/shown only once/);
    const file = fs.readFileSync(path.join(dir, 'config.json'), 'utf8');
    expect(file).not.toContain(token);
    expect(file).toContain(hashClientToken(token));
    expect((await run(dir, 'profiles', 'delete', 'Responder')).err).toMatch(/used by "Claude Code"/);
    expect((await run(dir, 'clients', 'revoke', 'claude code')).code).toBe(0);
    expect(state(dir).governance.clients[0]!.revoked).toBe(true);
  });

  it('answers an unknown command or flag with usage and exit code 2', async () => {
    const dir = dataDir();
    const unknown = await run(dir, 'frobnicate');
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(/Usage:/);
    expect((await run(dir, 'tools', 'list', '--bogus')).code).toBe(2);
    expect((await run(dir, 'clients', 'add', 'X')).code).toBe(2);
    expect((await run(dir, 'help')).code).toBe(0);
  });

  it('tails, verifies and exports the audit log', async () => {
    const dir = dataDir();
    const audit = await openAuditLog({ dir: path.join(dir, 'audit') });
    for (const tool of ['list_incidents', 'get_incident']) {
      await audit.append({
        time: new Date().toISOString(), clientId: 'c1', clientName: 'Cursor', profileId: null, profileName: null, tool, toolClass: 'read',
        decision: 'allowed', outcome: 'ok', durationMs: 3, pdStatus: 200, pdRequestId: null, identity: null, args: {}, message: null,
      });
    }
    await audit.close();
    const tail = await run(dir, 'audit', 'tail', '-n', '1', '--json');
    expect(tail.out.split('\n').map((l) => JSON.parse(l).tool)).toEqual(['get_incident']);
    expect((await run(dir, 'audit', 'verify')).code).toBe(0);
    const out = path.join(dir, 'export.csv');
    expect((await run(dir, 'audit', 'export', '--format', 'csv', '--out', out)).out).toMatch(/Wrote 2 entries/);
    expect(fs.readFileSync(out, 'utf8')).toContain('get_incident');
  });
});
