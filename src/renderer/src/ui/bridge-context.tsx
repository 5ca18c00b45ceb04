// The bridge and the live app status, handed down once instead of threaded through every component.
import { createContext, useContext, useEffect, useRef } from 'react';
import type { Bridge, EventName, EventPayload } from '../../../shared/contract';
import type { AppStatus } from '../../../shared/model';

export const BridgeContext = createContext<Bridge | null>(null);
export const StatusContext = createContext<{ status: AppStatus; setStatus: (s: AppStatus) => void } | null>(null);

export function useBridge(): Bridge {
  const bridge = useContext(BridgeContext);
  if (!bridge) throw new Error('useBridge outside BridgeContext');
  return bridge;
}

export function useStatus(): { status: AppStatus; setStatus: (s: AppStatus) => void } {
  const value = useContext(StatusContext);
  if (!value) throw new Error('useStatus outside StatusContext');
  return value;
}

/** Subscribes for the component's lifetime; the latest listener is used without resubscribing. */
export function useEvent<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): void {
  const bridge = useBridge();
  const latest = useRef(listener);
  latest.current = listener;
  useEffect(() => bridge.on(name, (p) => latest.current(p)), [bridge, name]);
}
