// Client bearer tokens kept in the OS keychain for AI clients whose config holds no token (Claude
// Code's headersHelper, Codex's env_http_headers run this app's CLI to read it). Settings keep only the
// hash; this copy exists only for clients set up that way, is replaced when the token is rotated and
// deleted when the client is revoked. Entries sit beside the data directory's other secrets (same
// keychain service), so removing a data directory's secrets removes these too.
import { keychainService, withKeytar } from '../secrets';

const ACCOUNT_PREFIX = 'client-token/';

export interface ClientTokenKeychain {
  store(clientId: string, token: string): Promise<void>;
  read(clientId: string): Promise<string | null>;
  /** true when there was a copy to delete. */
  remove(clientId: string): Promise<boolean>;
  /** Ids of the clients that have a copy. */
  list(): Promise<string[]>;
}

export function createClientTokenKeychain(instanceId: string): ClientTokenKeychain {
  const service = keychainService(instanceId);
  const account = (clientId: string) => `${ACCOUNT_PREFIX}${clientId}`;
  return {
    store: (clientId, token) => withKeytar((k) => k.setPassword(service, account(clientId), token)),
    read: (clientId) => withKeytar((k) => k.getPassword(service, account(clientId))),
    remove: (clientId) => withKeytar((k) => k.deletePassword(service, account(clientId))),
    async list() {
      const found = await withKeytar((k) => k.findCredentials(service));
      return found.map((c) => c.account).filter((a) => a.startsWith(ACCOUNT_PREFIX)).map((a) => a.slice(ACCOUNT_PREFIX.length));
    },
  };
}

/**
 * Keeps the keychain copy in step with a rotated token: the new token replaces the copy, so a
 * helper-based config keeps working; a client without a copy stays without one. Never throws: if the
 * keychain fails, the stale copy is dropped (the helper would refuse it anyway, its hash no longer matches).
 */
export async function replaceOnRotate(keychain: ClientTokenKeychain, clientId: string, token: string): Promise<boolean> {
  try {
    if ((await keychain.read(clientId)) === null) return false;
    await keychain.store(clientId, token);
    return true;
  } catch {
    await keychain.remove(clientId).catch(() => false);
    return false;
  }
}

/** A revoked client's copy is deleted; true when there was one. Never throws (a revoked client's copy is refused anyway). */
export async function removeOnRevoke(keychain: ClientTokenKeychain, clientId: string): Promise<boolean> {
  return keychain.remove(clientId).catch(() => false);
}
