// The declarative catalog: every tool, one entry each, in parity with PagerDuty's official MCP server.
import type { ToolDefinition } from './types';
import { incidentsTools } from './tools/incidents';
import { logEntriesTools } from './tools/log-entries';
import { servicesTools } from './tools/services';
import { schedulesTools } from './tools/schedules';
import { oncallsTools } from './tools/oncalls';
import { escalationPoliciesTools } from './tools/escalation-policies';
import { usersTools } from './tools/users';
import { teamsTools } from './tools/teams';
import { prioritiesTools } from './tools/priorities';
import { changeEventsTools } from './tools/change-events';
import { businessServicesTools } from './tools/business-services';
import { alertGroupingTools } from './tools/alert-grouping';
import { incidentWorkflowsTools } from './tools/incident-workflows';
import { eventOrchestrationsTools } from './tools/event-orchestrations';
import { statusPagesTools } from './tools/status-pages';
import { analyticsTools } from './tools/analytics';
import { webhooksTools } from './tools/webhooks';
import { schedulesV3Tools } from './tools/schedules-v3';
import { servicesAdminTools } from './tools/services-admin';
import { teamsAdminTools } from './tools/teams-admin';
import { escalationPoliciesAdminTools } from './tools/escalation-policies-admin';
import { usersAdminTools } from './tools/users-admin';

export const catalog: readonly ToolDefinition<any>[] = [
  ...incidentsTools,
  ...logEntriesTools,
  ...servicesTools,
  ...schedulesTools,
  ...oncallsTools,
  ...escalationPoliciesTools,
  ...usersTools,
  ...teamsTools,
  ...prioritiesTools,
  ...changeEventsTools,
  ...businessServicesTools,
  ...alertGroupingTools,
  ...incidentWorkflowsTools,
  ...eventOrchestrationsTools,
  ...statusPagesTools,
  ...analyticsTools,
  ...webhooksTools,
  ...schedulesV3Tools,
  ...servicesAdminTools,
  ...teamsAdminTools,
  ...escalationPoliciesAdminTools,
  ...usersAdminTools,
];

export type { ToolDefinition, ToolContext, ToolAnnotations } from './types';
export { defineTool, definitionHash, inputJsonSchema } from './define';
