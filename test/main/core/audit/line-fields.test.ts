import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { entryLine } from '../../../../src/main/core/audit/chain';
import { lineFields } from '../../../../src/main/core/audit/line-fields';
import { AuditDecision, AuditOutcome, type AuditEntry } from '../../../../src/shared/model';
import { input } from './helpers';

const fieldsOf = (line: string) => {
  const buf = Buffer.from(line);
  const fields = lineFields(buf, 0, buf.length);
  return fields && { ...fields };
};

describe('lineFields (the index reads lines without parsing them)', () => {
  it('reads the same fields as JSON.parse for any names, including quotes, backslashes, non-ASCII and any args', () => {
    fc.assert(
      fc.property(
        fc.option(fc.string({ unit: 'grapheme' })),
        fc.string({ unit: 'grapheme' }),
        fc.option(fc.string()),
        fc.constantFrom(...AuditDecision.options),
        fc.constantFrom(...AuditOutcome.options),
        fc.integer({ min: 0, max: 2 ** 40 }),
        fc.date({ min: new Date('2000-01-01'), max: new Date('2200-01-01'), noInvalidDate: true }),
        fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 3 })),
        (clientId, tool, clientName, decision, outcome, seq, time, args) => {
          const entry = { ...input({ clientId, tool, clientName, decision, outcome, time: time.toISOString(), args }), seq, prevHash: 'a', hash: 'b' } as AuditEntry;
          expect(fieldsOf(entryLine(entry))).toEqual({ seq, time: time.getTime(), clientId, tool, decision, outcome });
        },
      ),
      { numRuns: 300 },
    );
  });

  it('falls back to a full parse for a line in another key order or with another time format', () => {
    const entry = { ...input({ time: '2026-11-30T10:00:00+01:00' }), seq: 7, prevHash: 'a', hash: 'b' } as AuditEntry;
    const { seq, args: _args, ...rest } = JSON.parse(entryLine(entry)) as AuditEntry;
    const reordered = JSON.stringify({ seq, ...rest, args: { tool: 'decoy' } });
    expect(fieldsOf(reordered)).toEqual({
      seq: 7,
      time: Date.parse('2026-11-30T09:00:00Z'),
      clientId: 'claude-code',
      tool: 'list_incidents',
      decision: 'allowed',
      outcome: 'ok',
    });
    expect(fieldsOf('{"seq":1,"time":')).toBeNull();
    expect(fieldsOf('not json')).toBeNull();
  });
});
