// Quitting is designed: ask first when AI clients are connected, then stop the core cleanly (sessions
// closed, audit flushed) before the process exits.
import { dialog, type App } from 'electron';
import type { Core } from '../core';
import { quitConfirmation } from '../tray-model';

export function handleQuit(app: App, getCore: () => Core | null, cleanup: () => void): { requestQuit(): void } {
  let stopping = false;
  let confirmed = false;

  const requestQuit = () => {
    const core = getCore();
    const question = core && !confirmed ? quitConfirmation(core.status()) : null;
    if (question) {
      const choice = dialog.showMessageBoxSync({ type: 'question', buttons: ['Quit', 'Cancel'], defaultId: 1, cancelId: 1, message: question.message, detail: question.detail });
      if (choice !== 0) return;
    }
    confirmed = true;
    app.quit();
  };

  app.on('before-quit', (event) => {
    if (stopping) return;
    const core = getCore();
    if (!core) return;
    event.preventDefault();
    stopping = true;
    cleanup();
    void core.stop().finally(() => app.exit(0));
  });

  return { requestQuit };
}
