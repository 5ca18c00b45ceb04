// How an argument rule reads, in the same words in the window, the CLI and the audit entry's `rule` field.
import type { ArgumentRule, RuleAction, RuleCondition } from './model';

export const RULE_ACTION_LABELS: Record<RuleAction, string> = { ask: 'ask each time', deny: 'deny' };
export const RULE_CONDITION_LABELS: Record<RuleCondition, string> = { equals: 'is', more_than: 'more than', is_set: 'is set' };

type RuleShape = Pick<ArgumentRule, 'tool' | 'argument' | 'condition' | 'value' | 'action'>;

/** "status = resolved", "more than 5 incident_ids", "assignee_user_id is set". */
export function describeCondition(rule: Pick<RuleShape, 'argument' | 'condition' | 'value'>): string {
  switch (rule.condition) {
    case 'equals':
      return `${rule.argument} = ${String(rule.value)}`;
    case 'more_than':
      return `${rule.argument} more than ${String(rule.value)}`;
    case 'is_set':
      return `${rule.argument} is set`;
  }
}

/** "manage_incidents: status = resolved → ask each time". */
export function describeRule(rule: RuleShape): string {
  return `${rule.tool}: ${describeCondition(rule)} → ${RULE_ACTION_LABELS[rule.action]}`;
}
