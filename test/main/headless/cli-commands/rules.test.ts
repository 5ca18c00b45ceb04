import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../../../src/main/headless/cli';
import { createConfBackend, createSettingsStore } from '../../../../src/main/core/settings';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});
function dataDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'pdmcp-cli-rules-'));
  dirs.push(d);
  return d;
}
async function run(dir: string, ...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(['--data-dir', dir, ...argv], { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}
const rules = (dir: string) => {
  const s = createSettingsStore(createConfBackend(dir));
  try {
    return s.read().governance.rules;
  } finally {
    s.close();
  }
};

describe('cli rules', () => {
  it('lists the default rules for the incident tools', async () => {
    const dir = dataDir();
    const listed = await run(dir, 'rules', 'list', '--tool', 'manage_incidents');
    expect(listed.code).toBe(0);
    expect(listed.out.split('\n')).toEqual([
      expect.stringMatching(/^ID\s+TOOL\s+WHEN\s+THEN$/),
      expect.stringMatching(/^ru_resolve\s+manage_incidents\s+status = resolved\s+ask each time$/),
      expect.stringMatching(/^ru_reassign\s+manage_incidents\s+assignee_user_id is set\s+ask each time$/),
      expect.stringMatching(/^ru_escalate\s+manage_incidents\s+escalation_level is set\s+ask each time$/),
      expect.stringMatching(/^ru_bulk\s+manage_incidents\s+incident_ids more than 5\s+ask each time$/),
    ]);
    expect(JSON.parse((await run(dir, 'rules', 'list', '--json')).out)).toHaveLength(6);
  });

  it('adds, updates and deletes a rule, with the same checks as the app, and changes nothing on a mistake', async () => {
    const dir = dataDir();
    const added = await run(dir, 'rules', 'add', 'manage_incidents', 'incident_ids', 'more-than', '20', '--action', 'deny');
    expect(added.code).toBe(0);
    const id = /Added rule (ru_[0-9a-f]+)/.exec(added.out)![1]!;
    expect(added.out).toBe(`Added rule ${id}: incident_ids more than 20 → deny (manage_incidents).`);
    expect(rules(dir).find((r) => r.id === id)).toMatchObject({ tool: 'manage_incidents', argument: 'incident_ids', condition: 'more_than', value: 20, action: 'deny' });

    const before = JSON.stringify(rules(dir));
    expect(await run(dir, 'rules', 'add', 'manage_incidents', 'status', 'is', 'closed')).toMatchObject({ code: 1, err: expect.stringMatching(/status is one of acknowledged, resolved/) });
    expect(await run(dir, 'rules', 'add', 'manage_incidents', 'status', 'matches', 'x')).toMatchObject({ code: 2, err: expect.stringMatching(/Unknown condition "matches"/) });
    expect(await run(dir, 'rules', 'add', 'manage_incidents', 'status', 'is', 'resolved', '--action', 'maybe')).toMatchObject({ code: 2 });
    expect(await run(dir, 'rules', 'add', 'manage_incidents', 'status')).toMatchObject({ code: 2, err: expect.stringMatching(/Missing the tool, the argument and a condition/) });
    expect(JSON.stringify(rules(dir))).toBe(before);

    expect((await run(dir, 'rules', 'update', id, 'more-than', '10')).out).toBe(`Rule ${id} is now: incident_ids more than 10 → deny (manage_incidents).`);
    expect((await run(dir, 'rules', 'update', 'ru_resolve', '--action', 'deny')).out).toBe('Rule ru_resolve is now: status = resolved → deny (manage_incidents).');
    expect((await run(dir, 'rules', 'delete', id)).out).toMatch(/Deleted rule/);
    expect(await run(dir, 'rules', 'delete', id)).toMatchObject({ code: 1, err: expect.stringMatching(/no argument rule/) });
    expect(rules(dir).map((r) => r.id)).not.toContain(id);
  });
});
