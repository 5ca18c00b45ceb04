import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM script without types
import { electronBinary, NO_ELECTRON_MESSAGE } from '../../scripts/electron-binary.mjs';

describe('npm start', () => {
  it('finds no Electron binary when only the npm package is installed, and points to serve', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'pdmcp-start-'));
    fs.mkdirSync(path.join(root, 'node_modules', 'electron'), { recursive: true });
    expect(electronBinary(root)).toBeNull();
    fs.writeFileSync(path.join(root, 'node_modules', 'electron', 'path.txt'), 'electron');
    expect(electronBinary(root)).toBeNull(); // path.txt without the downloaded dist/
    fs.mkdirSync(path.join(root, 'node_modules', 'electron', 'dist'));
    fs.writeFileSync(path.join(root, 'node_modules', 'electron', 'dist', 'electron'), '');
    expect(electronBinary(root)).toBe(path.join(root, 'node_modules', 'electron', 'dist', 'electron'));
    expect(NO_ELECTRON_MESSAGE).toContain('npm run serve');
    expect(NO_ELECTRON_MESSAGE.split('\n')).toHaveLength(1);
  });
});
