// What a client opened (a 2025-era session, a 2026-07-28 listen stream) belongs to the token it was opened
// with: when that token is revoked or rotated, it closes — in both eras, on the same check.
import type { Governance } from '../governance';

/** Why what this token opened must close now, or null while the token is still the client's live one. */
export function tokenGone(governance: Governance, clientId: string, tokenHash: string): 'client revoked' | 'token rotated' | null {
  const client = governance.client(clientId);
  if (client && !client.revoked && client.tokenHash === tokenHash) return null;
  return client?.revoked ? 'client revoked' : 'token rotated';
}
