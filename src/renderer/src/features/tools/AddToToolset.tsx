// Bulk bar action: put the selected tools into one of the person's own toolsets in one step.
import { useState } from 'react';
import { ErrorText, plural, useAction, useBridge, useEvent, useQuery } from '../../ui';

export function AddToToolset(props: { names: string[] }) {
  const bridge = useBridge();
  const toolsets = useQuery(() => bridge.invoke('toolsets.list', {}), [bridge]);
  useEvent('tools.changed', () => toolsets.reload());
  const own = (toolsets.data ?? []).filter((t) => !t.builtIn);
  const [target, setTarget] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const action = useAction();
  if (own.length === 0) return <span className="muted small">Create a toolset below to group tools.</span>;
  const chosen = own.find((t) => t.id === target) ?? own[0]!;
  const add = () =>
    action.run('add', async () => {
      const tools = [...new Set([...chosen.tools, ...props.names])];
      const updated = await bridge.invoke('toolsets.update', { id: chosen.id, tools });
      setDone(`${plural(tools.length - chosen.tools.length, 'tool')} added to ${updated.name}.`);
      toolsets.reload();
    });
  return (
    <span className="inline-group">
      <select aria-label="Toolset to add the selected tools to" value={chosen.id} onChange={(e) => setTarget(e.target.value)}>
        {own.map((t) => (
          <option key={t.id} value={t.id}>
            {t.name}
          </option>
        ))}
      </select>
      <button type="button" className="button-secondary" disabled={!!action.busy} onClick={() => void add()}>
        Add to toolset
      </button>
      {done && (
        <span className="muted small" role="status">
          {done}
        </span>
      )}
      {action.error && <ErrorText>{action.error.message}</ErrorText>}
    </span>
  );
}
