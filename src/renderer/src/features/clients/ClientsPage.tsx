// Clients & profiles: each local AI client has its own token and access profile; here they are created,
// rotated, revoked, renamed and bound, and profiles are built from toolsets.
import { useState, type FormEvent } from 'react';
import type { AccessProfile, ClientView } from '../../../../shared/model';
import { Badge, Dialog, ErrorText, Field, formatRelative, Loading, useAction, useBridge, useEvent, useQuery } from '../../ui';
import { revokeEffect, rotateEffect } from './effects';
import { ProfilesEditor } from './ProfilesEditor';
import { TokenDialog } from './TokenDialog';

export function ClientsPage() {
  const bridge = useBridge();
  const clients = useQuery(() => bridge.invoke('clients.list', {}), [bridge]);
  const profiles = useQuery(() => bridge.invoke('profiles.list', {}), [bridge]);
  const [shown, setShown] = useState<{ client: ClientView; token: string; rotated: boolean } | null>(null);
  useEvent('clients.changed', () => clients.reload());
  useEvent('status.changed', () => clients.reload());

  const replace = (c: ClientView) => clients.setData((prev) => (prev ?? []).map((x) => (x.id === c.id ? c : x)));

  return (
    <div className="page" aria-labelledby="clients-title">
      <header className="page-head">
        <h1 id="clients-title">Clients &amp; profiles</h1>
        <p className="page-sub">Each AI client gets its own token and sees only the tools of its access profile.</p>
      </header>

      <CreateClient
        profiles={profiles.data ?? []}
        onCreated={(client, token) => {
          clients.setData((prev) => [...(prev ?? []).filter((c) => c.id !== client.id), client]);
          setShown({ client, token, rotated: false });
        }}
      />

      <section className="card" aria-labelledby="client-list-title">
        <h2 id="client-list-title">Clients</h2>
        {clients.loading && !clients.data ? (
          <Loading what="clients" />
        ) : clients.error ? (
          <ErrorText>{clients.error}</ErrorText>
        ) : (clients.data ?? []).length === 0 ? (
          <p className="empty">No clients yet. Create one above, then add it to Claude, Cursor or VS Code.</p>
        ) : (
          <table className="table">
            <thead>
              <tr>
                <th>Name</th>
                <th>Profile</th>
                <th>Last seen</th>
                <th>Sessions</th>
                <th>
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {(clients.data ?? []).map((c) => (
                <ClientRow key={c.id} client={c} profiles={profiles.data ?? []} onChange={replace} onToken={(client, token) => setShown({ client, token, rotated: true })} />
              ))}
            </tbody>
          </table>
        )}
      </section>

      <ProfilesEditor profiles={profiles} />

      {shown && <TokenDialog client={shown.client} token={shown.token} rotated={shown.rotated} onClose={() => setShown(null)} />}
    </div>
  );
}

function CreateClient(props: { profiles: AccessProfile[]; onCreated: (c: ClientView, token: string) => void }) {
  const bridge = useBridge();
  const [name, setName] = useState('');
  const [profileId, setProfileId] = useState('');
  const action = useAction();
  const chosen = profileId || props.profiles[0]?.id || '';
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!name.trim()) return action.setError({ message: 'Name the client, e.g. “Claude Code on my laptop”.', field: 'name' });
    if (!chosen) return action.setError({ message: 'Create an access profile first (below), then create the client.', field: 'profileId' });
    void action.run('create', async () => {
      const r = await bridge.invoke('clients.create', { name: name.trim(), profileId: chosen });
      setName('');
      props.onCreated(r.client, r.token);
    });
  };
  const fieldError = (f: string) => (action.error?.field === f ? action.error.message : null);
  return (
    <section className="card" aria-labelledby="create-client-title">
      <h2 id="create-client-title">Add a client</h2>
      <form className="form-row" onSubmit={submit} noValidate>
        <Field label="Client name" id="client-name" error={fieldError('name')}>
          <input id="client-name" value={name} placeholder="Claude Code on my laptop" onChange={(e) => setName(e.target.value)} />
        </Field>
        <Field label="Access profile" id="client-profile" error={fieldError('profileId')}>
          <select id="client-profile" value={chosen} onChange={(e) => setProfileId(e.target.value)}>
            {props.profiles.length === 0 && <option value="">No profiles yet</option>}
            {props.profiles.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </Field>
        <button type="submit" className="button-primary" disabled={!!action.busy}>
          {action.busy ? 'Creating…' : 'Create client'}
        </button>
      </form>
      {action.error && !['name', 'profileId'].includes(action.error.field ?? '') && <ErrorText>{action.error.message}</ErrorText>}
    </section>
  );
}

function ClientRow(props: { client: ClientView; profiles: AccessProfile[]; onChange: (c: ClientView) => void; onToken: (c: ClientView, token: string) => void }) {
  const bridge = useBridge();
  const c = props.client;
  const [rename, setRename] = useState<string | null>(null);
  const [confirmRevoke, setConfirmRevoke] = useState(false);
  const [confirmRotate, setConfirmRotate] = useState(false);
  const action = useAction();
  return (
    <>
      <tr className={c.revoked ? 'row-muted' : undefined} data-client={c.name}>
        <td>
          {rename === null ? (
            <span className="client-name">
              {c.name} {c.revoked && <Badge tone="bad">Revoked</Badge>}
            </span>
          ) : (
            <form
              className="form-inline"
              onSubmit={(e) => {
                e.preventDefault();
                void action.run('rename', async () => {
                  props.onChange(await bridge.invoke('clients.rename', { id: c.id, name: rename }));
                  setRename(null);
                });
              }}
            >
              <input aria-label={`New name for ${c.name}`} value={rename} onChange={(e) => setRename(e.target.value)} autoFocus />
              <button type="submit" className="button-secondary button-small">
                Save
              </button>
              <button type="button" className="link-button" onClick={() => setRename(null)}>
                Cancel
              </button>
            </form>
          )}
        </td>
        <td>
          <select
            aria-label={`Access profile of ${c.name}`}
            value={c.profileId}
            disabled={c.revoked || !!action.busy}
            onChange={(e) => void action.run('bind', async () => props.onChange(await bridge.invoke('clients.bind', { id: c.id, profileId: e.target.value })))}
          >
            {!props.profiles.some((p) => p.id === c.profileId) && <option value={c.profileId}>Unknown profile</option>}
            {props.profiles.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </td>
        <td className="nowrap" title={c.lastSeenAt ?? undefined}>
          {formatRelative(c.lastSeenAt)}
        </td>
        <td>{c.sessions > 0 ? <Badge tone="ok">{c.sessions} live</Badge> : <span className="muted">0</span>}</td>
        <td className="row-actions">
          {!c.revoked && (
            <>
              <button type="button" className="button-secondary button-small" aria-label={`Rename ${c.name}`} onClick={() => setRename(c.name)}>
                Rename
              </button>
              <button
                type="button"
                className="button-secondary button-small"
                aria-label={`Rotate token of ${c.name}`}
                onClick={() => setConfirmRotate(true)}
              >
                Rotate token
              </button>
              <button type="button" className="button-danger-quiet button-small" aria-label={`Revoke ${c.name}`} onClick={() => setConfirmRevoke(true)}>
                Revoke
              </button>
            </>
          )}
        </td>
      </tr>
      {action.error && (
        <tr>
          <td colSpan={5}>
            <ErrorText>{action.error.message}</ErrorText>
          </td>
        </tr>
      )}
      {confirmRotate && (
        <ConfirmDialog
          title={`Rotate the token of ${c.name}?`}
          effect={rotateEffect(c)}
          keepLabel="Keep the token"
          doLabel="Rotate token"
          testId="rotate-dialog"
          onKeep={() => setConfirmRotate(false)}
          onDo={() =>
            action.run('rotate', async () => {
              const r = await bridge.invoke('clients.rotate', { id: c.id });
              setConfirmRotate(false);
              props.onChange(r.client);
              props.onToken(r.client, r.token);
            })
          }
        />
      )}
      {confirmRevoke && (
        <ConfirmDialog
          title={`Revoke ${c.name}?`}
          effect={revokeEffect(c)}
          keepLabel="Keep it"
          doLabel="Revoke client"
          testId="revoke-dialog"
          onKeep={() => setConfirmRevoke(false)}
          onDo={() =>
            action.run('revoke', async () => {
              props.onChange(await bridge.invoke('clients.revoke', { id: c.id }));
              setConfirmRevoke(false);
            })
          }
        />
      )}
    </>
  );
}

/** A destructive action's question: what it breaks, the safe choice focused first. */
function ConfirmDialog(props: { title: string; effect: string; keepLabel: string; doLabel: string; testId: string; onKeep: () => void; onDo: () => unknown }) {
  return (
    <Dialog title={props.title} onClose={props.onKeep} testId={props.testId}>
      <p>{props.effect}</p>
      <div className="dialog-foot">
        <button type="button" className="button-secondary" onClick={props.onKeep} data-autofocus>
          {props.keepLabel}
        </button>
        <button type="button" className="button-danger" onClick={() => void props.onDo()}>
          {props.doLabel}
        </button>
      </div>
    </Dialog>
  );
}
