// Careful edits of someone else's JSON file: read it strictly (never guess at broken or commented
// files), keep a timestamped copy, and replace it atomically so a crash leaves either the old or the new
// file, never half of one. Files are written 0600 because the entry we add carries a bearer token.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { ContractError } from '../../../shared/contract';

export interface ReadResult {
  /** null when the file does not exist yet. */
  value: Record<string, unknown> | null;
  /** The original text, for the backup; null when missing. */
  text: string | null;
  /** The indentation the file already uses, so our edit does not reformat it beyond need. */
  indent: string | number;
}

/** Comments or trailing commas: JSONC that JSON.parse cannot keep and we must not destroy. */
function looksLikeJsonc(text: string): boolean {
  return /(^|[^:"'\\])\/\/|\/\*|,\s*[}\]]/.test(text);
}

function detectIndent(text: string): string | number {
  const match = /^[{[]\s*\n([ \t]+)\S/.exec(text);
  return match ? match[1]! : 2;
}

export async function readJsonObject(file: string): Promise<ReadResult> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { value: null, text: null, indent: 2 };
    throw new ContractError('config_unreadable', `Cannot read ${file}: ${(error as Error).message}. Check its permissions, then try again.`);
  }
  const body = text.replace(/^\uFEFF/, '');
  if (body.trim() === '') return { value: {}, text, indent: 2 };
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    const why = looksLikeJsonc(body)
      ? 'it has comments or trailing commas, which this app will not rewrite (they would be lost)'
      : 'it is not valid JSON';
    throw new ContractError(
      'config_invalid',
      `${file} was left unchanged because ${why}. Fix or clean up the file, or paste the snippet into it by hand.`,
    );
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new ContractError('config_invalid', `${file} was left unchanged because it does not hold a JSON object. Fix the file, or paste the snippet by hand.`);
  }
  return { value: parsed as Record<string, unknown>, text, indent: detectIndent(body) };
}

/** Compact UTC stamp that sorts by time and is valid in file names on every OS. */
export function backupStamp(now: Date = new Date()): string {
  return now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
}

/** Copies the original text beside the file; never overwrites an earlier backup. */
export async function writeBackup(file: string, text: string, now: Date = new Date()): Promise<string> {
  const base = `${file}.pdmcp-backup-${backupStamp(now)}`;
  for (let n = 0; ; n++) {
    const candidate = n === 0 ? base : `${base}-${n}`;
    try {
      await fs.writeFile(candidate, text, { mode: 0o600, flag: 'wx' });
      return candidate;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || n > 50) throw error;
    }
  }
}

/** temp file in the same folder + fsync + rename: the replacement is all-or-nothing. */
export async function writeFileAtomic(file: string, text: string): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await fs.open(temp, 'wx', 0o600);
  try {
    await handle.writeFile(text, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    // The umask may have narrowed the mode already; make sure it is not wider than 0600 either way.
    await fs.chmod(temp, 0o600);
    await fs.rename(temp, file);
  } catch (error) {
    await fs.rm(temp, { force: true });
    throw error;
  }
}
