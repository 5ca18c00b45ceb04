// "Add to …" in two steps: first the exact change to the client's config file as a diff, then the
// write; afterwards one click puts the file back from the backup the core kept.
import { useEffect, useRef, useState } from 'react';
import type { ClientSetup, InstallOutcome, InstallPreview } from '../../../../shared/client-configs';
import { ErrorText, useAction, useBridge } from '../../ui';

const SAYS: Record<InstallPreview['action'], (path: string) => string> = {
  create: (p) => `This creates ${p} with the entry below.`,
  add: (p) => `This adds a "pagerduty" entry to ${p}; nothing else in the file changes.`,
  update: (p) => `${p} already has a "pagerduty" entry: this updates it in place; nothing else in the file changes.`,
  unchanged: (p) => `${p} already has exactly this entry; there is nothing to change.`,
};

function DiffView({ diff }: { diff: string }) {
  // Drop the "Index:/===/---/+++" header: the path is said above.
  const lines = diff.split('\n').filter((l, i) => !(i < 4 && /^(Index:|====|--- |\+\+\+ )/.test(l)));
  return (
    <pre className="diff" data-testid="install-diff" tabIndex={0} aria-label="Change to the file">
      {lines.map((line, i) => (
        <span key={i} className={`diff-line ${line.startsWith('+') ? 'diff-add' : line.startsWith('-') ? 'diff-del' : line.startsWith('@@') ? 'diff-hunk' : ''}`}>
          {line || ' '}
        </span>
      ))}
    </pre>
  );
}

export function InstallPanel(props: { setup: ClientSetup; token: string }) {
  const bridge = useBridge();
  const { setup } = props;
  const [preview, setPreview] = useState<InstallPreview | null>(null);
  const [done, setDone] = useState<InstallOutcome | null>(null);
  const [undone, setUndone] = useState<string | null>(null);
  const action = useAction();
  const previewRef = useRef<HTMLElement>(null);
  // The dialog scrolls: bring the change (and its Write button) into view when it appears.
  useEffect(() => {
    // (no return: newer browsers answer scrollIntoView with a promise, which React would take for a cleanup)
    void previewRef.current?.scrollIntoView?.({ block: 'nearest' });
  }, [preview]);
  const args = { app: setup.app, token: props.token, serverName: 'pagerduty', placement: setup.placement };

  const showPreview = () =>
    action.run('preview', async () => {
      setDone(null);
      setUndone(null);
      setPreview(await bridge.invoke('clients.previewInstall', args));
    });
  const write = (p: InstallPreview) =>
    action.run('write', async () => {
      setDone(await bridge.invoke('clients.install', { ...args, baseHash: p.baseHash }));
      setPreview(null);
    });
  const undo = (d: InstallOutcome) =>
    action.run('undo', async () => {
      const r = await bridge.invoke('clients.undoInstall', { installId: d.installId! });
      setUndone(r.restored === 'previous' ? `Undone: ${r.path} is back as it was.` : `Undone: ${r.path} was removed (this app had created it).`);
      setDone(null);
    });

  return (
    <>
      <div className="actions">
        <button type="button" className="button-primary" onClick={() => void showPreview()} disabled={!!action.busy}>
          {action.busy === 'preview' ? 'Preparing…' : `Add to ${setup.title}…`}
        </button>
        <span className="muted small">{setup.afterwards}</span>
      </div>
      {preview && (
        <section ref={previewRef} className="install-preview" data-testid="install-preview" aria-label={`Change to ${setup.title}’s config`}>
          <p role="status">{SAYS[preview.action](preview.path)}</p>
          {preview.diff && <DiffView diff={preview.diff} />}
          <div className="actions">
            {preview.action !== 'unchanged' && (
              <button type="button" className="button-primary" onClick={() => void write(preview)} disabled={!!action.busy} data-autofocus>
                {action.busy === 'write' ? 'Writing…' : preview.action === 'update' ? 'Update the file' : 'Write the file'}
              </button>
            )}
            <button type="button" className="button-secondary" onClick={() => setPreview(null)}>
              {preview.action === 'unchanged' ? 'Close' : 'Cancel'}
            </button>
          </div>
        </section>
      )}
      {done && (
        <p className="success-text" role="status" data-testid="install-result">
          {done.action === 'unchanged' ? `${done.path} already had this entry.` : `${done.action === 'update' ? 'Updated' : 'Added to'} ${done.path}.`}{' '}
          {done.backupPath ? `The previous file was saved as ${done.backupPath}.` : done.action === 'create' ? 'The file was new; nothing to back up.' : ''}{' '}
          {setup.placement === 'keychain' && 'The token is in your OS keychain; the file has none. '}
          {done.installId && (
            <button type="button" className="link-button" onClick={() => void undo(done)} disabled={!!action.busy}>
              Undo
            </button>
          )}
        </p>
      )}
      {undone && (
        <p className="success-text" role="status" data-testid="undo-result">
          {undone}
        </p>
      )}
      {action.error && <ErrorText>{action.error.message}</ErrorText>}
    </>
  );
}
