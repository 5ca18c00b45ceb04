// Argument rules: "ask before manage_incidents resolves", "deny add_responders with an escalation
// policy" — approval per action, by the value of one argument. Shown for all tools, or for one tool
// (`tool`), as the tool detail panel does.
import { useState, type FormEvent } from 'react';
import { describeCondition, RULE_ACTION_LABELS, RULE_CONDITION_LABELS } from '../../../../shared/argument-rules';
import type { ArgumentRule, RuleAction, RuleCondition, ToolView } from '../../../../shared/model';
import { ErrorText, Loading, useAction, useBridge, useEvent, useQuery } from '../../ui';

interface ArgInfo {
  name: string;
  type: string;
  /** Allowed values (an enum, or an array of an enum). */
  options: string[] | null;
}

/** What a rule may say about each argument, read from the tool's input schema. */
export function argumentsOf(tool: ToolView | undefined): ArgInfo[] {
  const props = (tool?.inputSchema.properties ?? {}) as Record<string, { type?: string; enum?: unknown[]; items?: { enum?: unknown[] } }>;
  return Object.entries(props).map(([name, s]) => ({
    name,
    type: s.type === 'integer' ? 'number' : (s.type ?? 'unknown'),
    options: (s.enum ?? s.items?.enum)?.map(String) ?? null,
  }));
}

/** "more than" fits numbers and lists; "is" plain values and lists of them; "is set" anything. */
export function conditionsFor(arg: ArgInfo | undefined): RuleCondition[] {
  if (!arg) return [];
  const out: RuleCondition[] = [];
  if (arg.type !== 'object') out.push('equals');
  if (arg.type === 'number' || arg.type === 'array') out.push('more_than');
  out.push('is_set');
  return out;
}

const ACTIONS: RuleAction[] = ['ask', 'deny'];

export function RulesEditor({ tools, tool }: { tools: ToolView[]; tool?: string }) {
  const bridge = useBridge();
  const rules = useQuery(() => bridge.invoke('rules.list', {}), [bridge]);
  const action = useAction();
  useEvent('tools.changed', () => rules.reload());
  const shown = (rules.data ?? []).filter((r) => !tool || r.tool === tool);
  const replace = (r: ArgumentRule) => rules.setData((prev) => (prev ?? []).map((x) => (x.id === r.id ? r : x)));

  return (
    <section className="card" aria-labelledby="rules-title" data-testid="rules-editor">
      <h2 id="rules-title">Argument rules</h2>
      <p className="muted small">
        Ask before — or refuse — a call by the value of one argument, even when the tool is approved: acknowledge freely, ask before resolving. A deny rule wins over an ask rule.
      </p>
      {rules.loading && !rules.data ? (
        <Loading what="argument rules" />
      ) : rules.error ? (
        <ErrorText>{rules.error}</ErrorText>
      ) : (
        <ul className="stack-list" aria-label="Argument rules">
          {shown.map((r) => (
            <li key={r.id} className="stack-item" data-rule={r.id}>
              <div className="form-inline" style={{ alignItems: 'center', margin: 0 }}>
                <span className="grow">
                  <code>{r.tool}</code>: {describeCondition(r)} →
                </span>
                <select
                  aria-label={`Action of the rule ${r.tool}: ${describeCondition(r)}`}
                  value={r.action}
                  disabled={!!action.busy}
                  onChange={(e) => void action.run(r.id, async () => replace(await bridge.invoke('rules.update', { id: r.id, action: e.target.value as RuleAction })))}
                >
                  {ACTIONS.map((a) => (
                    <option key={a} value={a}>
                      {RULE_ACTION_LABELS[a]}
                    </option>
                  ))}
                </select>
                <button
                  type="button"
                  className="button-danger-quiet button-small"
                  aria-label={`Delete the rule ${r.tool}: ${describeCondition(r)}`}
                  disabled={!!action.busy}
                  onClick={() =>
                    void action.run(r.id, async () => {
                      await bridge.invoke('rules.delete', { id: r.id });
                      rules.setData((prev) => (prev ?? []).filter((x) => x.id !== r.id));
                    })
                  }
                >
                  Delete
                </button>
              </div>
            </li>
          ))}
          {shown.length === 0 && <li className="empty">No argument rules{tool ? ' for this tool' : ''}.</li>}
        </ul>
      )}
      {action.error && <ErrorText>{action.error.message}</ErrorText>}
      <NewRule tools={tools} tool={tool} onCreated={(r) => rules.setData((prev) => [...(prev ?? []), r])} />
    </section>
  );
}

function NewRule({ tools, tool, onCreated }: { tools: ToolView[]; tool?: string; onCreated: (r: ArgumentRule) => void }) {
  const bridge = useBridge();
  const action = useAction();
  const [toolName, setToolName] = useState(tool ?? '');
  const [argument, setArgument] = useState('');
  const [condition, setCondition] = useState<RuleCondition | ''>('');
  const [value, setValue] = useState('');
  const [ruleAction, setRuleAction] = useState<RuleAction>('ask');
  const args = argumentsOf(tools.find((t) => t.name === toolName));
  const arg = args.find((a) => a.name === argument);
  const conditions = conditionsFor(arg);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!toolName || !argument || !condition) {
      action.setError({ message: 'Pick a tool, one of its arguments and a condition.', field: null });
      return;
    }
    void action.run('create', async () => {
      const created = await bridge.invoke('rules.create', { tool: toolName, argument, condition, value: condition === 'is_set' ? null : value, action: ruleAction });
      onCreated(created);
      setValue('');
    });
  };

  return (
    <form className="form-inline" onSubmit={submit} noValidate aria-label="New argument rule">
      {!tool && (
        <select
          aria-label="Tool of the new rule"
          value={toolName}
          onChange={(e) => {
            setToolName(e.target.value);
            setArgument('');
            setCondition('');
          }}
        >
          <option value="">Tool…</option>
          {tools.map((t) => (
            <option key={t.name} value={t.name}>
              {t.name}
            </option>
          ))}
        </select>
      )}
      <select
        aria-label="Argument of the new rule"
        value={argument}
        disabled={!toolName}
        onChange={(e) => {
          setArgument(e.target.value);
          setCondition('');
          setValue('');
        }}
      >
        <option value="">Argument…</option>
        {args.map((a) => (
          <option key={a.name} value={a.name}>
            {a.name}
          </option>
        ))}
      </select>
      <select aria-label="Condition of the new rule" value={condition} disabled={!arg} onChange={(e) => setCondition(e.target.value as RuleCondition)}>
        <option value="">Condition…</option>
        {conditions.map((c) => (
          <option key={c} value={c}>
            {RULE_CONDITION_LABELS[c]}
          </option>
        ))}
      </select>
      {condition && condition !== 'is_set' &&
        (condition === 'equals' && arg?.options ? (
          <select aria-label="Value of the new rule" value={value} onChange={(e) => setValue(e.target.value)}>
            <option value="">Value…</option>
            {arg.options.map((o) => (
              <option key={o} value={o}>
                {o}
              </option>
            ))}
          </select>
        ) : (
          <input
            aria-label="Value of the new rule"
            inputMode={condition === 'more_than' ? 'numeric' : undefined}
            placeholder={condition === 'more_than' ? 'e.g. 5' : 'value'}
            value={value}
            onChange={(e) => setValue(e.target.value)}
          />
        ))}
      <select aria-label="Action of the new rule" value={ruleAction} onChange={(e) => setRuleAction(e.target.value as RuleAction)}>
        {ACTIONS.map((a) => (
          <option key={a} value={a}>
            then {RULE_ACTION_LABELS[a]}
          </option>
        ))}
      </select>
      <button type="submit" className="button-secondary" disabled={!!action.busy}>
        Add rule
      </button>
      {action.error && <ErrorText>{action.error.message}</ErrorText>}
    </form>
  );
}
