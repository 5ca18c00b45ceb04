// Access profiles: named sets of toolsets, bound to clients.
import { useState, type FormEvent } from 'react';
import type { AccessProfile, Toolset } from '../../../../shared/model';
import { ErrorText, Loading, NamedItemRow, useAction, useBridge, useEvent, useQuery, type Query } from '../../ui';

export function ProfilesEditor({ profiles }: { profiles: Query<AccessProfile[]> }) {
  const bridge = useBridge();
  const toolsets = useQuery(() => bridge.invoke('toolsets.list', {}), [bridge]);
  const [name, setName] = useState('');
  const action = useAction();
  useEvent('tools.changed', () => toolsets.reload());
  const replace = (p: AccessProfile) => profiles.setData((prev) => (prev ?? []).map((x) => (x.id === p.id ? p : x)));
  const create = (e: FormEvent) => {
    e.preventDefault();
    if (!name.trim()) return action.setError({ message: 'Give the profile a name, e.g. “On-call responder”.', field: 'name' });
    void action.run('create', async () => {
      const p = await bridge.invoke('profiles.create', { name: name.trim(), toolsetIds: [] });
      profiles.setData((prev) => [...(prev ?? []), p]);
      setName('');
    });
  };
  return (
    <section className="card" aria-labelledby="profiles-title">
      <h2 id="profiles-title">Access profiles</h2>
      <p className="muted small">A profile is the set of toolsets a client may use. A tool must also be approved to be callable.</p>
      <form className="form-inline" onSubmit={create} noValidate>
        <input aria-label="New profile name" placeholder="New profile name" value={name} onChange={(e) => setName(e.target.value)} />
        <button type="submit" className="button-secondary" disabled={!!action.busy}>
          Create profile
        </button>
      </form>
      {action.error && <ErrorText>{action.error.message}</ErrorText>}
      {profiles.loading && !profiles.data ? (
        <Loading what="profiles" />
      ) : profiles.error ? (
        <ErrorText>{profiles.error}</ErrorText>
      ) : (
        <ul className="stack-list">
          {(profiles.data ?? []).map((p) => (
            <ProfileItem key={p.id} profile={p} toolsets={toolsets.data ?? []} onChange={replace} onDelete={() => profiles.setData((prev) => (prev ?? []).filter((x) => x.id !== p.id))} />
          ))}
          {toolsets.error && <ErrorText>{toolsets.error}</ErrorText>}
        </ul>
      )}
    </section>
  );
}

function ProfileItem(props: { profile: AccessProfile; toolsets: Toolset[]; onChange: (p: AccessProfile) => void; onDelete: () => void }) {
  const bridge = useBridge();
  const p = props.profile;
  const [open, setOpen] = useState(false);
  const action = useAction();
  const update = (patch: { name?: string; toolsetIds?: string[] }) =>
    action.run('update', async () => {
      props.onChange(await bridge.invoke('profiles.update', { id: p.id, ...patch }));
    });
  const names = props.toolsets.filter((t) => p.toolsetIds.includes(t.id)).map((t) => t.name);
  return (
    <li className="stack-item">
      <NamedItemRow
        kind="profile"
        name={p.name}
        builtIn={p.builtIn}
        open={open}
        onToggle={() => setOpen(!open)}
        summary={<span className="muted">· {names.length ? `toolsets: ${names.join(', ')}` : 'no toolsets yet'}</span>}
        onRename={(name) => update({ name })}
        onDelete={() =>
          void action.run('delete', async () => {
            await bridge.invoke('profiles.delete', { id: p.id });
            props.onDelete();
          })
        }
      />
      {action.error && <ErrorText>{action.error.message}</ErrorText>}
      {open && (
        <fieldset className="stack-body checkbox-grid">
          <legend className="sr-only">Toolsets in {p.name}</legend>
          {props.toolsets.map((t) => (
            <label key={t.id} className="checkbox">
              <input
                type="checkbox"
                checked={p.toolsetIds.includes(t.id)}
                disabled={!!action.busy}
                onChange={(e) => void update({ toolsetIds: e.target.checked ? [...p.toolsetIds, t.id] : p.toolsetIds.filter((x) => x !== t.id) })}
              />
              {t.name} <span className="muted small">({t.tools.length})</span>
            </label>
          ))}
          {props.toolsets.length === 0 && <p className="muted small">No toolsets yet: create them on the Tools page.</p>}
        </fieldset>
      )}
    </li>
  );
}
