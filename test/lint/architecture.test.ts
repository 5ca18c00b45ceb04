import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The architecture is enforced by lint; these prove the rules bite where the design says they must.
const eslint = new ESLint({ cwd: path.resolve(import.meta.dirname, '../..') });
const lint = async (filePath: string, code: string) => {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.map((m) => m.ruleId);
};

describe('architecture lint rules', () => {
  it('fails a core, shared, renderer or headless file that imports electron', async () => {
    for (const file of ['src/main/core/x.ts', 'src/shared/x.ts', 'src/renderer/src/x.ts', 'src/main/headless/x.ts']) {
      expect(await lint(file, "import { app } from 'electron';\nexport const a = app;\n")).toContain('no-restricted-imports');
    }
  });

  it('allows electron in the thin shell', async () => {
    expect(await lint('src/main/tray.ts', "import { app } from 'electron';\nexport const a = app;\n")).toEqual([]);
  });

  it('allows ipcMain only in the contract binding and ipcRenderer only in the preload', async () => {
    const main = "import { ipcMain } from 'electron';\nexport const a = ipcMain;\n";
    const renderer = "import { ipcRenderer } from 'electron';\nexport const a = ipcRenderer;\n";
    expect(await lint('src/main/window.ts', main)).toContain('no-restricted-syntax');
    expect(await lint('src/main/ipc.ts', main)).toEqual([]);
    expect(await lint('src/main/tray.ts', renderer)).toContain('no-restricted-syntax');
    expect(await lint('src/preload/index.ts', renderer)).toEqual([]);
  });
});
