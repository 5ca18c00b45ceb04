// keytar-backed SecretStore. Entries are namespaced by the data directory's instanceId, so a demo in a
// temporary folder and the real app never read each other's secrets.
import { createRequire } from 'node:module';
import { KeychainUnavailableError, type SecretName, type SecretStore } from './secret-store';

type Keytar = typeof import('keytar');

const SERVICE_PREFIX = 'pagerduty-mcp-tray';
const NAMES: SecretName[] = ['api_key', 'oauth_access_token', 'oauth_refresh_token', 'oauth_client_secret'];

let keytarModule: Keytar | Error | null = null;
function loadKeytar(): Keytar {
  if (keytarModule === null) {
    try {
      // keytar is a native CommonJS addon; load it lazily so a missing build is a clear error, not a crash at start.
      keytarModule = createRequire(import.meta.url)('keytar') as Keytar;
    } catch (error) {
      keytarModule = error instanceof Error ? error : new Error(String(error));
    }
  }
  if (keytarModule instanceof Error) throw new KeychainUnavailableError(`keytar could not load: ${keytarModule.message}`);
  return keytarModule;
}

export function keychainService(instanceId: string): string {
  return `${SERVICE_PREFIX}/${instanceId}`;
}

/** Runs one keychain operation; any failure becomes the one clear "keychain not available" error. */
export async function withKeytar<T>(op: (k: Keytar) => Promise<T>): Promise<T> {
  const keytar = loadKeytar();
  try {
    return await op(keytar);
  } catch (error) {
    throw new KeychainUnavailableError(error instanceof Error ? error.message : String(error));
  }
}

export function createKeytarSecretStore(instanceId: string): SecretStore {
  const service = keychainService(instanceId);
  const guard = withKeytar;

  return {
    get: (name) => guard((k) => k.getPassword(service, name)),
    set: (name, value) => guard((k) => k.setPassword(service, name, value)),
    delete: (name) => guard((k) => k.deletePassword(service, name)),
    async deleteAll() {
      let removed = 0;
      for (const name of NAMES) if (await guard((k) => k.deletePassword(service, name))) removed += 1;
      // Other entries of this data directory (client tokens kept for config helpers) go too.
      for (const { account } of await guard((k) => k.findCredentials(service))) {
        if (await guard((k) => k.deletePassword(service, account))) removed += 1;
      }
      return removed;
    },
    async check() {
      try {
        await guard((k) => k.findCredentials(service));
        return { available: true, message: null };
      } catch (error) {
        return { available: false, message: error instanceof Error ? error.message : String(error) };
      }
    },
  };
}
