import type { Bridge } from '../../../shared/contract';
import { createHttpBridge, takeTokenFromLocation } from './http';
import { createIpcBridge } from './ipc';

export { BridgeCallError } from './http';

/** IPC inside the Electron window, HTTP in a browser tab served by `serve`. The UI cannot tell. */
export function detectBridge(): Bridge | null {
  if (window.pdmcp) return createIpcBridge(window.pdmcp);
  const token = takeTokenFromLocation();
  return token ? createHttpBridge(token) : null;
}
