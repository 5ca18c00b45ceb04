// The core demo account every area builds on: "Acme", a small online shop with three teams.
//
// Storage convention: objects are kept in PagerDuty's JSON shapes (field names as in the API), but every
// reference to another object is stored as its **id** (or an array of ids); handlers expand them with
// `sim.ref(type, id, summary)` when answering. `self`/`html_url`/`summary` are not stored. Times are ISO
// strings relative to the simulator's clock at start. Fixed ids are in `SEED` below.
//
// db.users (= collection 'users')   SimUser: {id, type:'user', name, email, role, time_zone, job_title,
//                                   color, description, avatar_url, teams: [teamId]}
//                                   users[0] Alex Morgan is the owner; SEED.users lists all 8.
// 'teams'                           {id, type:'team', name, description, parent: null,
//                                   members: [{user: userId, role: 'manager'|'responder'|'observer'}]}
//                                   (each member's SimUser.teams holds the team id too)
// 'schedules'                       {id, type:'schedule', name, description, time_zone, teams: [teamId],
//                                   schedule_layers: [{id, name, start, end: null, rotation_virtual_start,
//                                   rotation_turn_length_seconds, users: [userId] (rotation order),
//                                   restrictions: [{type:'daily_restriction'|'weekly_restriction',
//                                   start_time_of_day, duration_seconds, start_day_of_week?}]}]}
//                                   (layers: later layers take precedence, as in PagerDuty)
// 'overrides'                       {id, schedule_id, start, end, user: userId}
// 'escalation_policies'             {id, type:'escalation_policy', name, description, num_loops,
//                                   on_call_handoff_notifications, teams: [teamId],
//                                   escalation_rules: [{id, escalation_delay_in_minutes,
//                                   targets: [{type:'schedule_reference'|'user_reference', id}]}]}
//                                   (the services using a policy are the services whose escalation_policy is it)
// 'services'                        {id, type:'service', name, description, status, escalation_policy: epId,
//                                   teams: [teamId], created_at, updated_at, last_incident_timestamp,
//                                   auto_resolve_timeout, acknowledgement_timeout, alert_creation,
//                                   incident_urgency_rule: {type:'constant', urgency}}
// 'business_services'               {id, type:'business_service', name, description, point_of_contact,
//                                   team: teamId|null, supporting_services: [serviceId]}
// 'priorities'                      {id, type:'priority', name:'P1'…, description, order (1 = most severe), color}
//                                   list them sorted by `order`.
// 'incidents'                       {id, type:'incident', incident_number, title, description, created_at,
//                                   updated_at, status, urgency, incident_key, service: serviceId,
//                                   escalation_policy: epId, teams: [teamId], priority: priorityId|null,
//                                   assignments: [{at, assignee: userId}], acknowledgements: [{at,
//                                   acknowledger: userId}], assigned_via, last_status_change_at,
//                                   last_status_change_by: {type:'user_reference'|'service_reference', id},
//                                   resolved_at, resolve_reason: null, first_trigger_log_entry: logEntryId,
//                                   alert_counts: {all, triggered, resolved}, body: {type:'incident_body',
//                                   details}, urgency, escalation_level}
//                                   summary is "[#<incident_number>] <title>". db.counter('incident_number')
//                                   gives the next number (the seed used 1..12).
// 'alerts'                          {id, type:'alert', incident_id, service: serviceId, status, severity,
//                                   summary, created_at, alert_key, suppressed: false,
//                                   body: {type:'alert_body', contexts: [], details}}
// 'notes'                           {id, incident_id, user: userId, content, created_at, updated_at,
//                                   channel: {summary:'The PagerDuty website or APIs'}}
// 'log_entries'                     {id, type:'trigger_log_entry'|'acknowledgement_log_entry'|
//                                   'resolve_log_entry'|'annotate_log_entry'|'assign_log_entry', summary,
//                                   created_at, incident: incidentId, service: serviceId, teams: [teamId],
//                                   agent: {type:'user_reference'|'service_reference', id},
//                                   channel: {type:'api'|'web_ui'|'note'|'auto', summary?},
//                                   assignees?: [userId], note?: string}
//                                   (kept in creation order, oldest first)
// 'change_events'                   {id, type:'change_event', summary, timestamp, services: [serviceId],
//                                   source, links: [{href, text}], custom_details, integration: null}
//
// Consistency the areas may rely on: a resolved incident has assignments [] and resolved_at; an
// acknowledged one has acknowledgements; every incident has a trigger log entry plus one log entry per
// ack/resolve/note; service.status follows its open incidents (critical: a triggered high-urgency one;
// warning: other open ones; active: none; 'Batch Reports' is disabled).
import type { SimDb, SimUser } from './types';

export const SEED = {
  users: {
    alex: 'PUSR001',
    priya: 'PUSR002',
    jordan: 'PUSR003',
    sam: 'PUSR004',
    mei: 'PUSR005',
    lukas: 'PUSR006',
    fatima: 'PUSR007',
    taylor: 'PUSR008',
  },
  teams: { platform: 'PTEA001', payments: 'PTEA002', web: 'PTEA003' },
  schedules: { platformPrimary: 'PSCH001', paymentsOnCall: 'PSCH002', webFollowTheSun: 'PSCH003' },
  escalationPolicies: { platform: 'PEPL001', payments: 'PEPL002', web: 'PEPL003' },
  services: { apiGateway: 'PSVC001', postgres: 'PSVC002', paymentsApi: 'PSVC003', checkoutWeb: 'PSVC004', batchReports: 'PSVC005' },
  businessServices: { onlineCheckout: 'PBSV001', internalReporting: 'PBSV002' },
  priorities: { p1: 'PPRI001', p2: 'PPRI002', p3: 'PPRI003' },
  /** incidents[n-1] has incident_number n. */
  incidents: [
    'PINC001', 'PINC002', 'PINC003', 'PINC004', 'PINC005', 'PINC006',
    'PINC007', 'PINC008', 'PINC009', 'PINC010', 'PINC011', 'PINC012',
  ],
} as const;

const U = SEED.users;
const T = SEED.teams;
const S = SEED.services;
const P = SEED.priorities;

interface SeedUser { id: string; name: string; email: string; role: string; time_zone: string; job_title: string; color: string }
const USERS: SeedUser[] = [
  { id: U.alex, name: 'Alex Morgan', email: 'alex.morgan@example.com', role: 'owner', time_zone: 'America/New_York', job_title: 'Head of SRE', color: 'purple' },
  { id: U.priya, name: 'Priya Shah', email: 'priya.shah@example.com', role: 'admin', time_zone: 'Europe/London', job_title: 'Staff SRE', color: 'green' },
  { id: U.jordan, name: 'Jordan Lee', email: 'jordan.lee@example.com', role: 'user', time_zone: 'America/Los_Angeles', job_title: 'Backend Engineer', color: 'teal' },
  { id: U.sam, name: 'Sam Rivera', email: 'sam.rivera@example.com', role: 'user', time_zone: 'America/Chicago', job_title: 'Platform Engineer', color: 'orange' },
  { id: U.mei, name: 'Mei Chen', email: 'mei.chen@example.com', role: 'user', time_zone: 'Asia/Singapore', job_title: 'Database Engineer', color: 'red' },
  { id: U.lukas, name: 'Lukas Becker', email: 'lukas.becker@example.com', role: 'limited_user', time_zone: 'Europe/Berlin', job_title: 'Payments Engineer', color: 'blue' },
  { id: U.fatima, name: 'Fatima Okafor', email: 'fatima.okafor@example.com', role: 'user', time_zone: 'Africa/Lagos', job_title: 'Frontend Engineer', color: 'cyan' },
  { id: U.taylor, name: 'Taylor Brooks', email: 'taylor.brooks@example.com', role: 'observer', time_zone: 'America/Denver', job_title: 'Support Lead', color: 'brown' },
];

/** Users only (enough to authenticate); returns them in seed order, owner first. */
export function seedIdentity(db: SimDb, _now: Date): SimUser[] {
  return USERS.map((u) => {
    const user: SimUser = {
      ...u,
      type: 'user',
      description: `${u.job_title} at Acme`,
      avatar_url: 'https://pd-static-assets.pagerduty.com/users/blank-avatar.png',
      invitation_sent: false,
      teams: [],
    };
    db.users.set(user.id, user);
    return user;
  });
}

/** Everything else of the demo account. Call after seedIdentity. */
export function seedAccount(db: SimDb, now: Date): void {
  const at = (minutesAgo: number) => new Date(now.getTime() - minutesAgo * 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const userName = (id: string) => db.users.get(id)!.name;

  // Teams
  const teams = db.collection<any>('teams');
  const addTeam = (id: string, name: string, description: string, members: Array<[string, string]>) => {
    teams.set(id, { id, type: 'team', name, description, parent: null, members: members.map(([user, role]) => ({ user, role })) });
    for (const [user] of members) db.users.get(user)!.teams.push(id);
  };
  addTeam(T.platform, 'Platform', 'Runs the API gateway, databases and shared infrastructure.', [
    [U.alex, 'manager'], [U.priya, 'manager'], [U.sam, 'responder'], [U.mei, 'responder'],
  ]);
  addTeam(T.payments, 'Payments', 'Owns the payments API and card processor integrations.', [
    [U.priya, 'manager'], [U.jordan, 'responder'], [U.lukas, 'responder'],
  ]);
  addTeam(T.web, 'Web Experience', 'Builds the storefront and checkout.', [
    [U.fatima, 'manager'], [U.jordan, 'responder'], [U.taylor, 'observer'],
  ]);

  // Priorities, most severe first
  const priorities = db.collection<any>('priorities');
  [
    [P.p1, 'P1', 'Critical: customers cannot buy or pay.', '#a8171c'],
    [P.p2, 'P2', 'High: a customer-facing service is degraded.', '#eb6016'],
    [P.p3, 'P3', 'Moderate: limited impact, handle in business hours.', '#f9b406'],
  ].forEach(([id, name, description, color], i) =>
    priorities.set(id, { id, type: 'priority', name, description, order: i + 1, color }),
  );

  // Schedules (rotations anchored on a past Monday so they are stable whatever the clock says)
  const schedules = db.collection<any>('schedules');
  const anchor = '2026-01-05T09:00:00Z';
  schedules.set(SEED.schedules.platformPrimary, {
    id: SEED.schedules.platformPrimary, type: 'schedule', name: 'Platform Primary', time_zone: 'America/New_York',
    description: 'Weekly primary rotation for the Platform team.', teams: [T.platform],
    schedule_layers: [
      { id: 'PLAY001', name: 'Weekly rotation', start: anchor, end: null, rotation_virtual_start: anchor,
        rotation_turn_length_seconds: 604800, users: [U.sam, U.mei, U.alex], restrictions: [] },
    ],
  });
  schedules.set(SEED.schedules.paymentsOnCall, {
    id: SEED.schedules.paymentsOnCall, type: 'schedule', name: 'Payments On-Call', time_zone: 'Europe/London',
    description: 'Daily rotation, with a business-hours layer on weekdays.', teams: [T.payments],
    schedule_layers: [
      { id: 'PLAY002', name: 'Daily rotation', start: anchor, end: null, rotation_virtual_start: anchor,
        rotation_turn_length_seconds: 86400, users: [U.priya, U.jordan, U.lukas], restrictions: [] },
      { id: 'PLAY003', name: 'Weekday business hours', start: anchor, end: null, rotation_virtual_start: anchor,
        rotation_turn_length_seconds: 604800, users: [U.lukas],
        restrictions: [1, 2, 3, 4, 5].map((day) => ({ type: 'weekly_restriction', start_day_of_week: day, start_time_of_day: '09:00:00', duration_seconds: 28800 })) },
    ],
  });
  schedules.set(SEED.schedules.webFollowTheSun, {
    id: SEED.schedules.webFollowTheSun, type: 'schedule', name: 'Web Follow-the-Sun', time_zone: 'UTC',
    description: 'Two 12-hour shifts a day.', teams: [T.web],
    schedule_layers: [
      { id: 'PLAY004', name: 'Day shift', start: anchor, end: null, rotation_virtual_start: '2026-01-05T06:00:00Z',
        rotation_turn_length_seconds: 86400, users: [U.fatima],
        restrictions: [{ type: 'daily_restriction', start_time_of_day: '06:00:00', duration_seconds: 43200 }] },
      { id: 'PLAY005', name: 'Night shift', start: anchor, end: null, rotation_virtual_start: '2026-01-05T18:00:00Z',
        rotation_turn_length_seconds: 86400, users: [U.jordan],
        restrictions: [{ type: 'daily_restriction', start_time_of_day: '18:00:00', duration_seconds: 43200 }] },
    ],
  });
  const overrides = db.collection<any>('overrides');
  const addOverride = (schedule_id: string, user: string, startMin: number, endMin: number) => {
    const id = db.newId('long');
    overrides.set(id, { id, schedule_id, user, start: at(startMin), end: at(endMin) });
  };
  addOverride(SEED.schedules.platformPrimary, U.priya, 120, -240); // covering right now
  addOverride(SEED.schedules.paymentsOnCall, U.jordan, 3 * 1440, 2 * 1440); // in the past
  addOverride(SEED.schedules.webFollowTheSun, U.taylor, -2 * 1440, -2 * 1440 - 480); // in two days, 8 hours

  // Escalation policies
  const eps = db.collection<any>('escalation_policies');
  const addEp = (id: string, name: string, description: string, team: string, rules: Array<[number, Array<['schedule' | 'user', string]>]>) =>
    eps.set(id, {
      id, type: 'escalation_policy', name, description, num_loops: 2, on_call_handoff_notifications: 'if_has_services',
      teams: [team],
      escalation_rules: rules.map(([delay, targets], i) => ({
        id: `PRU${id.slice(-3)}${i}`, escalation_delay_in_minutes: delay,
        targets: targets.map(([kind, tid]) => ({ type: `${kind}_reference`, id: tid })),
      })),
    });
  addEp(SEED.escalationPolicies.platform, 'Platform Escalation', 'Platform primary, then the head of SRE.', T.platform, [
    [15, [['schedule', SEED.schedules.platformPrimary]]],
    [30, [['user', U.alex]]],
  ]);
  addEp(SEED.escalationPolicies.payments, 'Payments Escalation', 'Payments on-call, then Priya and Platform primary.', T.payments, [
    [10, [['schedule', SEED.schedules.paymentsOnCall]]],
    [20, [['user', U.priya], ['schedule', SEED.schedules.platformPrimary]]],
  ]);
  addEp(SEED.escalationPolicies.web, 'Web Escalation', 'Web shifts, then the web team manager.', T.web, [
    [30, [['schedule', SEED.schedules.webFollowTheSun]]],
    [30, [['user', U.fatima]]],
  ]);

  // Services (status is set from the incidents below)
  const services = db.collection<any>('services');
  const addService = (id: string, name: string, description: string, ep: string, team: string, urgency: 'high' | 'low', createdDaysAgo: number) =>
    services.set(id, {
      id, type: 'service', name, description, status: 'active', escalation_policy: ep, teams: [team],
      created_at: at(createdDaysAgo * 1440), updated_at: at(createdDaysAgo * 1440 - 60), last_incident_timestamp: null,
      auto_resolve_timeout: 14400, acknowledgement_timeout: 1800, alert_creation: 'create_alerts_and_incidents',
      incident_urgency_rule: { type: 'constant', urgency },
    });
  addService(S.apiGateway, 'API Gateway', 'Public edge for all customer API traffic.', SEED.escalationPolicies.platform, T.platform, 'high', 400);
  addService(S.postgres, 'Postgres Primary', 'The main transactional database cluster.', SEED.escalationPolicies.platform, T.platform, 'high', 390);
  addService(S.paymentsApi, 'Payments API', 'Authorizes and captures card payments.', SEED.escalationPolicies.payments, T.payments, 'high', 300);
  addService(S.checkoutWeb, 'Checkout Web', 'The storefront checkout flow.', SEED.escalationPolicies.web, T.web, 'low', 250);
  addService(S.batchReports, 'Batch Reports', 'Nightly finance and inventory reports (being retired).', SEED.escalationPolicies.platform, T.platform, 'low', 500);
  services.get(S.batchReports).status = 'disabled';

  // Business services
  const businessServices = db.collection<any>('business_services');
  businessServices.set(SEED.businessServices.onlineCheckout, {
    id: SEED.businessServices.onlineCheckout, type: 'business_service', name: 'Online Checkout',
    description: 'Customers can browse, add to cart and pay.', point_of_contact: 'checkout-oncall@example.com',
    team: T.web, supporting_services: [S.checkoutWeb, S.paymentsApi, S.apiGateway],
  });
  businessServices.set(SEED.businessServices.internalReporting, {
    id: SEED.businessServices.internalReporting, type: 'business_service', name: 'Internal Reporting',
    description: 'Finance and inventory reports for the back office.', point_of_contact: 'platform@example.com',
    team: T.platform, supporting_services: [S.batchReports, S.postgres],
  });

  // Incidents with their alerts, notes and log entries
  const incidents = db.collection<any>('incidents');
  const alerts = db.collection<any>('alerts');
  const notes = db.collection<any>('notes');
  const logEntries = db.collection<any>('log_entries');
  const log = (incident: any, type: string, minutesAgo: number, agent: { type: string; id: string }, summary: string, extra: Record<string, unknown> = {}) => {
    const id = db.newId('long');
    logEntries.set(id, {
      id, type, summary, created_at: at(minutesAgo), incident: incident.id, service: incident.service,
      teams: [...incident.teams], agent, channel: agent.type === 'service_reference' ? { type: 'api' } : { type: 'web_ui' }, ...extra,
    });
    return id;
  };

  interface Spec {
    title: string; service: string; urgency: 'high' | 'low'; priority: string | null; createdMin: number;
    assignee: string; ack?: [string, number]; resolve?: [string, number]; notes?: Array<[string, number, string]>; alerts: number; details: string;
  }
  const specs: Spec[] = [
    { title: 'Elevated 5xx rate on API Gateway', service: S.apiGateway, urgency: 'high', priority: P.p2, createdMin: 6 * 1440, assignee: U.sam,
      ack: [U.sam, 6 * 1440 - 4], resolve: [U.sam, 6 * 1440 - 55], notes: [[U.sam, 6 * 1440 - 30, 'Rolled back gateway config 2026.11.3; errors dropping.']], alerts: 2,
      details: '5xx ratio 7.2% over 5 minutes (threshold 2%).' },
    { title: 'Replication lag above 5 minutes on db-replica-2', service: S.postgres, urgency: 'high', priority: P.p1, createdMin: 5 * 1440, assignee: U.mei,
      ack: [U.mei, 5 * 1440 - 2], resolve: [U.mei, 5 * 1440 - 95],
      notes: [[U.mei, 5 * 1440 - 20, 'Long-running analytics query is holding replay; cancelling it.'], [U.mei, 5 * 1440 - 90, 'Lag back under 5 s. Added statement_timeout for the analytics role.']], alerts: 1,
      details: 'replication_lag_seconds=412 on db-replica-2.' },
    { title: 'Card processor latency warning', service: S.paymentsApi, urgency: 'low', priority: null, createdMin: 4 * 1440, assignee: U.jordan,
      resolve: [U.jordan, 4 * 1440 - 180], alerts: 1, details: 'p95 authorization latency 1.8 s at processor B.' },
    { title: 'Checkout page error rate spike', service: S.checkoutWeb, urgency: 'high', priority: P.p2, createdMin: 3 * 1440, assignee: U.fatima,
      ack: [U.fatima, 3 * 1440 - 6], resolve: [U.fatima, 3 * 1440 - 70], notes: [[U.fatima, 3 * 1440 - 40, 'Bad feature flag for the new address form; turned it off.']], alerts: 2,
      details: 'JS error rate 4% on /checkout (threshold 1%).' },
    { title: 'Nightly report job failed', service: S.batchReports, urgency: 'low', priority: null, createdMin: 7 * 1440, assignee: U.sam,
      ack: [U.sam, 7 * 1440 - 300], resolve: [U.sam, 7 * 1440 - 360], alerts: 1, details: 'inventory-report exited with code 137 (OOM).' },
    { title: 'TLS certificate for api.acme.example expires in 14 days', service: S.apiGateway, urgency: 'low', priority: P.p3, createdMin: 2 * 1440, assignee: U.alex,
      resolve: [U.alex, 2 * 1440 - 600], alerts: 1, details: 'Certificate serial 0x3f… expires 2026-12-14.' },
    { title: 'API Gateway p99 latency above 2s', service: S.apiGateway, urgency: 'high', priority: P.p1, createdMin: 12, assignee: U.sam, alerts: 2,
      details: 'p99 latency 2.6 s over 10 minutes in us-east-1.' },
    { title: 'Disk usage above 90% on db-primary-1', service: S.postgres, urgency: 'high', priority: P.p2, createdMin: 40, assignee: U.mei,
      ack: [U.mei, 35], notes: [[U.mei, 30, 'WAL archive is behind; cleaning old base backups.']], alerts: 1, details: '/var/lib/postgresql at 93%.' },
    { title: 'Webhook delivery retries increasing', service: S.paymentsApi, urgency: 'low', priority: P.p3, createdMin: 25, assignee: U.jordan, alerts: 1,
      details: 'Retry queue depth 1,240 (threshold 500).' },
    { title: 'Payment authorizations failing for EU cards', service: S.paymentsApi, urgency: 'high', priority: P.p1, createdMin: 90, assignee: U.priya,
      ack: [U.priya, 86], notes: [[U.priya, 80, 'Processor A reports an outage in their EU region.'], [U.priya, 60, 'Failing over EU traffic to processor B.']], alerts: 2,
      details: 'Authorization success rate for EU BINs at 61% (normal 98%).' },
    { title: 'Slow image CDN responses', service: S.checkoutWeb, urgency: 'low', priority: null, createdMin: 5, assignee: U.fatima, alerts: 1,
      details: 'CDN p95 time-to-first-byte 900 ms.' },
    { title: 'Cart abandonment alert threshold crossed', service: S.checkoutWeb, urgency: 'low', priority: P.p3, createdMin: 180, assignee: U.jordan,
      ack: [U.jordan, 170], alerts: 1, details: 'Cart abandonment 38% in the last hour (threshold 30%).' },
  ];

  specs.forEach((spec, i) => {
    const service = services.get(spec.service);
    const number = db.counter('incident_number');
    const id = SEED.incidents[i];
    const status = spec.resolve ? 'resolved' : spec.ack ? 'acknowledged' : 'triggered';
    const incident: any = {
      id, type: 'incident', incident_number: number, title: spec.title, description: spec.title,
      created_at: at(spec.createdMin), updated_at: at(spec.createdMin), status, urgency: spec.urgency,
      incident_key: `acme-${service.name.toLowerCase().replace(/\s+/g, '-')}-${number}`,
      service: spec.service, escalation_policy: service.escalation_policy, teams: [...service.teams], priority: spec.priority,
      assignments: [], acknowledgements: [], assigned_via: 'escalation_policy',
      last_status_change_at: at(spec.createdMin), last_status_change_by: { type: 'service_reference', id: spec.service },
      resolved_at: null, resolve_reason: null, first_trigger_log_entry: '', escalation_level: 1,
      alert_counts: { all: spec.alerts, triggered: status === 'resolved' ? 0 : spec.alerts, resolved: status === 'resolved' ? spec.alerts : 0 },
      body: { type: 'incident_body', details: spec.details },
    };
    incidents.set(id, incident);
    incident.first_trigger_log_entry = log(incident, 'trigger_log_entry', spec.createdMin, { type: 'service_reference', id: spec.service }, 'Triggered through the API');
    log(incident, 'assign_log_entry', spec.createdMin, { type: 'service_reference', id: spec.service }, `Assigned to ${userName(spec.assignee)}.`, { assignees: [spec.assignee] });
    incident.assignments = [{ at: at(spec.createdMin), assignee: spec.assignee }];

    const events: Array<[number, () => void]> = [];
    if (spec.ack) {
      const [user, min] = spec.ack;
      events.push([min, () => {
        incident.acknowledgements.push({ at: at(min), acknowledger: user });
        incident.status = 'acknowledged';
        incident.last_status_change_at = at(min);
        incident.last_status_change_by = { type: 'user_reference', id: user };
        log(incident, 'acknowledgement_log_entry', min, { type: 'user_reference', id: user }, `Acknowledged by ${userName(user)}.`);
      }]);
    }
    for (const [user, min, content] of spec.notes ?? []) {
      events.push([min, () => {
        const noteId = db.newId();
        notes.set(noteId, { id: noteId, incident_id: id, user, content, created_at: at(min), updated_at: at(min), channel: { summary: 'The PagerDuty website or APIs' } });
        log(incident, 'annotate_log_entry', min, { type: 'user_reference', id: user }, 'Note added', { channel: { type: 'note', summary: content }, note: content });
      }]);
    }
    if (spec.resolve) {
      const [user, min] = spec.resolve;
      events.push([min, () => {
        incident.status = 'resolved';
        incident.resolved_at = at(min);
        incident.assignments = [];
        incident.last_status_change_at = at(min);
        incident.last_status_change_by = { type: 'user_reference', id: user };
        log(incident, 'resolve_log_entry', min, { type: 'user_reference', id: user }, `Resolved by ${userName(user)}.`);
      }]);
    }
    // oldest first, so log entries are in creation order
    events.sort((a, b) => b[0] - a[0]).forEach(([min, apply]) => {
      apply();
      incident.updated_at = at(min);
    });

    for (let n = 0; n < spec.alerts; n++) {
      const alertId = db.newId('long');
      alerts.set(alertId, {
        id: alertId, type: 'alert', incident_id: id, service: spec.service, status: status === 'resolved' ? 'resolved' : 'triggered',
        severity: spec.urgency === 'high' ? (n === 0 ? 'critical' : 'error') : 'warning',
        summary: n === 0 ? spec.title : `${spec.title} (second monitor)`, created_at: at(spec.createdMin - n), alert_key: `${incident.incident_key}-${n + 1}`,
        suppressed: false, body: { type: 'alert_body', contexts: [], details: { description: spec.details, source: n === 0 ? 'datadog' : 'prometheus' } },
      });
    }
    if (!service.last_incident_timestamp || service.last_incident_timestamp < incident.created_at) service.last_incident_timestamp = incident.created_at;
  });

  // Service status follows open incidents
  for (const service of services.values()) {
    if (service.status === 'disabled') continue;
    const open = [...incidents.values()].filter((inc) => inc.service === service.id && inc.status !== 'resolved');
    service.status = open.some((inc) => inc.status === 'triggered' && inc.urgency === 'high') ? 'critical' : open.length ? 'warning' : 'active';
  }

  // Change events
  const changeEvents = db.collection<any>('change_events');
  const addChange = (minutesAgo: number, summary: string, serviceIds: string[], source: string, details: Record<string, unknown>) => {
    const id = db.newId('long');
    changeEvents.set(id, {
      id, type: 'change_event', summary, timestamp: at(minutesAgo), services: serviceIds, source, integration: null,
      links: [{ href: `https://github.example.com/acme/deploys/${id}`, text: 'Deploy details' }], custom_details: details,
    });
  };
  addChange(2 * 1440 + 30, 'Deploy api-gateway v2026.11.3', [S.apiGateway], 'GitHub Actions', { version: 'v2026.11.3', author: 'sam.rivera' });
  addChange(100, 'Payments API: switch EU traffic weights', [S.paymentsApi], 'Terraform Cloud', { change: 'processor_a_weight 100 → 60' });
  addChange(20, 'Deploy api-gateway v2026.11.4 (rate limiter tuning)', [S.apiGateway], 'GitHub Actions', { version: 'v2026.11.4', author: 'alex.morgan' });
  addChange(8, 'Enable feature flag new-image-pipeline', [S.checkoutWeb], 'LaunchDarkly', { flag: 'new-image-pipeline', rollout: '50%' });
}
