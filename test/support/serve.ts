// Starts the built headless entry (`out/main/serve.js` or `demo.js`) as a child process, as a user
// would with `npm run serve` / `npm run demo`, and waits for its JSON ready line.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';

export interface ReadyLine {
  event: 'ready';
  mcpUrl: string;
  dashboardUrl: string;
  dataDir: string;
  pagerdutyUrl?: string;
  clientToken?: string;
  [key: string]: unknown;
}

export interface RunningServer {
  ready: ReadyLine;
  child: ChildProcess;
  stderr: () => string;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export const ROOT = path.resolve(import.meta.dirname, '../..');

export function tempDataDir(prefix = 'pdmcp-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export async function startHeadless(entry: 'serve' | 'demo', args: string[] = [], env: NodeJS.ProcessEnv = {}): Promise<RunningServer> {
  const script = path.join(ROOT, 'out', 'main', `${entry}.js`);
  if (!fs.existsSync(script)) throw new Error(`${script} is missing: run \`npx electron-vite build\` first (npm test does).`);
  return startScript(script, args, env);
}

/** Any Node script that prints a JSON `{"event":"ready",…}` line when it is ready. */
export async function startScript(script: string, args: string[] = [], env: NodeJS.ProcessEnv = {}): Promise<RunningServer> {
  const entry = path.basename(script);
  const child = spawn(process.execPath, [script, ...args], { cwd: ROOT, env: { ...process.env, PDMCP_NO_BROWSER: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr!.on('data', (d) => (err += String(d)));
  const lines = readline.createInterface({ input: child.stdout! });
  const ready = await new Promise<ReadyLine>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${entry} did not print its ready line in 20 s. stderr:\n${err}`)), 20_000);
    lines.on('line', (line) => {
      try {
        const parsed = JSON.parse(line) as ReadyLine;
        if (parsed.event === 'ready') {
          clearTimeout(timer);
          resolve(parsed);
        }
      } catch {
        /* not the ready line */
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${entry} exited with ${code} before it was ready. stderr:\n${err}`));
    });
  });
  return {
    ready,
    child,
    stderr: () => err,
    stop(signal = 'SIGTERM') {
      return new Promise((resolve) => {
        if (child.exitCode !== null) return resolve(child.exitCode);
        child.once('exit', (code) => resolve(code));
        child.kill(signal);
      });
    },
  };
}
