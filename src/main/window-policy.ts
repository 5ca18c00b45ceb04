// Security decisions for the app window, as pure functions (tested without Electron): what the
// window may load, navigate to, open, and which frames may call the contract.

/** Web preferences every app window gets; the renderer is untrusted content as far as main is concerned. */
export function secureWebPreferences(preloadPath: string) {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
  } as const;
}

/** The app's own page: file:// in a build, the dev server's origin under `electron-vite dev`. */
export function isAppUrl(url: string, appUrl: string): boolean {
  try {
    const target = new URL(url);
    const app = new URL(appUrl);
    if (app.protocol === 'file:') return target.protocol === 'file:' && target.pathname === app.pathname;
    return target.origin === app.origin;
  } catch {
    return false;
  }
}

/** In-window navigation is never allowed (a reload of the app page is). */
export function allowNavigation(url: string, appUrl: string): boolean {
  return isAppUrl(url, appUrl);
}

/** window.open is always denied; https links are handed to the system browser, anything else dropped. */
export function windowOpenDecision(url: string): { action: 'deny'; openExternally: boolean } {
  try {
    return { action: 'deny', openExternally: new URL(url).protocol === 'https:' };
  } catch {
    return { action: 'deny', openExternally: false };
  }
}

/** Only the app's own top-level page may call the contract over IPC. */
export function isTrustedSender(frameUrl: string | undefined, appUrl: string): boolean {
  return frameUrl !== undefined && isAppUrl(frameUrl, appUrl);
}
