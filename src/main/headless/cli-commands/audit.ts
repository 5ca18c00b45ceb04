// `audit …`: read, verify and export the audit timeline.
import path from 'node:path';
import { openAuditLog } from '../../core/audit';
import { CliError, table, UsageError, type Cmd } from './shared';

export async function auditCommand({ io, flags, verb, dataDir }: Cmd): Promise<void> {
  if (verb !== 'tail' && verb !== 'verify' && verb !== 'export') throw new UsageError(`Unknown audit command "${verb ?? ''}".`);
  let format: 'jsonl' | 'csv' = 'jsonl';
  let count = 20;
  if (verb === 'export') {
    if (flags.format !== 'jsonl' && flags.format !== 'csv') throw new UsageError('Give --format jsonl or --format csv.');
    if (typeof flags.out !== 'string') throw new UsageError('Give the file to write with --out FILE.');
    format = flags.format;
  }
  if (verb === 'tail' && flags.n !== undefined) {
    count = Number(flags.n);
    if (!Number.isInteger(count) || count < 1 || count > 500) throw new CliError('-n takes a whole number from 1 to 500.');
  }
  // Retention is the running app's job; the CLI only reads (and must never delete a segment).
  const audit = await openAuditLog({ dir: path.join(dataDir, 'audit'), retentionDays: 1_000_000 });
  try {
    if (verb === 'verify') {
      const result = await audit.verify();
      io.out(result.message);
      if (!result.ok) throw new CliError(`The audit chain is broken at entry ${result.brokenAt}.`);
      return;
    }
    if (verb === 'export') {
      const result = await audit.export(format, {}, path.resolve(flags.out as string));
      io.out(`Wrote ${result.count} entries to ${result.path}.`);
      return;
    }
    const page = await audit.query({ limit: count });
    const entries = [...page.entries].sort((a, b) => a.seq - b.seq);
    if (flags.json) return io.out(entries.map((e) => JSON.stringify(e)).join('\n'));
    if (entries.length === 0) return io.out('The audit log is empty.');
    io.out(
      table([
        ['SEQ', 'TIME', 'CLIENT', 'TOOL', 'DECISION', 'OUTCOME', 'MS'],
        ...entries.map((e) => [String(e.seq), e.time, e.clientName ?? '-', e.tool, e.decision, e.outcome, String(Math.round(e.durationMs))]),
      ]),
    );
  } finally {
    await audit.close();
  }
}

