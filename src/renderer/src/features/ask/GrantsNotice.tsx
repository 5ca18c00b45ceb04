// The "approve for this client for 15 minutes" grants that are running now, each with its end time and a
// Revoke button: a standing yes should never be invisible.
import { useEffect, useState } from 'react';
import type { AskGrant } from '../../../../shared/model';
import { ErrorText, useAction, useBridge, useEvent } from '../../ui';

const clock = (iso: string) => new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });

export function GrantsNotice() {
  const bridge = useBridge();
  const [grants, setGrants] = useState<AskGrant[]>([]);
  const action = useAction();
  useEffect(() => {
    bridge.invoke('ask.grants', {}).then(setGrants, () => undefined);
  }, [bridge]);
  useEvent('ask.grantsChanged', setGrants);
  if (grants.length === 0) return null;
  return (
    <section
      className="card card-compact"
      aria-label="Approvals for a while"
      data-testid="ask-grants"
      style={{ position: 'fixed', right: 16, bottom: 16, zIndex: 40, maxWidth: 420 }}
    >
      <ul className="stack-list">
        {grants.map((g) => (
          <li key={g.id} className="small">
            <strong>{g.clientName}</strong> may run <code>{g.tool}</code> without asking until {clock(g.expiresAt)}.{' '}
            <button
              type="button"
              className="link-button"
              disabled={!!action.busy}
              aria-label={`Revoke: ${g.clientName} may run ${g.tool} without asking`}
              onClick={() => void action.run(g.id, () => bridge.invoke('ask.revokeGrant', { id: g.id }))}
            >
              Revoke
            </button>
          </li>
        ))}
      </ul>
      {action.error && <ErrorText>{action.error.message}</ErrorText>}
    </section>
  );
}
