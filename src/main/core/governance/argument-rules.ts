// Argument rules: approval per action, not only per tool. A rule looks at one argument of one tool's
// parsed call (after validation and defaults) and makes the call ask the person, or refuses it — so
// "acknowledge freely, ask before resolve" is something a person can say. Deny wins over ask; an
// approved tool with a matching ask rule waits for the person like an ask-each-time tool.
import { describeRule } from '../../../shared/argument-rules';
import { ContractError } from '../../../shared/contract';
import type { ArgumentRule, RuleAction, RuleCondition } from '../../../shared/model';
import type { ToolDefinition } from '../catalog';
import { discovered } from './discovery';
import { checkToolNames, newId, notFound, type GovernanceContext } from './records';

export type RuleInput = { tool: string; argument: string; condition: RuleCondition; value: ArgumentRule['value']; action: RuleAction };

/** What the rules say about one call: the rule that decided it, and how it reads. */
export interface RuleVerdict {
  action: RuleAction;
  rule: ArgumentRule;
  text: string;
}

export interface ArgumentRules {
  rules(): ArgumentRule[];
  createRule(input: RuleInput): ArgumentRule;
  updateRule(input: { id: string; condition?: RuleCondition; value?: ArgumentRule['value']; action?: RuleAction }): ArgumentRule;
  deleteRule(id: string): void;
  /** Adds the default rules once (for tools of this catalog), also to files written before rules existed. */
  addDefaultRules(): void;
  /** The rule that decides this call (a deny before any ask), or null when none matches. */
  ruleVerdict(toolName: string, args: Record<string, unknown>): RuleVerdict | null;
}

/** Acknowledge and add notes freely; ask before resolving, reassigning, escalating, bulk changes and paging. */
export const DEFAULT_RULES: readonly ArgumentRule[] = [
  { id: 'ru_resolve', tool: 'manage_incidents', argument: 'status', condition: 'equals', value: 'resolved', action: 'ask', builtIn: true },
  { id: 'ru_reassign', tool: 'manage_incidents', argument: 'assignee_user_id', condition: 'is_set', value: null, action: 'ask', builtIn: true },
  { id: 'ru_escalate', tool: 'manage_incidents', argument: 'escalation_level', condition: 'is_set', value: null, action: 'ask', builtIn: true },
  { id: 'ru_bulk', tool: 'manage_incidents', argument: 'incident_ids', condition: 'more_than', value: 5, action: 'ask', builtIn: true },
  { id: 'ru_page_high', tool: 'create_incident', argument: 'urgency', condition: 'equals', value: 'high', action: 'ask', builtIn: true },
  { id: 'ru_page_policy', tool: 'add_responders', argument: 'escalation_policy_ids', condition: 'is_set', value: null, action: 'ask', builtIn: true },
];

/** An argument's type as the tool's JSON Schema says it (what a rule may compare it with). */
interface ArgShape {
  type: 'string' | 'number' | 'boolean' | 'array' | 'object' | 'unknown';
  enum?: unknown[];
  items?: ArgShape;
}

function shapeOf(schema: unknown): ArgShape {
  const s = (schema ?? {}) as { type?: unknown; enum?: unknown[]; items?: unknown; const?: unknown };
  const type = s.type === 'integer' ? 'number' : s.type;
  const base: ArgShape = { type: type === 'string' || type === 'number' || type === 'boolean' || type === 'array' || type === 'object' ? type : 'unknown' };
  if (Array.isArray(s.enum)) base.enum = s.enum;
  if (base.type === 'array') base.items = shapeOf(s.items);
  return base;
}

function argumentsOf(tool: ToolDefinition<any>): Record<string, ArgShape> {
  const props = (discovered(tool).inputSchema.properties ?? {}) as Record<string, unknown>;
  return Object.fromEntries(Object.entries(props).map(([name, schema]) => [name, shapeOf(schema)]));
}

const invalid = (message: string, field: string) => new ContractError('invalid_rule', message, field);

/** The value a rule compares with, in the argument's own type; throws a sentence saying what would fit. */
function ruleValue(tool: ToolDefinition<any>, argument: string, condition: RuleCondition, raw: ArgumentRule['value']): ArgumentRule['value'] {
  const args = argumentsOf(tool);
  const shape = args[argument];
  if (!shape) {
    throw invalid(`${tool.name} has no argument "${argument}". Its arguments: ${Object.keys(args).join(', ') || 'none'}.`, 'argument');
  }
  if (condition === 'is_set') return null;
  if (condition === 'more_than') {
    if (shape.type !== 'number' && shape.type !== 'array') {
      throw invalid(`"more than" works on numbers and lists; ${argument} is ${shape.type === 'unknown' ? 'neither' : `a ${shape.type}`}. Use "is" or "is set".`, 'condition');
    }
    const n = typeof raw === 'number' ? raw : Number(String(raw ?? '').trim());
    if (!Number.isInteger(n) || n < 0) throw invalid('"more than" needs a whole number, e.g. 5.', 'value');
    return n;
  }
  const item = shape.type === 'array' ? (shape.items ?? { type: 'unknown' }) : shape;
  const text = String(raw ?? '').trim();
  if (raw === null || text === '') throw invalid(`Give the value of ${argument} this rule matches.`, 'value');
  if (item.enum) {
    const hit = item.enum.find((e) => String(e) === text);
    if (hit === undefined) throw invalid(`${argument} is one of ${item.enum.map(String).join(', ')}; "${text}" is not.`, 'value');
    return hit as ArgumentRule['value'];
  }
  switch (item.type) {
    case 'number': {
      const n = typeof raw === 'number' ? raw : Number(text);
      if (!Number.isFinite(n)) throw invalid(`${argument} is a number; "${text}" is not.`, 'value');
      return n;
    }
    case 'boolean':
      if (text !== 'true' && text !== 'false') throw invalid(`${argument} is true or false.`, 'value');
      return text === 'true';
    case 'string':
      return text;
    default:
      throw invalid(`${argument} holds structured data; a rule can only compare plain values. Use "is set" instead.`, 'condition');
  }
}

/** Whether a rule's condition holds for these parsed arguments. */
export function ruleMatches(rule: Pick<ArgumentRule, 'argument' | 'condition' | 'value'>, args: Record<string, unknown>): boolean {
  const v = Object.prototype.hasOwnProperty.call(args, rule.argument) ? args[rule.argument] : undefined;
  switch (rule.condition) {
    case 'is_set':
      return v !== undefined && v !== null && !(Array.isArray(v) && v.length === 0);
    case 'more_than':
      return Array.isArray(v) ? v.length > Number(rule.value) : typeof v === 'number' && v > Number(rule.value);
    case 'equals':
      return (Array.isArray(v) ? v : [v]).some((x) => x === rule.value || (x !== null && typeof x !== 'object' && x !== undefined && String(x) === String(rule.value)));
  }
}

const sameRule = (a: RuleInput, b: RuleInput) =>
  a.tool === b.tool && a.argument === b.argument && a.condition === b.condition && a.value === b.value && a.action === b.action;

export function createArgumentRules(ctx: GovernanceContext): ArgumentRules {
  const { settings, byName } = ctx;

  const checked = (input: RuleInput): RuleInput => {
    checkToolNames(ctx, [input.tool], 'tool');
    return { ...input, value: ruleValue(byName.get(input.tool)!, input.argument, input.condition, input.value) };
  };
  const noDuplicate = (list: ArgumentRule[], rule: RuleInput, exceptId?: string) => {
    if (list.some((r) => r.id !== exceptId && sameRule(r, rule))) throw new ContractError('duplicate_rule', `That rule exists already: ${describeRule(rule)}.`);
  };

  return {
    rules: () => ctx.gov().rules,
    createRule(input) {
      const rule: ArgumentRule = { id: newId('ru'), ...checked(input), builtIn: false };
      settings.update((draft) => {
        noDuplicate(draft.governance.rules, rule);
        draft.governance.rules.push(rule);
      });
      return rule;
    },
    updateRule({ id, ...patch }) {
      let out: ArgumentRule | undefined;
      settings.update((draft) => {
        const rule = draft.governance.rules.find((r) => r.id === id);
        if (!rule) throw notFound('argument rule', id);
        const condition = patch.condition ?? rule.condition;
        // A new condition needs a value of its own kind; keep the old value only where it still fits.
        const value = patch.value !== undefined ? patch.value : condition === rule.condition ? rule.value : null;
        const next = checked({ tool: rule.tool, argument: rule.argument, condition, value, action: patch.action ?? rule.action });
        noDuplicate(draft.governance.rules, next, id);
        Object.assign(rule, next);
        out = structuredClone(rule);
      });
      return out!;
    },
    deleteRule(id) {
      settings.update((draft) => {
        if (!draft.governance.rules.some((r) => r.id === id)) throw notFound('argument rule', id);
        draft.governance.rules = draft.governance.rules.filter((r) => r.id !== id);
      });
    },
    addDefaultRules() {
      if (ctx.gov().rulesDefaultsCreated) return;
      settings.update((draft) => {
        if (draft.governance.rulesDefaultsCreated) return;
        const fits = (r: ArgumentRule) => byName.has(r.tool) && r.argument in argumentsOf(byName.get(r.tool)!);
        const mine = draft.governance.rules.filter((r) => !r.builtIn);
        draft.governance.rules = [...structuredClone(DEFAULT_RULES.filter(fits)), ...mine];
        draft.governance.rulesDefaultsCreated = true;
      });
    },
    ruleVerdict(toolName, args) {
      const mine = ctx.gov().rules.filter((r) => r.tool === toolName && ruleMatches(r, args));
      const rule = mine.find((r) => r.action === 'deny') ?? mine.find((r) => r.action === 'ask');
      return rule ? { action: rule.action, rule, text: describeRule(rule) } : null;
    },
  };
}
