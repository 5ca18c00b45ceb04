// Typed event bus between the services and whichever transport (IPC or SSE) forwards events to a UI.
import { EventEmitter } from 'node:events';
import type { EventName, EventPayload } from '../../shared/contract';

const ANY = Symbol('any');

export class EventBus {
  private readonly emitter = new EventEmitter();

  constructor() {
    // Every open window / SSE stream is a listener; the default cap of 10 is a false alarm here.
    this.emitter.setMaxListeners(0);
  }

  emit<E extends EventName>(name: E, payload: EventPayload<E>): void {
    this.emitter.emit(name, payload);
    this.emitter.emit(ANY, name, payload);
  }

  on<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): () => void {
    this.emitter.on(name, listener);
    return () => this.emitter.off(name, listener);
  }

  /** Every event, for transports that forward all of them. */
  onAny(listener: (name: EventName, payload: unknown) => void): () => void {
    this.emitter.on(ANY, listener);
    return () => this.emitter.off(ANY, listener);
  }
}
