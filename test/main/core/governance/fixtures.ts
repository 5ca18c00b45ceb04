// Shared by the governance unit tests: a small catalog and a real settings file in a temp folder.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import { z } from 'zod';
import { defineTool, type ToolDefinition } from '../../../../src/main/core/catalog';
import { createGovernance } from '../../../../src/main/core/governance';
import { createConfBackend, createSettingsStore, type SettingsStore } from '../../../../src/main/core/settings';

export const read = (name: string, description = `Reads ${name}.`) =>
  defineTool({ name, title: name, description, area: 'test', toolClass: 'read', input: z.object({ id: z.string().optional() }), run: async () => ({}) });
export const write = (name: string) =>
  defineTool({ name, title: name, description: `Changes ${name}.`, area: 'test', toolClass: 'write', input: z.object({ id: z.string() }), run: async () => ({}) });

/** The real shape of the incident write tool the default rules are about. */
export const manageIncidents = defineTool({
  name: 'manage_incidents',
  title: 'Manage incidents',
  description: 'Changes incidents.',
  area: 'incidents',
  toolClass: 'write',
  input: z.object({
    incident_ids: z.array(z.string()).min(1),
    status: z.enum(['acknowledged', 'resolved']).optional(),
    assignee_user_id: z.string().optional(),
    escalation_level: z.number().int().optional(),
    resolution: z.string().optional(),
    notify: z.boolean().default(true),
    meta: z.object({ a: z.string() }).optional(),
  }),
  run: async () => ({}),
});

export const catalog: ToolDefinition<any>[] = [read('list_incidents'), read('get_incident'), manageIncidents, write('delete_team')];

const dirs: string[] = [];
const stores: SettingsStore[] = [];
afterEach(() => {
  for (const s of stores.splice(0)) s.close();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

export function store(dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pdmcp-gov-'))): SettingsStore {
  dirs.push(dir);
  const s = createSettingsStore(createConfBackend(dir));
  stores.push(s);
  return s;
}

export function setup(tools: ToolDefinition<any>[] = catalog) {
  const settings = store();
  const gov = createGovernance({ settings, catalog: tools });
  gov.discover();
  return { settings, gov };
}
