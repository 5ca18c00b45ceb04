// One-click "add to this client": writes the planned change into the AI client's own config file,
// after a backup, atomically, and records it so it can be undone.
import { ContractError } from '../../../shared/contract';
import { textHash, writeBackup, writeFileAtomic } from './file-io';
import type { InstallJournal } from './journal';
import { planInstall, type InstallAction, type InstallTarget } from './plan';

export interface InstallClientConfigOptions extends InstallTarget {
  /** The file's hash when the person saw the preview; a different file now means "look again". */
  baseHash?: string | null;
  journal?: InstallJournal;
}

export interface InstallResult {
  path: string;
  /** null when there was no file before (nothing to back up) or nothing changed. */
  backupPath: string | null;
  action: InstallAction;
  /** For undo; null when nothing was written. */
  installId: string | null;
}

export async function installClientConfig(options: InstallClientConfigOptions): Promise<InstallResult> {
  const plan = await planInstall(options);
  if (options.baseHash !== undefined && options.baseHash !== plan.baseHash) {
    throw new ContractError('config_changed', `${plan.path} changed since the preview was made. Look at the new preview before writing.`);
  }
  if (plan.action === 'unchanged') return { path: plan.path, backupPath: null, action: plan.action, installId: null };
  const backupPath = plan.before !== null ? await writeBackup(plan.path, plan.before) : null;
  await writeFileAtomic(plan.path, plan.after);
  const installId = options.journal ? await options.journal.add({ app: options.app, path: plan.path, backupPath, writtenHash: textHash(plan.after)! }) : null;
  return { path: plan.path, backupPath, action: plan.action, installId };
}
