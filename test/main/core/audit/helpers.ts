// Shared test inputs: realistic entries as the governance chain would append them.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AuditInput } from '../../../../src/main/core/audit';

const made: string[] = [];

export function tempDir(prefix = 'pdmcp-audit-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** For afterAll: the temp folders this test file made. */
export function removeTempDirs(): void {
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

export function input(overrides: Partial<AuditInput> = {}): AuditInput {
  return {
    time: '2026-11-30T10:00:00.000Z',
    clientId: 'claude-code',
    clientName: 'Claude Code',
    profileId: 'on-call',
    profileName: 'On-call',
    tool: 'list_incidents',
    toolClass: 'read',
    decision: 'allowed',
    outcome: 'ok',
    durationMs: 42,
    pdStatus: 200,
    pdRequestId: 'req-1',
    identity: 'api_key:ops@example.com',
    args: { statuses: ['triggered'], limit: 25 },
    message: null,
    ...overrides,
  };
}

export function segmentFiles(dir: string): string[] {
  return fs
    .readdirSync(dir)
    .filter((name) => /^audit-\d+\.jsonl$/.test(name))
    .sort();
}

export function readLines(file: string): string[] {
  return fs.readFileSync(file, 'utf8').split('\n').filter((line) => line.length > 0);
}
