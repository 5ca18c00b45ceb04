// A second launch focuses the running app instead of starting a second gateway on the same port.
import type { App } from 'electron';

export function acquireSingleInstance(app: App, onSecondInstance: () => void): boolean {
  if (!app.requestSingleInstanceLock()) return false;
  app.on('second-instance', onSecondInstance);
  return true;
}
