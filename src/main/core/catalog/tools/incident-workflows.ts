// Incident workflows (/incident_workflows): list and inspect workflows, and start one on an incident.
import { z } from 'zod';
import { defineTool, idArg, limitArg } from '../define';
import type { ToolDefinition } from '../types';
import { capSize, clean, listResult, ref } from '../shape';

type Json = Record<string, any>;

const AREA = 'incident_workflows';

function shapeStep(step: Json): Json {
  return clean({
    id: step.id,
    name: step.name,
    description: step.description,
    action_id: step.action_configuration?.action_id,
  });
}

function shapeWorkflow(w: Json): Json {
  return clean({
    id: w.id,
    name: w.name,
    description: w.description,
    is_enabled: w.is_enabled,
    team: ref(w.team),
    created_at: w.created_at,
    html_url: w.html_url,
    steps: Array.isArray(w.steps) ? w.steps.map(shapeStep) : undefined,
  });
}

const listIncidentWorkflows = defineTool({
  name: 'list_incident_workflows',
  title: 'List incident workflows',
  description:
    'List incident workflows (automated sequences of steps such as creating a Slack channel or adding responders). ' +
    "Filter by name with query; include 'steps' to see each workflow's steps, 'team' for the owning team. " +
    'Returns id, name, description, enabled state and link. Use the id with start_incident_workflow.',
  area: AREA,
  toolClass: 'read',
  input: z.object({
    limit: limitArg('workflows', 25),
    query: z.string().trim().min(1).max(200).optional().describe('Only workflows whose name matches this text'),
    include: z.array(z.enum(['steps', 'team'])).max(2).optional().describe("Extra details: 'steps' and/or 'team'"),
  }),
  async run(args, ctx) {
    const res = await ctx.pd.list<Json>('/incident_workflows', 'incident_workflows', { query: args.query, include: args.include }, { cap: args.limit, signal: ctx.signal });
    return capSize(listResult('incident_workflows', res.items.map(shapeWorkflow), { more: res.more }, 'Narrow with query or raise limit (maximum 100).'));
  },
});

const getIncidentWorkflow = defineTool({
  name: 'get_incident_workflow',
  title: 'Get an incident workflow',
  description: 'Get one incident workflow by ID with its ordered steps (name, description, action), owning team and enabled state.',
  area: AREA,
  toolClass: 'read',
  input: z.object({ workflow_id: idArg('The ID of the incident workflow') }),
  async run(args, ctx) {
    const res = await ctx.pd.request<Json>({ method: 'GET', path: `/incident_workflows/${encodeURIComponent(args.workflow_id)}`, signal: ctx.signal });
    return shapeWorkflow(res.data.incident_workflow);
  },
});

const startIncidentWorkflow = defineTool({
  name: 'start_incident_workflow',
  title: 'Start an incident workflow',
  description:
    'Start (run) an incident workflow on an incident. The workflow then runs its steps in PagerDuty, which may notify people, ' +
    'create channels or change the incident. Returns the new workflow instance id and the incident it runs on. ' +
    'Find workflow ids with list_incident_workflows; the workflow must be enabled.',
  area: AREA,
  toolClass: 'write',
  annotations: { destructiveHint: false, idempotentHint: false },
  input: z.object({
    workflow_id: idArg('The ID of the incident workflow to start'),
    incident_id: idArg('The ID of the incident to run the workflow on'),
    instance_id: z.string().trim().min(1).max(100).optional().describe('An optional label to tell this run apart from others'),
  }),
  async run(args, ctx) {
    const res = await ctx.pd.request<Json>({
      method: 'POST',
      path: `/incident_workflows/${encodeURIComponent(args.workflow_id)}/instances`,
      body: {
        incident_workflow_instance: clean({ id: args.instance_id, incident: { id: args.incident_id, type: 'incident_reference' } }),
      },
      signal: ctx.signal,
    });
    const inst = res.data.incident_workflow_instance ?? {};
    return clean({ id: inst.id, workflow_id: args.workflow_id, incident: ref(inst.incident) ?? { id: args.incident_id }, started: true });
  },
});

export const incidentWorkflowsTools: ToolDefinition<any>[] = [listIncidentWorkflows, getIncidentWorkflow, startIncidentWorkflow];
