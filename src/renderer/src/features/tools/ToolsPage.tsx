// Tools: every discovered PagerDuty tool, its approval state and class, with search, filters, bulk
// actions, the default classification and the toolsets editor.
import { useMemo, useState } from 'react';
import type { ApprovalState, DefaultClassification, ToolView } from '../../../../shared/model';
import { Badge, ErrorText, LABELS, Loading, plural, useAction, useBridge, useEvent, useQuery } from '../../ui';
import { areasOf, countByState, EMPTY_TOOL_FILTER, filterTools, pruneSelection, toggleAll, toggleOne, type ToolFilter } from './filters';
import { AddToToolset } from './AddToToolset';
import { RulesEditor } from './RulesEditor';
import { ToolsetsEditor } from './ToolsetsEditor';

const STATES: ApprovalState[] = ['approved', 'ask_each_time', 'pending_review', 'denied'];
const STATE_TONE: Record<ApprovalState, 'ok' | 'info' | 'warn' | 'bad'> = { approved: 'ok', ask_each_time: 'info', pending_review: 'warn', denied: 'bad' };
const ACTION_LABEL: Record<ApprovalState, string> = { approved: 'Approve', ask_each_time: 'Ask each time', denied: 'Deny', pending_review: 'Back to pending' };

export function ToolsPage() {
  const bridge = useBridge();
  const tools = useQuery(() => bridge.invoke('tools.list', {}), [bridge]);
  const [filter, setFilter] = useState<ToolFilter>(EMPTY_TOOL_FILTER);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const action = useAction();

  useEvent('tools.changed', () => tools.reload());

  const all = tools.data ?? [];
  const visible = useMemo(() => filterTools(all, filter), [all, filter]);
  const areas = useMemo(() => areasOf(all), [all]);
  const counts = useMemo(() => countByState(all), [all]);
  const allVisibleSelected = visible.length > 0 && visible.every((t) => selected.has(t.name));

  const setState = (names: string[], state: ApprovalState) =>
    action.run(`state:${state}`, async () => {
      const updated = await bridge.invoke('tools.setState', { names, state });
      const byName = new Map(updated.map((t) => [t.name, t]));
      tools.setData((prev) => (prev ? prev.map((t) => byName.get(t.name) ?? t) : prev));
    });
  const bulk = async (state: ApprovalState) => {
    await setState([...selected], state);
    setSelected((s) => pruneSelection(s, all));
  };

  return (
    <div className="page" aria-labelledby="tools-title">
      <header className="page-head">
        <h1 id="tools-title">Tools</h1>
        <p className="page-sub">
          Decide which PagerDuty tools your AI clients may use. Unapproved tools are hidden from clients entirely.
        </p>
      </header>

      <DefaultClassificationSetting />

      <section className="card" aria-label="Tool list">
        <div className="toolbar" role="search">
          <input
            type="search"
            className="grow"
            placeholder="Search tools by name, description or area"
            aria-label="Search tools"
            value={filter.search}
            onChange={(e) => setFilter({ ...filter, search: e.target.value })}
          />
          <select aria-label="Filter by state" value={filter.state} onChange={(e) => setFilter({ ...filter, state: e.target.value as ToolFilter['state'] })}>
            <option value="all">All states</option>
            {STATES.map((s) => (
              <option key={s} value={s}>
                {LABELS.approval[s]} ({counts[s]})
              </option>
            ))}
            <option value="changed">Definition changed</option>
          </select>
          <select aria-label="Filter by class" value={filter.toolClass} onChange={(e) => setFilter({ ...filter, toolClass: e.target.value as ToolFilter['toolClass'] })}>
            <option value="all">Read and write</option>
            <option value="read">Read only</option>
            <option value="write">Write</option>
          </select>
          <select aria-label="Filter by area" value={filter.area} onChange={(e) => setFilter({ ...filter, area: e.target.value })}>
            <option value="all">All areas</option>
            {areas.map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </select>
        </div>

        {selected.size > 0 && (
          <div className="bulk-bar" role="region" aria-label="Bulk actions">
            <strong>{plural(selected.size, 'tool')} selected</strong>
            {STATES.map((s) => (
              <button key={s} type="button" className={s === 'denied' ? 'button-danger-quiet' : 'button-secondary'} disabled={!!action.busy} onClick={() => void bulk(s)}>
                {ACTION_LABEL[s]}
              </button>
            ))}
            <AddToToolset names={[...selected]} />
            <button type="button" className="link-button" onClick={() => setSelected(new Set())}>
              Clear selection
            </button>
          </div>
        )}
        {action.error && <ErrorText>{action.error.message}</ErrorText>}

        {tools.loading && !tools.data ? (
          <Loading what="tools" />
        ) : tools.error ? (
          <ErrorText>{tools.error}</ErrorText>
        ) : (
          <>
            <p className="muted small" aria-live="polite">
              Showing {visible.length} of {plural(all.length, 'tool')} · {counts.approved} approved · {counts.pending_review} pending review
            </p>
            <table className="table tools-table">
              <thead>
                <tr>
                  <th className="col-check">
                    <input type="checkbox" aria-label="Select all shown tools" checked={allVisibleSelected} onChange={() => setSelected((s) => toggleAll(s, visible))} />
                  </th>
                  <th>Tool</th>
                  <th>Area</th>
                  <th>Class</th>
                  <th>State</th>
                </tr>
              </thead>
              <tbody>
                {visible.map((t) => (
                  <ToolRow key={t.name} tool={t} checked={selected.has(t.name)} onCheck={() => setSelected((s) => toggleOne(s, t.name))} onState={(s) => void setState([t.name], s)} busy={!!action.busy} />
                ))}
                {visible.length === 0 && (
                  <tr>
                    <td colSpan={5} className="empty">
                      No tool matches these filters. Clear the search or pick “All states”.
                    </td>
                  </tr>
                )}
              </tbody>
            </table>
          </>
        )}
      </section>

      <ToolsetsEditor tools={all} />
      <RulesEditor tools={all} />
    </div>
  );
}

function ToolRow(props: { tool: ToolView; checked: boolean; onCheck: () => void; onState: (s: ApprovalState) => void; busy: boolean }) {
  const t = props.tool;
  return (
    <tr data-tool={t.name} className={props.checked ? 'row-selected' : undefined}>
      <td className="col-check">
        <input type="checkbox" aria-label={`Select ${t.name}`} checked={props.checked} onChange={props.onCheck} />
      </td>
      <td>
        <div className="tool-name">
          <code>{t.name}</code>
          {t.definitionChanged && (
            <Badge tone="warn" title={t.changeHint ?? 'The definition changed since you approved it.'}>
              Changed
            </Badge>
          )}
        </div>
        <div className="tool-desc">{t.description || t.title}</div>
        {t.definitionChanged && <div className="change-hint">{t.changeHint ?? 'The definition changed since you approved it'}: review it, then approve again.</div>}
      </td>
      <td className="nowrap">{t.area}</td>
      <td>
        <Badge tone={t.toolClass === 'write' ? 'warn' : 'muted'}>{t.toolClass === 'write' ? 'Write' : 'Read'}</Badge>
      </td>
      <td>
        <select
          className={`state-select state-${t.approvalState}`}
          aria-label={`State of ${t.name}`}
          value={t.approvalState}
          disabled={props.busy}
          onChange={(e) => props.onState(e.target.value as ApprovalState)}
        >
          {STATES.map((s) => (
            <option key={s} value={s}>
              {LABELS.approval[s]}
            </option>
          ))}
        </select>
        <span className={`state-dot dot-${STATE_TONE[t.approvalState]}`} aria-hidden="true" />
      </td>
    </tr>
  );
}

const CLASSIFICATIONS: { value: DefaultClassification; label: string }[] = [
  { value: 'read_approved_write_pending', label: 'Approve read tools, review write tools (recommended)' },
  { value: 'all_pending', label: 'Review every tool before use' },
  { value: 'all_approved', label: 'Approve every tool (not recommended)' },
];

function DefaultClassificationSetting() {
  const bridge = useBridge();
  const settings = useQuery(() => bridge.invoke('settings.get', {}), [bridge]);
  const action = useAction();
  useEvent('defaults.changed', (p) => settings.setData((s) => (s ? { ...s, defaultClassification: p.defaultClassification } : s)));
  const change = (value: DefaultClassification) =>
    action.run('save', async () => {
      const next = await bridge.invoke('settings.update', { defaultClassification: value });
      settings.setData(() => next);
    });
  return (
    <section className="card card-compact" aria-labelledby="default-class-title">
      <div className="inline-setting">
        <div>
          <h2 id="default-class-title">Newly discovered tools</h2>
          <p className="muted small">Decides the first state of a tool the app has not seen before.</p>
        </div>
        {settings.data ? (
          <select aria-labelledby="default-class-title" value={settings.data.defaultClassification} onChange={(e) => void change(e.target.value as DefaultClassification)} disabled={!!action.busy}>
            {CLASSIFICATIONS.map((c) => (
              <option key={c.value} value={c.value}>
                {c.label}
              </option>
            ))}
          </select>
        ) : settings.error ? (
          <ErrorText>{settings.error}</ErrorText>
        ) : (
          <Loading what="settings" />
        )}
      </div>
      {action.error && <ErrorText>{action.error.message}</ErrorText>}
    </section>
  );
}
