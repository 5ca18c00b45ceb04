// `npm start`: build, then launch the tray app with Electron. Where Electron's binary cannot be
// fetched (offline machines, CI), say so in one line and point to the headless entry.
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { electronBinary, NO_ELECTRON_MESSAGE } from './electron-binary.mjs';

const root = path.resolve(import.meta.dirname, '..');
let binary = electronBinary(root);
if (!binary) {
  const install = spawnSync(process.execPath, [path.join(root, 'node_modules', 'electron', 'install.js')], { stdio: 'ignore', timeout: 120_000 });
  binary = install.status === 0 ? electronBinary(root) : null;
}
if (!binary) {
  console.error(NO_ELECTRON_MESSAGE);
  process.exit(1);
}
const build = spawnSync(process.execPath, [path.join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build', '--logLevel', 'warn'], { stdio: 'inherit', cwd: root });
if (build.status !== 0) process.exit(build.status ?? 1);
const child = spawn(binary, [root, ...process.argv.slice(2)], { stdio: 'inherit', cwd: root });
child.on('exit', (code) => process.exit(code ?? 0));
