// The app window: secure preferences, no navigation, no new windows, https links to the browser.
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { BrowserWindow, shell } from 'electron';
import { allowNavigation, secureWebPreferences, windowOpenDecision } from './window-policy';

export function createMainWindow(options: { appUrl: string; preloadPath: string; iconPath: string; page?: string }): BrowserWindow {
  const win = new BrowserWindow({
    width: 1180,
    height: 800,
    minWidth: 820,
    minHeight: 560,
    show: false,
    title: 'PagerDuty MCP',
    icon: options.iconPath,
    autoHideMenuBar: true,
    webPreferences: secureWebPreferences(options.preloadPath),
  });
  win.webContents.on('will-navigate', (event, url) => {
    if (!allowNavigation(url, options.appUrl)) event.preventDefault();
  });
  win.webContents.on('will-redirect', (event, url) => {
    if (!allowNavigation(url, options.appUrl)) event.preventDefault();
  });
  win.webContents.setWindowOpenHandler(({ url }) => {
    const decision = windowOpenDecision(url);
    if (decision.openExternally) void shell.openExternal(url);
    return { action: decision.action };
  });
  win.once('ready-to-show', () => win.show());
  // The renderer opens the page named in the hash (#/tools …).
  const hash = options.page ? `/${options.page}` : undefined;
  void (options.appUrl.startsWith('file:') ? win.loadFile(fileURLToPath(options.appUrl), { hash }) : win.loadURL(hash ? `${options.appUrl}#${hash}` : options.appUrl));
  return win;
}

export function rendererUrl(mainDir: string): string {
  // electron-vite sets ELECTRON_RENDERER_URL under `electron-vite dev`.
  const dev = process.env.ELECTRON_RENDERER_URL;
  return dev ?? pathToFileURL(path.join(mainDir, '../renderer/index.html')).href;
}
