// Electron entry: thin glue around the Electron-free core (src/main/core). It owns the window, the
// tray, the IPC binding and the OS integrations; every decision lives in a pure, tested module.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, clipboard } from 'electron';
import Store from 'electron-store';
import { createCore, type Core } from './core';
import { createLogger } from './core/log';
import type { AppPage } from './core/platform';
import { createKeytarSecretStore } from './core/secrets';
import { createSettingsStore, type ConfLike } from './core/settings';
import { electronPlatform } from './electron-platform';
import { bindContract } from './ipc';
import { handleQuit } from './lifecycle/before-quit';
import { acquireSingleInstance } from './lifecycle/single-instance';
import { keepRunningInTray } from './lifecycle/window-all-closed';
import { createTray } from './tray';
import type { TrayAction } from './tray-model';
import { createMainWindow, rendererUrl } from './window';
import { isTrustedSender } from './window-policy';

const mainDir = path.dirname(fileURLToPath(import.meta.url));
const resourcesDir = app.isPackaged ? path.join(process.resourcesPath, 'resources') : path.join(mainDir, '../../resources');
const appUrl = rendererUrl(mainDir);

let core: Core | null = null;
let window: BrowserWindow | null = null;

function showWindow(page?: AppPage) {
  if (!window || window.isDestroyed()) {
    window = createMainWindow({ appUrl, preloadPath: path.join(mainDir, '../preload/index.cjs'), iconPath: path.join(resourcesDir, 'icon.png'), page });
  } else if (page) {
    void window.webContents.executeJavaScript(`location.hash = ${JSON.stringify(`#/${page}`)}`);
  }
  window.show();
  window.focus();
}

if (acquireSingleInstance(app, () => showWindow())) {
  keepRunningInTray(app);
  let unbind = () => {};
  let destroyTray = () => {};
  const quit = handleQuit(app, () => core, () => {
    unbind();
    destroyTray();
  });

  void app.whenReady().then(async () => {
    const dataDir = app.getPath('userData');
    const settings = createSettingsStore(new Store({ name: 'config' }) as unknown as ConfLike, { watch: true });
    const log = createLogger({ file: path.join(dataDir, 'logs', 'app.log') });
    core = await createCore({
      dataDir,
      settings,
      secrets: createKeytarSecretStore(settings.read().instanceId),
      platform: electronPlatform(app, showWindow),
      log,
    });
    unbind = bindContract({
      handlers: core.handlers,
      events: core.events,
      isTrustedSender: (url) => isTrustedSender(url, appUrl),
      windows: () => BrowserWindow.getAllWindows(),
    });

    const onTrayAction = (action: TrayAction) => {
      const c = core!;
      switch (action) {
        case 'open':
          return showWindow();
        case 'review_tools':
          return showWindow('tools');
        case 'connect':
          return showWindow('connection');
        case 'reauthorize':
          // The person's own click: the only way a browser tab is ever opened for sign-in.
          return void c.handlers['connection.startOAuth']({}).catch((e: Error) => log.warn('reauthorize failed', { error: e.message }));
        case 'pause':
        case 'resume':
          return void c.handlers['gateway.setPaused']({ paused: action === 'pause' });
        case 'copy_mcp_url':
          return clipboard.writeText(c.status().gateway.mcpUrl);
        case 'quit':
          return quit.requestQuit();
      }
    };
    const tray = createTray(resourcesDir, onTrayAction, () => showWindow());
    destroyTray = () => tray.destroy();
    tray.render(core.status());
    core.events.on('status.changed', (status) => tray.render(status));

    try {
      await core.start();
    } catch (error) {
      log.error('gateway failed to start', { error: (error as Error).message });
    }
    tray.render(core.status());
    if (!process.argv.includes('--hidden')) showWindow();
  });
}
