// Careful handling of someone else's config file: read it as it is, keep a timestamped copy before
// changing it, and replace it atomically so a crash leaves either the old or the new file, never half
// of one. Files are written 0600 because an entry we add may carry a bearer token.
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { ContractError } from '../../../shared/contract';

/** The file's text, or null when it does not exist yet. */
export async function readConfigText(file: string): Promise<string | null> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new ContractError('config_unreadable', `Cannot read ${file}: ${(error as Error).message}. Check its permissions, then try again.`);
  }
}

/** Follows a symlinked config (dotfile managers) so the link stays and its target is edited. */
export async function resolveTarget(file: string): Promise<string> {
  try {
    return await fs.realpath(file);
  } catch {
    return file;
  }
}

/** Identifies one version of a file (null = no file), to notice a change between preview and write. */
export function textHash(text: string | null): string | null {
  return text === null ? null : createHash('sha256').update(text, 'utf8').digest('hex');
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
