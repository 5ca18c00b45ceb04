// Closing the window keeps the app in the tray: the gateway keeps serving AI clients.
import type { App } from 'electron';

export function keepRunningInTray(app: App): void {
  app.on('window-all-closed', () => {
    /* stay alive in the tray; Quit is in the tray menu */
  });
}
