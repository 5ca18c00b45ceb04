// One writer per audit folder: two processes appending to the same chain (say the tray app and a
// headless `serve` on the same data folder) would fork it. A lock file holds the writer's pid; a lock
// left by a process that no longer runs (crash, SIGKILL) is taken over. Whoever finds it held by a live
// process opens the log read-only (the CLI's `audit tail` next to a running app).
import fs from 'node:fs/promises';
import path from 'node:path';

/** The lock's release, or the pid of the live process holding it. */
export async function acquireLock(dir: string): Promise<{ release: () => Promise<void> } | { heldBy: number }> {
  const file = path.join(dir, 'audit.lock');
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const handle = await fs.open(file, 'wx', 0o600);
      await handle.writeFile(String(process.pid));
      await handle.close();
      return { release: () => fs.rm(file, { force: true }) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const pid = Number((await fs.readFile(file, 'utf8').catch(() => '')).trim());
    if (Number.isInteger(pid) && pid > 0 && isRunning(pid)) return { heldBy: pid };
    await fs.rm(file, { force: true });
  }
  throw new Error(`Could not lock the audit log in ${dir}; delete ${file} if no copy of the app is running.`);
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else — still running.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
