// Finds a Chromium-family browser for Playwright (playwright-core never downloads one): an explicit
// environment variable, else the usual places on Linux, macOS and Windows, else Playwright's cache.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';

export function findBrowser(env: NodeJS.ProcessEnv = process.env): string | null {
  const explicit = env.PDMCP_BROWSER ?? env.CHROME_PATH;
  if (explicit) return fs.existsSync(explicit) ? explicit : null;
  const candidates = [
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable',
    '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
    '/Applications/Chromium.app/Contents/MacOS/Chromium',
    'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
  ];
  const cache = path.join(os.homedir(), process.platform === 'darwin' ? 'Library/Caches/ms-playwright' : '.cache/ms-playwright');
  if (fs.existsSync(cache)) {
    for (const dir of fs.readdirSync(cache).filter((d) => d.startsWith('chromium')).sort().reverse()) {
      candidates.push(path.join(cache, dir, 'chrome-linux', 'chrome'), path.join(cache, dir, 'chrome-mac', 'Chromium.app/Contents/MacOS/Chromium'));
    }
  }
  return candidates.find((c) => fs.existsSync(c)) ?? null;
}

/** Headless Chromium with the flags this workplace needs (no sandbox as root, no background network). */
export async function launchBrowser(): Promise<Browser> {
  const executablePath = findBrowser();
  if (!executablePath) throw new Error('No Chromium found: install chromium (Debian: apt-get install chromium) or set PDMCP_BROWSER to a Chrome/Chromium binary.');
  return chromium.launch({
    executablePath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}
