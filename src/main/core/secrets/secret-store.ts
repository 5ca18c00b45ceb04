// Secrets (API key, OAuth tokens, OAuth client secret) live only in the OS keychain. This is the port;
// keytar-store.ts is the one implementation. There is deliberately no file or memory fallback: if the
// keychain is unreachable the app says so and refuses to store the secret at all.

export type SecretName = 'api_key' | 'oauth_access_token' | 'oauth_refresh_token' | 'oauth_client_secret';

export interface SecretStore {
  get(name: SecretName): Promise<string | null>;
  set(name: SecretName, value: string): Promise<void>;
  delete(name: SecretName): Promise<boolean>;
  /** Every secret this data directory owns; used by `demo` to leave nothing behind. */
  deleteAll(): Promise<number>;
  /** Whether the keychain answers, and if not, what the person should do. */
  check(): Promise<{ available: boolean; message: string | null }>;
}

export class KeychainUnavailableError extends Error {
  readonly code = 'keychain_unavailable';
  constructor(detail: string) {
    super(
      `The system keychain is not available (${detail}). Secrets are stored only in the keychain, so nothing was saved. ` +
        'On Linux, install and unlock a Secret Service provider such as GNOME Keyring or KWallet, then try again.',
    );
    this.name = 'KeychainUnavailableError';
  }
}
