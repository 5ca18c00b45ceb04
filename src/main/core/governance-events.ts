// Turns settings-file changes into UI events. Events come from what changed in the file, not from who
// changed it, so a CLI write (picked up by the file watch) is announced exactly like an app one.
import type { EventBus } from './events';
import type { PersistedState } from './settings';

const snapshot = (st: PersistedState) => ({
  tools: JSON.stringify(st.governance.tools),
  toolsets: JSON.stringify(st.governance.toolsets),
  profiles: JSON.stringify(st.governance.profiles),
  clients: JSON.stringify(st.governance.clients),
  rules: JSON.stringify(st.governance.rules),
});

/** Returns the listener to call with each new state; it emits `tools.changed` / `clients.changed` as needed. */
export function governanceAnnouncer(events: EventBus, initial: PersistedState): (state: PersistedState) => void {
  let seen = snapshot(initial);
  return (st) => {
    const next = snapshot(st);
    const reasons = (['tools', 'toolsets', 'profiles', 'rules'] as const).filter((k) => next[k] !== seen[k]);
    if (reasons.length) events.emit('tools.changed', { reason: reasons.map((r) => (r === 'tools' ? 'state' : r)).join(',') });
    if (next.clients !== seen.clients) events.emit('clients.changed', {});
    seen = next;
  };
}
