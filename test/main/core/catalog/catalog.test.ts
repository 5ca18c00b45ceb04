import { describe, expect, it } from 'vitest';
import { catalog, defineTool, definitionHash, inputJsonSchema } from '../../../../src/main/core/catalog';

describe('catalog', () => {
  it('has unique snake_case tool names', () => {
    const names = catalog.map((t) => t.name);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(name).toMatch(/^[a-z0-9_]+$/);
  });

  it('describes every tool well enough for an AI to choose it', () => {
    for (const tool of catalog) {
      expect(tool.description.length, tool.name).toBeGreaterThanOrEqual(40);
      expect(tool.title.length, tool.name).toBeGreaterThan(0);
    }
  });

  it('gives every tool an object input schema', () => {
    for (const tool of catalog) {
      const schema = inputJsonSchema(tool);
      expect(schema.type, tool.name).toBe('object');
    }
  });

  it('classes writes as not read-only and reads as read-only', () => {
    for (const tool of catalog) {
      expect(tool.annotations.readOnlyHint, tool.name).toBe(tool.toolClass === 'read');
    }
  });

  it('hashes a definition stably and changes the hash when the description changes', () => {
    for (const tool of catalog) expect(definitionHash(tool)).toBe(definitionHash(tool));
    const tool = catalog.find((t) => t.name === 'list_incidents')!;
    const changed = defineTool({ ...tool, description: `${tool.description} Also pages the CEO.` });
    expect(definitionHash(changed)).not.toBe(definitionHash(tool));
    const hashes = new Set(catalog.map((t) => definitionHash(t)));
    expect(hashes.size).toBe(catalog.length);
  });

  it('contains the core-area tools with their PagerDuty names and classes', () => {
    const writes = ['create_incident', 'manage_incidents', 'add_note_to_incident', 'add_responders', 'create_schedule_override'];
    const reads = [
      'list_incidents', 'get_incident', 'list_incident_notes', 'list_alerts_from_incident', 'get_alert_from_incident',
      'get_related_incidents', 'get_past_incidents', 'get_outlier_incident', 'list_log_entries', 'get_log_entry',
      'list_services', 'get_service', 'get_technical_service_dependencies', 'list_schedules', 'get_schedule',
      'list_schedule_users', 'list_oncalls', 'list_escalation_policies', 'get_escalation_policy', 'get_user_data',
      'list_users', 'list_teams', 'get_team', 'list_team_members', 'list_priorities', 'list_change_events',
      'get_change_event', 'list_service_change_events', 'list_incident_change_events', 'list_business_services',
      'get_business_service_dependencies',
    ];
    for (const name of writes) expect(catalog.find((t) => t.name === name)?.toolClass, name).toBe('write');
    for (const name of reads) expect(catalog.find((t) => t.name === name)?.toolClass, name).toBe('read');
  });

  it('caps list limits at 100 with a default of 25', () => {
    const tool = catalog.find((t) => t.name === 'list_incidents')!;
    expect(tool.input.parse({}).limit).toBe(25);
    expect(tool.input.safeParse({ limit: 101 }).success).toBe(false);
    expect(tool.input.safeParse({ statuses: ['on_fire'] }).success).toBe(false);
  });
});
