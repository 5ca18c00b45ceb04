// Exposes the contract's invokers and event subscriptions to the sandboxed renderer, nothing else.
// Bundled into one CommonJS file (see electron.vite.config.ts) so it loads with sandbox: true.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { callNames, eventNames } from '../shared/contract';

type Envelope = { ok: true; result: unknown } | { ok: false; error: { code: string; message: string; field?: string | null } };

const calls = new Set<string>(callNames);
const events = new Set<string>(eventNames);

contextBridge.exposeInMainWorld('pdmcp', {
  async invoke(name: string, args: unknown) {
    if (!calls.has(name)) throw new Error(`Unknown call ${name}`);
    const envelope = (await ipcRenderer.invoke(`call:${name}`, args)) as Envelope;
    if (envelope.ok) return envelope.result;
    throw Object.assign(new Error(envelope.error.message), { code: envelope.error.code, field: envelope.error.field ?? null });
  },
  on(name: string, listener: (payload: unknown) => void) {
    if (!events.has(name)) throw new Error(`Unknown event ${name}`);
    const handler = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(`event:${name}`, handler);
    return () => {
      ipcRenderer.off(`event:${name}`, handler);
    };
  },
});
