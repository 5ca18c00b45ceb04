// What rotating or revoking a client does to the AI client using it, said before the person confirms.
import type { ClientView } from '../../../../shared/model';

const sessions = (c: ClientView, one: string, many: string) =>
  c.sessions === 0 ? '' : c.sessions === 1 ? ` Its open session ${one}.` : ` Its ${c.sessions} open sessions ${many}.`;

export function rotateEffect(c: ClientView): string {
  const base = c.tokenInKeychain
    ? `The old token stops working at once. A config that reads it from the keychain (set up with “Add to …”) gets the new one by itself; a config with the old token pasted in stops working until you paste the new one.`
    : `${c.name} stops working until you paste the new token into its config: the old token stops working at once.`;
  return `${base}${sessions(c, 'fails from its next call on', 'fail from their next call on')}`;
}

export function revokeEffect(c: ClientView): string {
  return (
    `${c.name} stops working at once and for good: its token is refused${c.tokenInKeychain ? ' and its keychain copy is deleted' : ''}.` +
    `${sessions(c, 'is closed', 'are closed')} This cannot be undone; create a new client to connect again.`
  );
}
