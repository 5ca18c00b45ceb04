export * from './secret-store';
export { createKeytarSecretStore, keychainService, withKeytar } from './keytar-store';
