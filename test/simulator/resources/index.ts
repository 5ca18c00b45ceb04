// Every simulated resource area; each owns its seed data and routes (see types.ts).
import type { SimDb, SimRouter } from '../types';
import * as incidents from './incidents';
import * as logEntries from './log-entries';
import * as services from './services';
import * as schedules from './schedules';
import * as oncalls from './oncalls';
import * as escalationPolicies from './escalation-policies';
import * as users from './users';
import * as teams from './teams';
import * as priorities from './priorities';
import * as changeEvents from './change-events';
import * as businessServices from './business-services';
import * as alertGrouping from './alert-grouping';
import * as incidentWorkflows from './incident-workflows';
import * as eventOrchestrations from './event-orchestrations';
import * as statusPages from './status-pages';
import * as analytics from './analytics';
import * as webhooks from './webhooks';
import * as schedulesV3 from './schedules-v3';
import * as servicesAdmin from './services-admin';
import * as teamsAdmin from './teams-admin';
import * as escalationPoliciesAdmin from './escalation-policies-admin';
import * as usersAdmin from './users-admin';

export const areas: ReadonlyArray<{ seed(db: SimDb): void; routes(router: SimRouter): void }> = [
  incidents,
  logEntries,
  services,
  schedules,
  oncalls,
  escalationPolicies,
  users,
  teams,
  priorities,
  changeEvents,
  businessServices,
  alertGrouping,
  incidentWorkflows,
  eventOrchestrations,
  statusPages,
  analytics,
  webhooks,
  schedulesV3,
  servicesAdmin,
  teamsAdmin,
  escalationPoliciesAdmin,
  usersAdmin,
];
