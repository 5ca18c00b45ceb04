// Files in the data folder are the person's alone: settings and logs 0600, their folders 0700. Windows
// has no such modes (its per-user profile folder is private already), so nothing is done there.
import fs from 'node:fs';

const POSIX = process.platform !== 'win32';

/** Creates the folder if needed and makes it private (0700). */
export function privateDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (POSIX) fs.chmodSync(dir, 0o700);
}

/** Makes an existing file private (0600); a missing file is left for its writer to create. */
export function privateFile(file: string): void {
  if (!POSIX) return;
  try {
    fs.chmodSync(file, 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}
