export { createSettingsStore, type SettingsStore, type ConfLike } from './store';
export { createConfBackend, CONFIG_NAME } from './conf-backend';
export * from './schema';
export { privateDir, privateFile } from './private';
