// Toolsets: named groups of tools that access profiles are built from.
import { useState, type FormEvent } from 'react';
import type { Toolset, ToolView } from '../../../../shared/model';
import { ErrorText, Loading, NamedItemRow, plural, useAction, useBridge, useEvent, useQuery } from '../../ui';

export function ToolsetsEditor({ tools }: { tools: ToolView[] }) {
  const bridge = useBridge();
  const toolsets = useQuery(() => bridge.invoke('toolsets.list', {}), [bridge]);
  const [name, setName] = useState('');
  const action = useAction();
  useEvent('tools.changed', () => toolsets.reload());

  const create = (e: FormEvent) => {
    e.preventDefault();
    if (!name.trim()) {
      action.setError({ message: 'Give the toolset a name, e.g. “Incident response”.', field: 'name' });
      return;
    }
    void action.run('create', async () => {
      const created = await bridge.invoke('toolsets.create', { name: name.trim(), tools: [] });
      toolsets.setData((prev) => [...(prev ?? []), created]);
      setName('');
    });
  };
  const replace = (t: Toolset) => toolsets.setData((prev) => (prev ?? []).map((x) => (x.id === t.id ? t : x)));

  return (
    <section className="card" aria-labelledby="toolsets-title">
      <h2 id="toolsets-title">Toolsets</h2>
      <p className="muted small">Group tools; then give access profiles the toolsets they need.</p>
      <form className="form-inline" onSubmit={create} noValidate>
        <input aria-label="New toolset name" placeholder="New toolset name" value={name} onChange={(e) => setName(e.target.value)} />
        <button type="submit" className="button-secondary" disabled={!!action.busy}>
          Create toolset
        </button>
      </form>
      {action.error && <ErrorText>{action.error.message}</ErrorText>}
      {toolsets.loading && !toolsets.data ? (
        <Loading what="toolsets" />
      ) : toolsets.error ? (
        <ErrorText>{toolsets.error}</ErrorText>
      ) : (
        <ul className="stack-list">
          {(toolsets.data ?? []).map((ts) => (
            <ToolsetItem key={ts.id} toolset={ts} tools={tools} onChange={replace} onDelete={() => toolsets.setData((prev) => (prev ?? []).filter((x) => x.id !== ts.id))} />
          ))}
          {toolsets.data?.length === 0 && <li className="empty">No toolsets yet.</li>}
        </ul>
      )}
    </section>
  );
}

function ToolsetItem(props: { toolset: Toolset; tools: ToolView[]; onChange: (t: Toolset) => void; onDelete: () => void }) {
  const bridge = useBridge();
  const ts = props.toolset;
  const [open, setOpen] = useState(false);
  const [toAdd, setToAdd] = useState('');
  const action = useAction();
  const update = (patch: { name?: string; tools?: string[] }) =>
    action.run('update', async () => {
      props.onChange(await bridge.invoke('toolsets.update', { id: ts.id, ...patch }));
    });
  const candidates = props.tools.filter((t) => !ts.tools.includes(t.name));

  return (
    <li className="stack-item">
      <NamedItemRow
        kind="toolset"
        name={ts.name}
        builtIn={ts.builtIn}
        open={open}
        onToggle={() => setOpen(!open)}
        summary={
          <>
            <span className="muted">· {plural(ts.tools.length, 'tool')}</span>
            {ts.builtIn && <span className="muted"> · built in</span>}
          </>
        }
        onRename={(name) => update({ name })}
        onDelete={() =>
          void action.run('delete', async () => {
            await bridge.invoke('toolsets.delete', { id: ts.id });
            props.onDelete();
          })
        }
      />
      {action.error && <ErrorText>{action.error.message}</ErrorText>}
      {open && (
        <div className="stack-body">
          <ul className="chips" aria-label={`Tools in ${ts.name}`}>
            {ts.tools.map((name) => (
              <li key={name} className="chip">
                <code>{name}</code>
                {!ts.builtIn && (
                  <button type="button" className="chip-remove" aria-label={`Remove ${name} from ${ts.name}`} onClick={() => void update({ tools: ts.tools.filter((n) => n !== name) })}>
                    ×
                  </button>
                )}
              </li>
            ))}
            {ts.tools.length === 0 && <li className="muted small">No tools yet.</li>}
          </ul>
          {!ts.builtIn && (
            <form
              className="form-inline"
              onSubmit={(e) => {
                e.preventDefault();
                if (toAdd) void update({ tools: [...ts.tools, toAdd] }).then(() => setToAdd(''));
              }}
            >
              <select aria-label={`Tool to add to ${ts.name}`} value={toAdd} onChange={(e) => setToAdd(e.target.value)}>
                <option value="">Choose a tool…</option>
                {candidates.map((t) => (
                  <option key={t.name} value={t.name}>
                    {t.name}
                  </option>
                ))}
              </select>
              <button type="submit" className="button-secondary button-small" disabled={!toAdd}>
                Add tool
              </button>
            </form>
          )}
        </div>
      )}
    </li>
  );
}
