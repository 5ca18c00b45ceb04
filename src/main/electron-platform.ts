// The core's Platform, implemented with Electron: the system browser, OS notifications, and the
// app binary itself as the stdio bridge's runtime (ELECTRON_RUN_AS_NODE), so users need no Node.
import path from 'node:path';
import { Notification, shell, type App } from 'electron';
import type { AppPage, Platform } from './core/platform';

export function electronPlatform(app: App, showPage: (page?: AppPage) => void): Platform {
  return {
    appVersion: app.getVersion(),
    async openExternal(url) {
      const protocol = new URL(url).protocol;
      // https for PagerDuty pages; http only for our own loopback OAuth sign-in start.
      if (protocol !== 'https:' && !(protocol === 'http:' && /^http:\/\/(127\.0\.0\.1|localhost)[:/]/.test(url))) {
        throw new Error(`Refusing to open ${protocol} links`);
      }
      await shell.openExternal(url);
    },
    notify(n) {
      if (!Notification.isSupported()) return;
      const notification = new Notification({
        title: n.title,
        body: n.body,
        actions: n.actionLabel ? [{ type: 'button', text: n.actionLabel }] : [],
      });
      notification.on('action', () => n.onAction?.());
      notification.on('click', () => (n.onAction ? n.onAction() : showPage()));
      notification.show();
    },
    bridgeCommand() {
      return [process.execPath, path.join(app.getAppPath(), 'out', 'main', 'bridge.js')];
    },
    // The app binary doubles as the bridge's Node runtime, so users need no separate Node install.
    bridgeEnv: () => ({ ELECTRON_RUN_AS_NODE: '1' }),
    showPage,
  };
}
