import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { auditHandlers, openAuditLog, type AuditLog } from '../../../../src/main/core/audit';
import { dispatch, type Handlers } from '../../../../src/shared/contract';
import { input, removeTempDirs, tempDir } from './helpers';

let audit: AuditLog | null = null;
afterEach(async () => {
  await audit?.close();
  audit = null;
});
afterAll(removeTempDirs);

describe('auditHandlers', () => {
  it('serves the audit calls of the contract, validated by its schemas', async () => {
    audit = await openAuditLog({ dir: tempDir(), groupCommitMs: 0 });
    for (let i = 0; i < 5; i++) await audit.append(input({ tool: i % 2 ? 'create_incident' : 'list_incidents' }));
    const exportDir = path.join(tempDir(), 'exports');
    const handlers = auditHandlers(audit, { exportDir, now: () => new Date('2026-11-30T12:00:00Z') }) as unknown as Handlers;

    const page = await dispatch(handlers, 'audit.query', { tool: 'create_incident', limit: 1 });
    expect(page.entries.map((e) => e.seq)).toEqual([4]);
    const next = await dispatch(handlers, 'audit.query', { tool: 'create_incident', limit: 1, cursor: page.nextCursor! });
    expect(next.entries.map((e) => e.seq)).toEqual([2]);
    expect(next.nextCursor).toBeNull();

    expect((await dispatch(handlers, 'audit.get', { seq: 3 }))?.seq).toBe(3);
    expect(await dispatch(handlers, 'audit.verify', {})).toMatchObject({ ok: true, entries: 5 });

    const first = await dispatch(handlers, 'audit.export', { format: 'csv', filter: {} });
    const second = await dispatch(handlers, 'audit.export', { format: 'csv' });
    expect(path.dirname(first.path)).toBe(exportDir);
    expect(first.path).not.toBe(second.path);
    expect(fs.readFileSync(first.path, 'utf8').trim().split('\r\n')).toHaveLength(6);

    const buckets = await dispatch(handlers, 'audit.histogram', { since: '2026-11-30T09:00:00Z', until: '2026-11-30T11:00:00Z', buckets: 2 });
    expect(buckets.map((b) => b.calls)).toEqual([0, 5]);

    await expect(dispatch(handlers, 'audit.query', { limit: 501 })).rejects.toThrow(/limit/);
  });
});
