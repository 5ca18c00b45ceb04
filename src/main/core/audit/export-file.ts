// Streams matching entries to a file, oldest first. JSONL lines are copied byte for byte, so an export
// can be verified on its own; the file appears under its name only once complete.
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import type { AuditEntry } from '../../../shared/model';
import { csvHeader, csvRow } from './csv';

const CHUNK = 1000;

export async function exportEntries(
  format: 'jsonl' | 'csv',
  positions: number[],
  readLines: (positions: number[]) => Promise<string[]>,
  destPath: string,
): Promise<{ path: string; count: number }> {
  const partial = `${destPath}.partial`;
  const out = createWriteStream(partial, { mode: 0o600 });
  const failed = once(out, 'error').then(([error]) => {
    throw error;
  });
  failed.catch(() => undefined);
  const write = async (text: string) => {
    if (!out.write(text)) await Promise.race([once(out, 'drain'), failed]);
  };
  try {
    if (format === 'csv') await write(csvHeader());
    for (let i = 0; i < positions.length; i += CHUNK) {
      const lines = await readLines(positions.slice(i, i + CHUNK));
      await write(
        format === 'jsonl' ? lines.map((line) => `${line}\n`).join('') : lines.map((line) => csvRow(JSON.parse(line) as AuditEntry)).join(''),
      );
    }
    out.end();
    await Promise.race([once(out, 'finish'), failed]);
    await fs.rename(partial, destPath);
  } catch (error) {
    out.destroy();
    await fs.rm(partial, { force: true });
    throw new Error(`Could not write the export to ${destPath} (${(error as Error).message}). Check that the folder exists, is writable and has free space.`, { cause: error });
  }
  return { path: destPath, count: positions.length };
}
