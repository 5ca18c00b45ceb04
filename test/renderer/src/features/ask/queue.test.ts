import { describe, expect, it } from 'vitest';
import { addPrompt, mergePrompts, removePrompt } from '../../../../../src/renderer/src/features/ask/queue';
import type { AskPrompt } from '../../../../../src/shared/model';

const prompt = (id: string, requestedAt: string): AskPrompt => ({
  id,
  clientId: 'c',
  clientName: 'Laptop',
  tool: 'manage_incidents',
  toolTitle: 'Manage incidents',
  toolClass: 'write',
  args: {},
  argsHash: '0'.repeat(64),
  masked: [],
  ignored: [],
  labels: [],
  reason: 'This tool is set to ask each time.',
  grantMinutes: 15,
  requestedAt,
  expiresAt: '2026-01-10T12:05:00Z',
});

describe('ask queue', () => {
  it('keeps the oldest request first and never shows one twice', () => {
    const a = prompt('a', '2026-01-10T12:00:01Z');
    const b = prompt('b', '2026-01-10T12:00:00Z');
    const q = addPrompt(addPrompt([], a), b);
    expect(q.map((p) => p.id)).toEqual(['b', 'a']);
    expect(addPrompt(q, a)).toBe(q);
    expect(mergePrompts([a], [a, b]).map((p) => p.id)).toEqual(['b', 'a']);
  });

  it('removes a resolved request, and ignores one it does not have', () => {
    const q = [prompt('a', '1'), prompt('b', '2')];
    expect(removePrompt(q, 'a').map((p) => p.id)).toEqual(['b']);
    expect(removePrompt(q, 'zzz')).toBe(q);
  });
});
