// The Electron transport: the preload exposes `window.pdmcp` (typed invoke + on), nothing else.
import type { Bridge, CallName, EventName } from '../../../shared/contract';

export interface PreloadApi {
  invoke(name: string, args: unknown): Promise<unknown>;
  on(name: string, listener: (payload: unknown) => void): () => void;
}

declare global {
  interface Window {
    pdmcp?: PreloadApi;
  }
}

export function createIpcBridge(api: PreloadApi): Bridge {
  return {
    transport: 'ipc',
    invoke: (name: CallName, args: unknown) => api.invoke(name, args) as never,
    on: (name: EventName, listener: (payload: never) => void) => api.on(name, listener as (payload: unknown) => void),
  };
}
