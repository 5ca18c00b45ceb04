// The header row of a named item the person edits in place (a toolset, an access profile): a disclosure
// that opens its body, or an inline rename form; Rename and Delete only for items the person made.
import { useState, type ReactNode } from 'react';

export function NamedItemRow(props: {
  kind: 'toolset' | 'profile';
  name: string;
  builtIn: boolean;
  open: boolean;
  onToggle: () => void;
  /** Shown after the name, e.g. "· 12 tools". */
  summary: ReactNode;
  /** Resolves when the new name is saved (the form then closes). */
  onRename: (name: string) => Promise<unknown>;
  onDelete: () => void;
}) {
  const [rename, setRename] = useState<string | null>(null);
  const label = `${props.kind} ${props.name}`;
  return (
    <div className="stack-row">
      {rename === null ? (
        <button type="button" className="disclosure" aria-expanded={props.open} onClick={props.onToggle}>
          <span aria-hidden="true">{props.open ? '▾' : '▸'}</span> {props.name} {props.summary}
        </button>
      ) : (
        <form
          className="form-inline"
          onSubmit={(e) => {
            e.preventDefault();
            void props.onRename(rename).then(() => setRename(null));
          }}
        >
          <input aria-label={`New name for ${label}`} value={rename} onChange={(e) => setRename(e.target.value)} autoFocus />
          <button type="submit" className="button-secondary button-small">
            Save
          </button>
          <button type="button" className="link-button" onClick={() => setRename(null)}>
            Cancel
          </button>
        </form>
      )}
      <span className="spacer" />
      {!props.builtIn && rename === null && (
        <>
          <button type="button" className="button-secondary button-small" aria-label={`Rename ${label}`} onClick={() => setRename(props.name)}>
            Rename
          </button>
          <button type="button" className="button-danger-quiet button-small" aria-label={`Delete ${label}`} onClick={props.onDelete}>
            Delete
          </button>
        </>
      )}
    </div>
  );
}
