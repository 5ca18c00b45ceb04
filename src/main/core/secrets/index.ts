export * from './secret-store';
export { createKeytarSecretStore, keychainService } from './keytar-store';
