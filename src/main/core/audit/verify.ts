// Recomputes the whole chain from the files. The oldest remaining file's first prevHash is the anchor
// (retention may have deleted what came before); from there every entry must follow from the one before.
import path from 'node:path';
import type { AuditEntry, AuditVerifyResult } from '../../../shared/model';
import { entryHash, quickLineCheck } from './chain';
import { countTorn, scanSegment, segmentName } from './segments';

export async function verifyChain(dir: string, segments: { file: number; limit: number }[]): Promise<AuditVerifyResult> {
  let entries = 0;
  let expected: string | null = null;
  let prevSeq: number | null = null;
  let broken: { seq: number; message: string } | null = null;
  for (const { file, limit } of segments) {
    let lineNo = 0;
    await scanSegment(
      path.join(dir, segmentName(file)),
      (buf, start, end) => {
        lineNo++;
        let line = quickLineCheck(buf, start, end);
        if (!line?.intact) {
          // Not in the written form, or the bytes do not match: decide on the parsed entry.
          let entry: AuditEntry | null = null;
          try {
            entry = JSON.parse(buf.toString('utf8', start, end)) as AuditEntry;
          } catch {
            entry = null;
          }
          if (!entry || typeof entry.hash !== 'string' || typeof entry.seq !== 'number') {
            broken ??= {
              seq: (prevSeq ?? 0) + 1,
              message: `Line ${lineNo} of ${segmentName(file)} (after entry ${prevSeq ?? 'none'}) is not a readable entry — the log was edited`,
            };
            return;
          }
          line = { seq: entry.seq, prevHash: entry.prevHash, hash: entry.hash, intact: entryHash(entry) === entry.hash };
        }
        entries++;
        const follows = (expected === null || line.prevHash === expected) && (prevSeq === null || line.seq === prevSeq + 1);
        if (!broken && (!follows || !line.intact)) {
          broken = {
            seq: line.seq,
            message:
              prevSeq === null
                ? `Entry ${line.seq} was changed after it was written — the log was edited`
                : `Entry ${line.seq} does not follow from entry ${prevSeq} — the log was edited`,
          };
        }
        expected = line.hash;
        prevSeq = line.seq;
      },
      limit,
    );
  }
  const setAside = await countTorn(dir);
  const found = broken as { seq: number; message: string } | null;
  const tornNote = setAside > 0 ? ` (${setAside} torn ${setAside === 1 ? 'line' : 'lines'} from a crash set aside)` : '';
  return {
    ok: found === null,
    entries,
    brokenAt: found?.seq ?? null,
    setAside,
    message: found ? found.message : `Chain intact: ${entries.toLocaleString('en-US')} ${entries === 1 ? 'entry' : 'entries'}${tornNote}`,
  };
}
