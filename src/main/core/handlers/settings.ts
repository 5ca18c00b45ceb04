// Contract handlers for the app's settings.
import type { Handlers } from '../../../shared/contract';
import type { EventBus } from '../events';
import type { Platform } from '../platform';
import type { SettingsStore } from '../settings';

export function settingsHandlers(deps: { settings: SettingsStore; events: EventBus; platform: Platform }): Pick<Handlers, 'settings.get' | 'settings.update'> {
  const { settings, events, platform } = deps;
  return {
    'settings.get': async () => settings.read().settings,
    'settings.update': async (patch) => {
      const before = settings.read().settings;
      const next = settings.update((draft) => {
        draft.settings = { ...draft.settings, ...patch };
      }).settings;
      if (patch.mcpPort !== undefined && patch.mcpPort !== before.mcpPort) {
        platform.notify({
          title: 'MCP port changed',
          body: `The gateway moves to port ${patch.mcpPort} when the app restarts; clients then need the new URL.`,
        });
      }
      if (patch.defaultClassification !== undefined && patch.defaultClassification !== before.defaultClassification) {
        events.emit('defaults.changed', { defaultClassification: next.defaultClassification });
      }
      return next;
    },
  };
}
