// Where Electron's binary is, without triggering electron's own lazy download (which prints and
// throws). Kept apart from start.mjs so the decision is testable.
import fs from 'node:fs';
import path from 'node:path';

export function electronBinary(root) {
  const dir = path.join(root, 'node_modules', 'electron');
  const pathFile = path.join(dir, 'path.txt');
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) return path.join(process.env.ELECTRON_OVERRIDE_DIST_PATH, 'electron');
  if (!fs.existsSync(pathFile)) return null;
  const binary = path.join(dir, 'dist', fs.readFileSync(pathFile, 'utf8').trim());
  return fs.existsSync(binary) ? binary : null;
}

export const NO_ELECTRON_MESSAGE =
  "Electron's binary is not installed and could not be downloaded here; run the same app headless instead: `npm run serve` (or `npm run demo` to try it with no PagerDuty account).";
