import { describe, expect, it } from 'vitest';
import { rowsAddedAbove } from '../../../../../src/renderer/src/features/audit/Timeline';
import type { AuditEntry } from '../../../../../src/shared/model';

const entries = (...seqs: number[]) => seqs.map((seq) => ({ seq }) as AuditEntry);

describe('keeping the reader in place when live entries arrive', () => {
  it('counts the entries that arrived above the previous top row', () => {
    expect(rowsAddedAbove(entries(12, 11, 10, 9), 10)).toBe(2);
    expect(rowsAddedAbove(entries(10, 9), 10)).toBe(0);
    // A new filter or a reload: the old top row is gone, nothing to compensate.
    expect(rowsAddedAbove(entries(5, 4), 10)).toBe(0);
    expect(rowsAddedAbove(entries(5, 4), undefined)).toBe(0);
  });
});
