import { describe, expect, it } from 'vitest';
import { createGovernance, DEFAULT_RULES, ruleMatches } from '../../../../src/main/core/governance';
import { catalog as realCatalog } from '../../../../src/main/core/catalog';
import { catalog, setup, store } from './fixtures';

describe('argument rules', () => {
  it('creates rules in the argument\'s own type, and refuses what cannot match with a sentence that says what would', () => {
    const { settings, gov } = setup();
    const before = JSON.stringify(settings.read());
    expect(() => gov.createRule({ tool: 'nope', argument: 'x', condition: 'is_set', value: null, action: 'ask' })).toThrow(/Unknown tool: nope/);
    expect(() => gov.createRule({ tool: 'manage_incidents', argument: 'state', condition: 'is_set', value: null, action: 'ask' })).toThrow(
      /manage_incidents has no argument "state". Its arguments: incident_ids, status, assignee_user_id/,
    );
    expect(() => gov.createRule({ tool: 'manage_incidents', argument: 'status', condition: 'equals', value: 'closed', action: 'ask' })).toThrow(
      /status is one of acknowledged, resolved; "closed" is not/,
    );
    expect(() => gov.createRule({ tool: 'manage_incidents', argument: 'status', condition: 'more_than', value: 2, action: 'ask' })).toThrow(/"more than" works on numbers and lists/);
    expect(() => gov.createRule({ tool: 'manage_incidents', argument: 'incident_ids', condition: 'more_than', value: 'many', action: 'ask' })).toThrow(/whole number/);
    expect(() => gov.createRule({ tool: 'manage_incidents', argument: 'escalation_level', condition: 'equals', value: 'two', action: 'ask' })).toThrow(/is a number/);
    expect(() => gov.createRule({ tool: 'manage_incidents', argument: 'meta', condition: 'equals', value: 'x', action: 'ask' })).toThrow(/structured data/);
    expect(() => gov.createRule({ tool: 'manage_incidents', argument: 'resolution', condition: 'equals', value: '  ', action: 'ask' })).toThrow(/Give the value/);
    expect(JSON.stringify(settings.read())).toBe(before);

    expect(gov.createRule({ tool: 'manage_incidents', argument: 'escalation_level', condition: 'more_than', value: '2', action: 'deny' })).toMatchObject({ value: 2, builtIn: false });
    expect(gov.createRule({ tool: 'manage_incidents', argument: 'notify', condition: 'equals', value: 'false', action: 'ask' }).value).toBe(false);
    expect(gov.createRule({ tool: 'manage_incidents', argument: 'assignee_user_id', condition: 'equals', value: ' PUSR001 ', action: 'deny' }).value).toBe('PUSR001');
    expect(() => gov.createRule({ tool: 'manage_incidents', argument: 'assignee_user_id', condition: 'equals', value: 'PUSR001', action: 'deny' })).toThrow(/exists already/);
  });

  it('matches equals on a value or any list item, more_than on numbers and list lengths, is_set on anything given', () => {
    expect(ruleMatches({ argument: 'status', condition: 'equals', value: 'resolved' }, { status: 'resolved' })).toBe(true);
    expect(ruleMatches({ argument: 'status', condition: 'equals', value: 'resolved' }, { status: 'acknowledged' })).toBe(false);
    expect(ruleMatches({ argument: 'ids', condition: 'equals', value: 'P1' }, { ids: ['P0', 'P1'] })).toBe(true);
    expect(ruleMatches({ argument: 'ids', condition: 'more_than', value: 2 }, { ids: ['a', 'b'] })).toBe(false);
    expect(ruleMatches({ argument: 'ids', condition: 'more_than', value: 2 }, { ids: ['a', 'b', 'c'] })).toBe(true);
    expect(ruleMatches({ argument: 'level', condition: 'more_than', value: 2 }, { level: 3 })).toBe(true);
    expect(ruleMatches({ argument: 'level', condition: 'is_set', value: null }, {})).toBe(false);
    expect(ruleMatches({ argument: 'level', condition: 'is_set', value: null }, { level: 0 })).toBe(true);
    expect(ruleMatches({ argument: 'ids', condition: 'is_set', value: null }, { ids: [] })).toBe(false);
    // An inherited property is not an argument.
    expect(ruleMatches({ argument: 'constructor', condition: 'is_set', value: null }, {})).toBe(false);
  });

  it('decides a deny before any ask, says which rule, and updates and deletes rules', () => {
    const { gov } = setup();
    const ask = gov.rules().find((r) => r.id === 'ru_resolve')!;
    expect(gov.ruleVerdict('manage_incidents', { incident_ids: ['1'], status: 'acknowledged' })).toBeNull();
    expect(gov.ruleVerdict('manage_incidents', { incident_ids: ['1'], status: 'resolved' })).toMatchObject({
      action: 'ask',
      text: 'manage_incidents: status = resolved → ask each time',
    });
    const deny = gov.createRule({ tool: 'manage_incidents', argument: 'incident_ids', condition: 'more_than', value: 1, action: 'deny' });
    expect(gov.ruleVerdict('manage_incidents', { incident_ids: ['1', '2'], status: 'resolved' })).toMatchObject({ action: 'deny', rule: { id: deny.id } });
    expect(gov.ruleVerdict('get_incident', { incident_ids: ['1', '2'], status: 'resolved' })).toBeNull();

    expect(gov.updateRule({ id: ask.id, action: 'deny' })).toMatchObject({ action: 'deny', value: 'resolved' });
    // A new condition does not keep a value of the old kind.
    expect(gov.updateRule({ id: ask.id, condition: 'is_set' })).toMatchObject({ condition: 'is_set', value: null });
    expect(() => gov.updateRule({ id: ask.id, condition: 'more_than' })).toThrow(/"more than" works on numbers and lists/);
    gov.deleteRule(deny.id);
    expect(gov.rules().some((r) => r.id === deny.id)).toBe(false);
    expect(() => gov.deleteRule(deny.id)).toThrow(/no argument rule/);
  });

  it('ships the default rules once — also into a file from before rules — and a deleted default stays deleted', () => {
    const settings = store();
    // A file written before rules existed: governance set up, no rules fields at all.
    createGovernance({ settings, catalog }).discover();
    settings.update((d) => {
      d.governance.rules = [];
      d.governance.rulesDefaultsCreated = false;
    });
    const gov = createGovernance({ settings, catalog });
    gov.discover();
    // Only defaults whose tool and argument this catalog has.
    expect(gov.rules().map((r) => r.id)).toEqual(['ru_resolve', 'ru_reassign', 'ru_escalate', 'ru_bulk']);
    gov.deleteRule('ru_resolve');
    createGovernance({ settings, catalog }).discover();
    expect(gov.rules().map((r) => r.id)).toEqual(['ru_reassign', 'ru_escalate', 'ru_bulk']);
  });

  it('names real arguments of the real incident tools in every default rule', () => {
    const { gov } = setup(realCatalog as never);
    expect(gov.rules().map((r) => r.id)).toEqual(DEFAULT_RULES.map((r) => r.id));
    for (const r of DEFAULT_RULES) {
      const tool = realCatalog.find((t) => t.name === r.tool)!;
      expect(Object.keys(tool.input.shape), r.id).toContain(r.argument);
    }
  });
});
