// Binds the contract to ipcMain: the one place ipcMain appears (lint enforces it). Every call is
// checked for its sender frame and validated by the contract's zod schema before a handler runs.
import { ipcMain, type BrowserWindow } from 'electron';
import { callNames, dispatch, errorBody, type Handlers } from '../shared/contract';
import type { EventBus } from './core/events';

export function bindContract(options: {
  handlers: Handlers;
  events: EventBus;
  isTrustedSender: (frameUrl: string | undefined) => boolean;
  windows: () => BrowserWindow[];
}): () => void {
  for (const name of callNames) {
    ipcMain.handle(`call:${name}`, async (event, args: unknown) => {
      if (!options.isTrustedSender(event.senderFrame?.url)) {
        return { ok: false, error: { code: 'forbidden', message: 'This window may not call the app.', field: null } };
      }
      try {
        return { ok: true, result: await dispatch(options.handlers, name, args) };
      } catch (error) {
        return { ok: false, error: errorBody(error) };
      }
    });
  }
  const unsubscribe = options.events.onAny((name, payload) => {
    for (const win of options.windows()) if (!win.isDestroyed()) win.webContents.send(`event:${name}`, payload);
  });
  return () => {
    unsubscribe();
    for (const name of callNames) ipcMain.removeHandler(`call:${name}`);
  };
}
