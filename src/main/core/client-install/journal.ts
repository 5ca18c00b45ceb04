// What "Add to …" wrote, so that one click can undo it: for each install the file, the backup of what
// was there before (none for a file we created) and the hash of what we wrote. Kept in the app's data
// folder (not in the settings), shared by the app and the CLI; undo works only on an unchanged file.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import { z } from 'zod';
import type { ClientApp } from '../../../shared/model';
import { ContractError } from '../../../shared/contract';
import { readConfigText, textHash, writeFileAtomic } from './file-io';

const Record_ = z.object({
  id: z.string(),
  app: z.string(),
  path: z.string(),
  backupPath: z.string().nullable(),
  writtenHash: z.string(),
  at: z.string(),
});
type InstallRecord = z.infer<typeof Record_>;
const KEEP = 50;

export interface InstallJournal {
  add(record: Omit<InstallRecord, 'id' | 'at'> & { app: ClientApp }): Promise<string>;
  /** The newest install of this app's config, for `clients undo-install`. */
  latest(app: ClientApp): Promise<InstallRecord | undefined>;
  /** Puts the file back as it was before install `id`: the backup restored, or a file we created removed. */
  undo(id: string): Promise<{ path: string; restored: 'previous' | 'removed' }>;
}

export function createInstallJournal(file: string, now: () => Date = () => new Date()): InstallJournal {
  const load = async (): Promise<InstallRecord[]> => {
    const text = await readConfigText(file).catch(() => null);
    if (!text) return [];
    try {
      return z.array(Record_).parse(JSON.parse(text));
    } catch {
      return []; // a damaged journal only loses undo, never the configs themselves
    }
  };
  const save = (records: InstallRecord[]) => writeFileAtomic(file, `${JSON.stringify(records.slice(-KEEP), null, 2)}\n`);

  return {
    async add(record) {
      const id = `in_${randomBytes(6).toString('hex')}`;
      await save([...(await load()), { ...record, id, at: now().toISOString() }]);
      return id;
    },
    async latest(app) {
      return (await load()).filter((r) => r.app === app).at(-1);
    },
    async undo(id) {
      const records = await load();
      const record = records.find((r) => r.id === id);
      if (!record) throw new ContractError('not_found', 'There is nothing to undo for that change (it was undone already, or is too old).');
      const current = await readConfigText(record.path);
      if (textHash(current) !== record.writtenHash) {
        const where = record.backupPath ? ` The earlier version is still at ${record.backupPath}.` : '';
        throw new ContractError('config_changed', `${record.path} changed after it was written, so it was left as it is.${where}`);
      }
      let restored: 'previous' | 'removed';
      if (record.backupPath) {
        const previous = await readConfigText(record.backupPath);
        if (previous === null) throw new ContractError('backup_missing', `The backup ${record.backupPath} is gone, so ${record.path} was left as it is.`);
        await writeFileAtomic(record.path, previous);
        restored = 'previous';
      } else {
        await fs.rm(record.path, { force: true });
        restored = 'removed';
      }
      await save(records.filter((r) => r.id !== id));
      return { path: record.path, restored };
    },
  };
}
