// `rules …`: argument rules — ask or deny a tool's call by the value of one of its arguments.
import { describeCondition, RULE_ACTION_LABELS } from '../../../shared/argument-rules';
import type { ArgumentRule, RuleAction, RuleCondition } from '../../../shared/model';
import { check, CliError, need, table, UsageError, type Cmd } from './shared';

const CONDITIONS: Record<string, RuleCondition> = { is: 'equals', equals: 'equals', 'more-than': 'more_than', 'is-set': 'is_set' };
const ACTIONS: Record<string, RuleAction> = { ask: 'ask', deny: 'deny' };

function conditionOf(word: string | undefined): RuleCondition {
  const condition = word ? CONDITIONS[word] : undefined;
  if (!condition) throw new UsageError(`Unknown condition "${word ?? ''}": use is, more-than or is-set.`);
  return condition;
}
function actionOf(raw: unknown, fallback?: RuleAction): RuleAction | undefined {
  if (raw === undefined) return fallback;
  const action = ACTIONS[String(raw)];
  if (!action) throw new UsageError(`Unknown action "${String(raw)}": use --action ask or --action deny.`);
  return action;
}
/** The value as typed; the governance rule turns "5" or "true" into the argument's own type. */
function valueOf(condition: RuleCondition, raw: string | undefined): string | null {
  if (condition === 'is_set') return null;
  if (raw === undefined) throw new UsageError(condition === 'more_than' ? 'Give the number, e.g. more-than 5.' : 'Give the value, e.g. is resolved.');
  return raw;
}
function ruleOf(rules: ArgumentRule[], id: string): ArgumentRule {
  const rule = rules.find((r) => r.id === id);
  if (!rule) throw new CliError(`There is no argument rule "${id}". See \`rules list\`.`);
  return rule;
}

export function rulesCommand({ gov, io, flags, verb, rest }: Cmd): void {
  switch (verb) {
    case 'list': {
      const rules = gov.rules().filter((r) => !flags.tool || r.tool === flags.tool);
      if (flags.json) return io.out(JSON.stringify(rules, null, 2));
      if (rules.length === 0) return io.out('No argument rules.');
      return io.out(table([['ID', 'TOOL', 'WHEN', 'THEN'], ...rules.map((r) => [r.id, r.tool, describeCondition(r), RULE_ACTION_LABELS[r.action]])]));
    }
    case 'add': {
      need(rest, 3, 'the tool, the argument and a condition (is VALUE, more-than N, is-set)');
      const [tool, argument, word, raw] = rest as [string, string, string, string | undefined];
      const condition = conditionOf(word);
      const input = { tool, argument, condition, value: valueOf(condition, raw), action: actionOf(flags.action, 'ask')! };
      check('rules.create', input);
      const rule = gov.createRule(input);
      return io.out(`Added rule ${rule.id}: ${describeCondition(rule)} → ${RULE_ACTION_LABELS[rule.action]} (${rule.tool}).`);
    }
    case 'update': {
      need(rest, 1, 'the rule id');
      const rule = ruleOf(gov.rules(), rest[0]!);
      const condition = rest[1] === undefined ? undefined : conditionOf(rest[1]);
      const patch = {
        id: rule.id,
        ...(condition ? { condition, value: valueOf(condition, rest[2]) } : {}),
        ...(flags.action !== undefined ? { action: actionOf(flags.action) } : {}),
      };
      if (!condition && flags.action === undefined) throw new UsageError('Say what to change: a condition (is VALUE, more-than N, is-set) and/or --action ask|deny.');
      check('rules.update', patch);
      const next = gov.updateRule(patch);
      return io.out(`Rule ${next.id} is now: ${describeCondition(next)} → ${RULE_ACTION_LABELS[next.action]} (${next.tool}).`);
    }
    case 'delete': {
      need(rest, 1, 'the rule id');
      const rule = ruleOf(gov.rules(), rest[0]!);
      gov.deleteRule(rule.id);
      return io.out(`Deleted rule ${rule.id} (${rule.tool}: ${describeCondition(rule)}).`);
    }
    default:
      throw new UsageError(`Unknown rules command "${verb ?? ''}".`);
  }
}
