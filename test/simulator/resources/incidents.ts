// Incidents with PagerDuty's state machine: trigger → acknowledge → resolve, every action appending a log
// entry; notes, alerts, responder requests, and the AIOps views (related, past, outlier incidents).
import type { SimContext, SimDb, SimRequest, SimResponse, SimRouter, SimUser } from '../types';
import {
  anyRef,
  coll,
  epRef,
  incidentRef,
  invalid,
  isoOf,
  logEntryRef,
  nowIso,
  priorityRef,
  serviceRef,
  setFilter,
  teamRef,
  timeParam,
  userRef,
  type Obj,
} from './core-render';
import { onCallUserAt } from './oncalls';
import { allDependencies } from './services';

const DAY = 86_400_000;
const MAX_BULK = 250;
const MAX_NOTES = 2000;
const STATUSES = ['triggered', 'acknowledged', 'resolved'];
const URGENCIES = ['high', 'low'];
const SORT_FIELDS = ['incident_number', 'created_at', 'resolved_at', 'urgency'];

const incidents = (db: SimDb) => coll(db, 'incidents');

export function renderIncident(sim: SimContext, inc: Obj): Obj {
  return {
    ...incidentRef(sim, inc.id),
    type: 'incident',
    incident_number: inc.incident_number,
    title: inc.title,
    description: inc.description ?? inc.title,
    created_at: inc.created_at,
    updated_at: inc.updated_at,
    status: inc.status,
    urgency: inc.urgency,
    incident_key: inc.incident_key ?? null,
    service: serviceRef(sim, inc.service),
    assignments: (inc.assignments ?? []).map((a: Obj) => ({ at: a.at, assignee: userRef(sim, a.assignee) })),
    assigned_via: inc.assigned_via ?? 'escalation_policy',
    acknowledgements: (inc.acknowledgements ?? []).map((a: Obj) => ({ at: a.at, acknowledger: userRef(sim, a.acknowledger) })),
    last_status_change_at: inc.last_status_change_at,
    last_status_change_by: anyRef(sim, inc.last_status_change_by),
    first_trigger_log_entry: inc.first_trigger_log_entry ? logEntryRef(sim, inc.first_trigger_log_entry) : null,
    escalation_policy: inc.escalation_policy ? epRef(sim, inc.escalation_policy) : null,
    teams: (inc.teams ?? []).map((id: string) => teamRef(sim, id)),
    priority: priorityRef(sim, inc.priority ?? null),
    resolved_at: inc.resolved_at ?? null,
    resolve_reason: inc.resolve_reason ?? null,
    alert_counts: inc.alert_counts ?? { all: 0, triggered: 0, resolved: 0 },
    pending_actions: [],
    is_mergeable: true,
    incident_type: { name: 'incident_default' },
    conference_bridge: inc.conference_bridge ?? null,
    body: inc.body ?? { type: 'incident_body', details: '' },
    incidents_responders: inc.incidents_responders ?? [],
    responder_requests: inc.responder_requests ?? [],
  };
}

function appendLog(sim: SimContext, inc: Obj, type: string, agent: { type: string; id: string }, summary: string, extra: Obj = {}): string {
  const id = sim.db.newId('long');
  coll(sim.db, 'log_entries').set(id, {
    id,
    type,
    summary,
    created_at: nowIso(sim),
    incident: inc.id,
    service: inc.service,
    teams: [...(inc.teams ?? [])],
    agent,
    channel: agent.type === 'service_reference' ? { type: 'api' } : { type: 'web_ui' },
    ...extra,
  });
  return id;
}

/** A service's status follows its open incidents, as in the seed. */
function refreshServiceStatus(sim: SimContext, serviceId: string): void {
  const service = coll(sim.db, 'services').get(serviceId);
  if (!service || service.status === 'disabled' || service.status === 'maintenance') return;
  const open = [...incidents(sim.db).values()].filter((i) => i.service === serviceId && i.status !== 'resolved');
  service.status = open.some((i) => i.status === 'triggered' && i.urgency === 'high') ? 'critical' : open.length ? 'warning' : 'active';
}

function findIncident(db: SimDb, idOrNumber: string): Obj | undefined {
  const direct = incidents(db).get(idOrNumber);
  if (direct) return direct;
  if (/^\d+$/.test(idOrNumber)) return [...incidents(db).values()].find((i) => String(i.incident_number) === idOrNumber);
  return undefined;
}

const notFound = (sim: SimContext) => sim.error(404, 5001, 'Incident Not Found');

const userName = (sim: SimContext, id: string) => sim.db.users.get(id)?.name ?? id;

// ---------------------------------------------------------------------------------------------------
// Updates: validated first (so a bulk request changes all or nothing), then applied.

interface Change {
  inc: Obj;
  status?: string;
  resolution?: string;
  urgency?: string;
  assignees?: string[];
  escalationLevel?: number;
  escalationPolicy?: string;
  title?: string;
  priority?: string | null;
}

function validateChange(sim: SimContext, inc: Obj, body: Obj, actor: SimUser | null): Change | SimResponse {
  const change: Change = { inc };
  if (body.status !== undefined) {
    if (!STATUSES.includes(body.status)) return sim.error(400, 1003, 'Invalid Status Provided', [`status must be one of ${STATUSES.join(', ')}.`]);
    if (inc.status === 'resolved') return sim.error(400, 1001, 'Incident Already Resolved', [`Incident ${inc.id} is already resolved.`]);
    if (body.status === 'acknowledged' && inc.status === 'acknowledged') {
      return sim.error(400, 1002, 'Incident Already Acknowledged', [`Incident ${inc.id} is already acknowledged.`]);
    }
    if (body.status === 'triggered' && inc.status === 'triggered') {
      return sim.error(400, 1012, 'Incident is not Acknowledged', [`Incident ${inc.id} is already triggered.`]);
    }
    if (body.status !== 'triggered' && !actor) return sim.error(400, 2011, 'You must specify a requester_id to perform this action');
    change.status = body.status;
  }
  if (body.resolution !== undefined) {
    if (change.status !== 'resolved') return invalid(sim, ['resolution can only be given when resolving.']);
    change.resolution = String(body.resolution);
  }
  if (body.urgency !== undefined) {
    if (!URGENCIES.includes(body.urgency)) return invalid(sim, [`urgency must be one of ${URGENCIES.join(', ')}.`]);
    change.urgency = body.urgency;
  }
  if (body.assignments !== undefined) {
    if (!Array.isArray(body.assignments) || body.assignments.length === 0) return invalid(sim, ['assignments must be a non-empty array.']);
    const ids = body.assignments.map((a: Obj) => a?.assignee?.id);
    if (ids.some((id: unknown) => typeof id !== 'string' || !sim.db.users.has(id))) return sim.error(400, 1007, 'Assigned To User Not Found');
    if (inc.status === 'resolved') return sim.error(400, 1001, 'Incident Already Resolved', [`Incident ${inc.id} is resolved; it cannot be reassigned.`]);
    change.assignees = ids;
  }
  if (body.escalation_policy !== undefined) {
    const id = body.escalation_policy?.id;
    if (typeof id !== 'string' || !coll(sim.db, 'escalation_policies').has(id)) return sim.error(400, 1014, 'Escalation Policy Not Found');
    change.escalationPolicy = id;
  }
  if (body.escalation_level !== undefined) {
    const ep = coll(sim.db, 'escalation_policies').get(change.escalationPolicy ?? inc.escalation_policy);
    const levels = ep?.escalation_rules?.length ?? 0;
    const level = body.escalation_level;
    if (!Number.isInteger(level) || level < 1 || level > levels) {
      return sim.error(400, 1006, 'Cannot Escalate', [`escalation_level must be between 1 and ${levels} for this incident's escalation policy.`]);
    }
    if (inc.status === 'resolved') return sim.error(400, 1001, 'Incident Already Resolved', [`Incident ${inc.id} is resolved; it cannot be escalated.`]);
    change.escalationLevel = level;
  }
  if (body.title !== undefined) {
    if (typeof body.title !== 'string' || !body.title.trim()) return invalid(sim, ['title must be a non-empty string.']);
    change.title = body.title;
  }
  if (body.priority !== undefined) {
    if (body.priority === null) change.priority = null;
    else {
      const priorities = [...coll(sim.db, 'priorities').values()];
      const p = typeof body.priority === 'string' ? priorities.find((x) => x.name === body.priority) : priorities.find((x) => x.id === body.priority?.id);
      if (!p) return sim.error(400, 1020, 'Invalid Priority');
      change.priority = p.id;
    }
  }
  return change;
}

function applyChange(sim: SimContext, c: Change, actor: SimUser | null): void {
  const inc = c.inc;
  const now = nowIso(sim);
  const agent = actor ? { type: 'user_reference', id: actor.id } : { type: 'service_reference', id: inc.service };
  if (c.title !== undefined) inc.title = c.title;
  if (c.priority !== undefined) inc.priority = c.priority;
  if (c.urgency !== undefined && c.urgency !== inc.urgency) {
    inc.urgency = c.urgency;
    appendLog(sim, inc, 'urgency_change_log_entry', agent, `Urgency changed to ${c.urgency}.`);
  }
  if (c.escalationPolicy !== undefined) inc.escalation_policy = c.escalationPolicy;
  if (c.escalationLevel !== undefined) {
    inc.escalation_level = c.escalationLevel;
    const user = onCallUserAt(sim.db, inc.escalation_policy, c.escalationLevel, sim.now().getTime());
    if (user) inc.assignments = [{ at: now, assignee: user }];
    inc.assigned_via = 'escalation_policy';
    appendLog(sim, inc, 'escalate_log_entry', agent, `Escalated to level ${c.escalationLevel}${user ? ` (${userName(sim, user)})` : ''}.`, user ? { assignees: [user] } : {});
  }
  if (c.assignees) {
    inc.assignments = c.assignees.map((id) => ({ at: now, assignee: id }));
    inc.assigned_via = 'direct_assignment';
    appendLog(sim, inc, 'assign_log_entry', agent, `Assigned to ${c.assignees.map((id) => userName(sim, id)).join(', ')}.`, { assignees: c.assignees });
  }
  if (c.status === 'acknowledged') {
    inc.status = 'acknowledged';
    inc.acknowledgements = [...(inc.acknowledgements ?? []), { at: now, acknowledger: actor!.id }];
    inc.last_status_change_at = now;
    inc.last_status_change_by = agent;
    appendLog(sim, inc, 'acknowledgement_log_entry', agent, `Acknowledged by ${actor!.name}.`);
  } else if (c.status === 'resolved') {
    inc.status = 'resolved';
    inc.resolved_at = now;
    inc.assignments = [];
    inc.last_status_change_at = now;
    inc.last_status_change_by = agent;
    const counts = inc.alert_counts ?? { all: 0, triggered: 0, resolved: 0 };
    inc.alert_counts = { all: counts.all, triggered: 0, resolved: counts.all };
    for (const a of coll(sim.db, 'alerts').values()) if (a.incident_id === inc.id) a.status = 'resolved';
    appendLog(sim, inc, 'resolve_log_entry', agent, `Resolved by ${actor?.name ?? 'the API'}${c.resolution ? `: ${c.resolution}` : '.'}`, c.resolution ? { note: c.resolution } : {});
  } else if (c.status === 'triggered') {
    inc.status = 'triggered';
    inc.acknowledgements = [];
    inc.last_status_change_at = now;
    inc.last_status_change_by = agent;
    appendLog(sim, inc, 'unacknowledge_log_entry', agent, 'Unacknowledged.');
  }
  inc.updated_at = now;
  refreshServiceStatus(sim, inc.service);
}

// ---------------------------------------------------------------------------------------------------

function listIncidents(req: SimRequest, sim: SimContext): SimResponse {
  const statuses = setFilter(req, 'statuses');
  const urgencies = setFilter(req, 'urgencies');
  if (statuses.some((s) => !STATUSES.includes(s))) return invalid(sim, [`statuses must be among ${STATUSES.join(', ')}.`]);
  if (urgencies.some((u) => !URGENCIES.includes(u))) return invalid(sim, [`urgencies must be among ${URGENCIES.join(', ')}.`]);
  const serviceIds = setFilter(req, 'service_ids');
  const teamIds = setFilter(req, 'team_ids');
  const userIds = setFilter(req, 'user_ids');
  const priorityIds = setFilter(req, 'priority_ids');
  const key = req.query.get('incident_key');
  const since = timeParam(req, 'since');
  const until = timeParam(req, 'until');
  if (Number.isNaN(since) || Number.isNaN(until)) return sim.error(400, 2004, "Invalid time values in 'since' and/or 'until'");
  let from = since;
  let to = until;
  // Without since/until PagerDuty searches the last month only, unless date_range=all.
  if (req.query.get('date_range') === 'all') {
    from = undefined;
    to = undefined;
  } else if (from === undefined && to === undefined) {
    to = sim.now().getTime() + 1000;
    from = to - 30 * DAY;
  }
  if (from !== undefined && to !== undefined && to < from) return sim.error(400, 2005, 'Invalid Query Date Range', ['until must be after since.']);

  const sortSpec = (req.query.get('sort_by') ?? 'created_at:asc').split(',').filter(Boolean);
  if (sortSpec.length > 2) return invalid(sim, ['sort_by takes at most two fields.']);
  const sorts: Array<[string, number]> = [];
  for (const s of sortSpec) {
    const [field, dir = 'asc'] = s.split(':');
    if (!SORT_FIELDS.includes(field) || !['asc', 'desc'].includes(dir)) return invalid(sim, [`Invalid sort_by value "${s}".`]);
    sorts.push([field, dir === 'desc' ? -1 : 1]);
  }
  const value = (inc: Obj, field: string): number => {
    if (field === 'incident_number') return inc.incident_number;
    if (field === 'urgency') return inc.urgency === 'high' ? 1 : 0;
    return inc[field] ? Date.parse(inc[field]) : 0;
  };

  const all = [...incidents(sim.db).values()]
    .filter((i) => !statuses.length || statuses.includes(i.status))
    .filter((i) => !urgencies.length || urgencies.includes(i.urgency))
    .filter((i) => !serviceIds.length || serviceIds.includes(i.service))
    .filter((i) => !teamIds.length || (i.teams ?? []).some((t: string) => teamIds.includes(t)))
    // user_ids means "assigned to", and only open incidents have assignees.
    .filter((i) => !userIds.length || (i.status !== 'resolved' && (i.assignments ?? []).some((a: Obj) => userIds.includes(a.assignee))))
    .filter((i) => !priorityIds.length || priorityIds.includes(i.priority))
    .filter((i) => !key || i.incident_key === key)
    .filter((i) => from === undefined || Date.parse(i.created_at) >= from)
    .filter((i) => to === undefined || Date.parse(i.created_at) < to)
    .sort((a, b) => {
      for (const [field, dir] of sorts) {
        const d = (value(a, field) - value(b, field)) * dir;
        if (d !== 0) return d;
      }
      return a.incident_number - b.incident_number;
    })
    .map((i) => renderIncident(sim, i));
  return sim.paginate(req, all, 'incidents');
}

function createIncident(req: SimRequest, sim: SimContext): SimResponse {
  const body = req.body?.incident;
  if (!body || typeof body !== 'object') return invalid(sim, ['The body must be {"incident": {...}}.']);
  const errors: string[] = [];
  if (body.type !== 'incident') errors.push('incident.type must be "incident".');
  if (typeof body.title !== 'string' || !body.title.trim()) errors.push('incident.title is required.');
  const service = coll(sim.db, 'services').get(body.service?.id);
  if (!service) errors.push('incident.service must reference an existing service.');
  if (body.urgency !== undefined && !URGENCIES.includes(body.urgency)) errors.push(`incident.urgency must be one of ${URGENCIES.join(', ')}.`);
  if (body.assignments && body.escalation_policy) errors.push('assignments and escalation_policy cannot both be given.');
  if (body.assignments && (!Array.isArray(body.assignments) || body.assignments.length !== 1)) errors.push('Only one assignee is supported.');
  if (errors.length) return invalid(sim, errors);
  if (service!.status === 'disabled') return invalid(sim, [`Service ${service!.name} is disabled; incidents cannot be created on it.`]);
  let assignee: string | null = null;
  if (body.assignments) {
    assignee = body.assignments[0]?.assignee?.id;
    if (typeof assignee !== 'string' || !sim.db.users.has(assignee)) return sim.error(400, 1007, 'Assigned To User Not Found');
  }
  let epId: string = service!.escalation_policy;
  if (body.escalation_policy) {
    epId = body.escalation_policy.id;
    if (!coll(sim.db, 'escalation_policies').has(epId)) return sim.error(400, 1014, 'Escalation Policy Not Found');
  }
  let priority: string | null = null;
  if (body.priority) {
    priority = body.priority.id;
    if (!coll(sim.db, 'priorities').has(String(priority))) return sim.error(400, 1020, 'Invalid Priority');
  }
  const key = typeof body.incident_key === 'string' && body.incident_key ? body.incident_key : null;
  if (key && [...incidents(sim.db).values()].some((i) => i.service === service!.id && i.incident_key === key && i.status !== 'resolved')) {
    return invalid(sim, [`Open incident with key '${key}' already exists on this service.`]);
  }

  const now = nowIso(sim);
  const actor = req.fromUser;
  const id = sim.db.newId('long');
  const number = sim.db.counter('incident_number');
  const inc: Obj = {
    id,
    type: 'incident',
    incident_number: number,
    title: body.title.trim(),
    description: body.title.trim(),
    created_at: now,
    updated_at: now,
    status: 'triggered',
    urgency: body.urgency ?? service!.incident_urgency_rule?.urgency ?? 'high',
    incident_key: key ?? sim.db.newId('long').toLowerCase(),
    service: service!.id,
    escalation_policy: epId,
    teams: [...(service!.teams ?? [])],
    priority,
    assignments: [],
    acknowledgements: [],
    assigned_via: assignee ? 'direct_assignment' : 'escalation_policy',
    last_status_change_at: now,
    last_status_change_by: { type: 'service_reference', id: service!.id },
    resolved_at: null,
    resolve_reason: null,
    first_trigger_log_entry: '',
    escalation_level: 1,
    alert_counts: { all: 0, triggered: 0, resolved: 0 },
    body: { type: 'incident_body', details: typeof body.body?.details === 'string' ? body.body.details : '' },
  };
  incidents(sim.db).set(id, inc);
  const agent = actor ? { type: 'user_reference', id: actor.id } : { type: 'service_reference', id: service!.id };
  inc.first_trigger_log_entry = appendLog(sim, inc, 'trigger_log_entry', agent, actor ? `Triggered by ${actor.name}.` : 'Triggered through the API');
  const target = assignee ?? onCallUserAt(sim.db, epId, 1, sim.now().getTime());
  if (target) {
    inc.assignments = [{ at: now, assignee: target }];
    appendLog(sim, inc, 'assign_log_entry', agent, `Assigned to ${userName(sim, target)}.`, { assignees: [target] });
  }
  // An incident the creator assigns to themself starts acknowledged.
  if (assignee && actor && assignee === actor.id) {
    inc.status = 'acknowledged';
    inc.acknowledgements = [{ at: now, acknowledger: actor.id }];
    inc.last_status_change_by = agent;
    appendLog(sim, inc, 'acknowledgement_log_entry', agent, `Acknowledged by ${actor.name}.`);
  }
  service!.last_incident_timestamp = now;
  refreshServiceStatus(sim, service!.id);
  return { status: 201, body: { incident: renderIncident(sim, inc) } };
}

function bulkUpdate(req: SimRequest, sim: SimContext): SimResponse {
  const list = req.body?.incidents;
  if (!Array.isArray(list) || list.length === 0) return invalid(sim, ['The body must be {"incidents": [...]} with at least one incident.']);
  if (list.length > MAX_BULK) return sim.error(413, 2001, 'Request Entity Too Large', [`At most ${MAX_BULK} incidents can be updated in one request.`]);
  const changes: Change[] = [];
  for (const entry of list) {
    const inc = typeof entry?.id === 'string' ? incidents(sim.db).get(entry.id) : undefined;
    if (!inc) return sim.error(400, 1004, 'Invalid ID Provided', [`Incident ${entry?.id ?? '(no id)'} was not found; nothing was updated.`]);
    const c = validateChange(sim, inc, entry, req.fromUser);
    if (!('inc' in c)) return c;
    changes.push(c);
  }
  for (const c of changes) applyChange(sim, c, req.fromUser);
  const out = changes.map((c) => renderIncident(sim, c.inc));
  return { status: 200, body: { incidents: out, limit: out.length, offset: 0, more: false, total: null } };
}

// ---------------------------------------------------------------------------------------------------
// AIOps views. Similarity is word overlap of titles; good enough to make the tools' outputs meaningful.

function words(title: string): Set<string> {
  return new Set(title.toLowerCase().split(/[^a-z0-9%]+/).filter((w) => w.length > 2));
}

function similarity(a: string, b: string): number {
  const wa = words(a);
  const wb = words(b);
  const inter = [...wa].filter((w) => wb.has(w)).length;
  const union = new Set([...wa, ...wb]).size;
  return union ? Math.round((inter / union) * 1000) / 10 : 0;
}

function briefIncident(sim: SimContext, inc: Obj, full: boolean): Obj {
  const brief = { id: inc.id, created_at: inc.created_at, self: `${sim.apiBase}/incidents/${inc.id}`, html_url: `${sim.webBase}/incidents/${inc.id}`, title: inc.title };
  return full ? renderIncident(sim, inc) : brief;
}

function relatedIncidents(req: SimRequest, sim: SimContext, inc: Obj): SimResponse {
  const full = setFilter(req, 'additional_details').includes('incident');
  const created = Date.parse(inc.created_at);
  const deps = allDependencies(sim.db);
  const linked = (a: string, b: string) =>
    deps.some((d) => (d.dependent.id === a && d.supporting.id === b) || (d.dependent.id === b && d.supporting.id === a));
  const related = [...incidents(sim.db).values()]
    .filter((o) => o.id !== inc.id && o.service !== inc.service && Math.abs(Date.parse(o.created_at) - created) <= 2 * 3_600_000)
    .sort((a, b) => Date.parse(b.created_at) - Date.parse(a.created_at))
    .slice(0, 20)
    .map((o) => ({
      incident: full ? renderIncident(sim, o) : { ...briefIncident(sim, o, false), status: o.status, service: serviceRef(sim, o.service) },
      relationships: linked(o.service, inc.service)
        ? [{ type: 'service_dependency', metadata: { dependent_services: [serviceRef(sim, inc.service)], supporting_services: [serviceRef(sim, o.service)] } }]
        : [{ type: 'machine_learning_inferred', metadata: { grouping_classification: 'similar_contents', user_feedback: { positive_feedback_count: 0, negative_feedback_count: 0 } } }],
    }));
  return { status: 200, body: { related_incidents: related } };
}

function pastIncidents(req: SimRequest, sim: SimContext, inc: Obj): SimResponse {
  const limitRaw = req.query.get('limit');
  const limit = limitRaw ? Number(limitRaw) : 5;
  if (!Number.isInteger(limit) || limit < 1 || limit > 999) return invalid(sim, ['limit must be between 1 and 999.']);
  const created = Date.parse(inc.created_at);
  const all = [...incidents(sim.db).values()]
    .filter((o) => o.id !== inc.id && o.service === inc.service && Date.parse(o.created_at) < created && Date.parse(o.created_at) >= created - 183 * DAY)
    .map((o) => ({ incident: briefIncident(sim, o, false), score: similarity(o.title, inc.title) }))
    .sort((a, b) => b.score - a.score);
  return { status: 200, body: { past_incidents: all.slice(0, limit), limit, total: req.query.get('total') === 'true' ? all.length : null } };
}

function outlierIncident(req: SimRequest, sim: SimContext, inc: Obj): SimResponse {
  const now = sim.now().getTime();
  const since = timeParam(req, 'since');
  const until = timeParam(req, 'until');
  if (Number.isNaN(since) || Number.isNaN(until)) return sim.error(400, 2004, "Invalid time values in 'since' and/or 'until'");
  const from = since ?? Date.parse(inc.created_at) - 183 * DAY;
  const to = until ?? now;
  if (to - from > 184 * DAY) return sim.error(400, 2005, 'Invalid Query Date Range', ['The maximum range is 6 months.']);
  const similar = [...incidents(sim.db).values()].filter(
    (o) => o.service === inc.service && Date.parse(o.created_at) >= from && Date.parse(o.created_at) < to && (o.id === inc.id || similarity(o.title, inc.title) >= 50),
  );
  const count = similar.length;
  const days = Math.max(1, (to - from) / DAY);
  const category = count <= 1 ? 'rare' : count <= 3 ? 'anomalous' : 'frequent';
  const full = setFilter(req, 'additional_details').includes('incident');
  return {
    status: 200,
    body: {
      outlier_incident: {
        incident: { ...briefIncident(sim, inc, full), occurrence: { count, frequency: Math.round((count / days) * 1000) / 1000, category, since: isoOf(from), until: isoOf(to) } },
        incident_template: { id: `T${inc.service}`, cluster_id: `C${inc.service}`, mined_text: inc.title.replace(/\d+(\.\d+)?/g, '<*>') },
      },
    },
  };
}

// ---------------------------------------------------------------------------------------------------

function renderNote(sim: SimContext, n: Obj): Obj {
  return { id: n.id, user: userRef(sim, n.user), channel: n.channel ?? { summary: 'The PagerDuty website or APIs' }, content: n.content, created_at: n.created_at, updated_at: n.updated_at ?? n.created_at };
}

function renderAlert(sim: SimContext, a: Obj): Obj {
  return {
    id: a.id,
    type: 'alert',
    summary: a.summary,
    self: `${sim.apiBase}/alerts/${a.id}`,
    html_url: `${sim.webBase}/alerts/${a.id}`,
    created_at: a.created_at,
    status: a.status,
    alert_key: a.alert_key,
    service: serviceRef(sim, a.service),
    incident: incidentRef(sim, a.incident_id),
    suppressed: a.suppressed ?? false,
    severity: a.severity,
    body: a.body ?? { type: 'alert_body', contexts: [], details: {} },
  };
}

export function seed(_db: SimDb): void {}

export function routes(router: SimRouter): void {
  const read = { scope: 'incidents' };
  const write = { scope: 'incidents', write: true, requiresFrom: true };

  router.route('GET', '/incidents', read, (req, sim) => listIncidents(req, sim));
  router.route('POST', '/incidents', write, (req, sim) => createIncident(req, sim));
  router.route('PUT', '/incidents', write, (req, sim) => bulkUpdate(req, sim));

  router.route('GET', '/incidents/:id', read, (req, sim) => {
    const inc = findIncident(sim.db, req.params.id);
    return inc ? { status: 200, body: { incident: renderIncident(sim, inc) } } : notFound(sim);
  });

  router.route('PUT', '/incidents/:id', write, (req, sim) => {
    const inc = incidents(sim.db).get(req.params.id);
    if (!inc) return notFound(sim);
    const body = req.body?.incident;
    if (!body || typeof body !== 'object') return invalid(sim, ['The body must be {"incident": {...}}.']);
    const c = validateChange(sim, inc, body, req.fromUser);
    if (!('inc' in c)) return c;
    applyChange(sim, c, req.fromUser);
    return { status: 200, body: { incident: renderIncident(sim, inc) } };
  });

  router.route('GET', '/incidents/:id/notes', read, (req, sim) => {
    const inc = findIncident(sim.db, req.params.id);
    if (!inc) return notFound(sim);
    const notes = [...coll(sim.db, 'notes').values()]
      .filter((n) => n.incident_id === inc.id)
      .sort((a, b) => Date.parse(a.created_at) - Date.parse(b.created_at))
      .map((n) => renderNote(sim, n));
    return { status: 200, body: { notes } };
  });

  router.route('POST', '/incidents/:id/notes', write, (req, sim) => {
    const inc = findIncident(sim.db, req.params.id);
    if (!inc) return notFound(sim);
    const content = req.body?.note?.content;
    if (typeof content !== 'string' || !content.trim()) return invalid(sim, ['note.content is required.']);
    const existing = [...coll(sim.db, 'notes').values()].filter((n) => n.incident_id === inc.id).length;
    if (existing >= MAX_NOTES) return sim.error(400, 2019, 'Product Limit Reached', [`An incident holds at most ${MAX_NOTES} notes.`]);
    if (!req.fromUser) return sim.error(400, 2011, 'You must specify a requester_id to perform this action');
    const now = nowIso(sim);
    const id = sim.db.newId();
    const note = { id, incident_id: inc.id, user: req.fromUser.id, content, created_at: now, updated_at: now, channel: { summary: 'The PagerDuty website or APIs' } };
    coll(sim.db, 'notes').set(id, note);
    appendLog(sim, inc, 'annotate_log_entry', { type: 'user_reference', id: req.fromUser.id }, 'Note added', { channel: { type: 'note', summary: content }, note: content });
    inc.updated_at = now;
    return { status: 201, body: { note: renderNote(sim, note) } };
  });

  router.route('GET', '/incidents/:id/alerts', read, (req, sim) => {
    const inc = findIncident(sim.db, req.params.id);
    if (!inc) return notFound(sim);
    const statuses = setFilter(req, 'statuses');
    const key = req.query.get('alert_key');
    const alerts = [...coll(sim.db, 'alerts').values()]
      .filter((a) => a.incident_id === inc.id)
      .filter((a) => !statuses.length || statuses.includes(a.status))
      .filter((a) => !key || a.alert_key === key)
      .sort((a, b) => Date.parse(a.created_at) - Date.parse(b.created_at))
      .map((a) => renderAlert(sim, a));
    return sim.paginate(req, alerts, 'alerts');
  });

  router.route('GET', '/incidents/:id/alerts/:alertId', read, (req, sim) => {
    const inc = findIncident(sim.db, req.params.id);
    if (!inc) return notFound(sim);
    const alert = coll(sim.db, 'alerts').get(req.params.alertId);
    if (!alert || alert.incident_id !== inc.id) return sim.error(404, 2100, 'Not Found', ['Alert not found on this incident.']);
    return { status: 200, body: { alert: renderAlert(sim, alert) } };
  });

  router.route('POST', '/incidents/:id/responder_requests', write, (req, sim) => {
    const inc = findIncident(sim.db, req.params.id);
    if (!inc) return notFound(sim);
    const body = req.body ?? {};
    if (!body.requester_id) return sim.error(400, 2011, 'You must specify a requester_id to perform this action');
    if (!sim.db.users.has(body.requester_id)) return sim.error(400, 1008, 'Requester User Not Found');
    const targets = body.responder_request_targets;
    if (!Array.isArray(targets) || targets.length === 0) return invalid(sim, ['responder_request_targets must list at least one user or escalation policy.']);
    for (const t of targets) {
      const target = t?.responder_request_target;
      const ok =
        (target?.type === 'user_reference' && sim.db.users.has(target.id)) ||
        (target?.type === 'escalation_policy_reference' && coll(sim.db, 'escalation_policies').has(target.id));
      if (!ok) return invalid(sim, [`Responder target ${target?.id ?? '(none)'} (${target?.type ?? 'no type'}) was not found.`]);
    }
    if (inc.status === 'resolved') return sim.error(400, 1001, 'Incident Already Resolved');
    const now = nowIso(sim);
    const requester = userRef(sim, body.requester_id);
    const out = targets.map((t: Obj) => {
      const target = t.responder_request_target;
      const users = target.type === 'user_reference' ? [target.id] : [onCallUserAt(sim.db, target.id, 1, sim.now().getTime())].filter((u): u is string => !!u);
      const responders = users.map((u) => ({ state: 'pending', user: userRef(sim, u), incident: incidentRef(sim, inc.id), updated_at: now, message: body.message ?? '', requester, requested_at: now }));
      inc.incidents_responders = [...(inc.incidents_responders ?? []), ...responders];
      const ref = target.type === 'user_reference' ? userRef(sim, target.id) : epRef(sim, target.id);
      return { responder_request_target: { ...ref, incidents_responders: responders } };
    });
    const rr = { incident: incidentRef(sim, inc.id), requester, requested_at: now, message: body.message ?? '', responder_request_targets: out };
    inc.responder_requests = [...(inc.responder_requests ?? []), rr];
    appendLog(sim, inc, 'responder_request_log_entry', { type: 'user_reference', id: body.requester_id }, `${requester.summary} requested help from ${out.map((o: Obj) => o.responder_request_target.summary).join(', ')}.`);
    inc.updated_at = now;
    return { status: 200, body: { responder_request: rr } };
  });

  router.route('GET', '/incidents/:id/related_incidents', read, (req, sim) => {
    const inc = findIncident(sim.db, req.params.id);
    return inc ? relatedIncidents(req, sim, inc) : notFound(sim);
  });
  router.route('GET', '/incidents/:id/past_incidents', read, (req, sim) => {
    const inc = findIncident(sim.db, req.params.id);
    return inc ? pastIncidents(req, sim, inc) : notFound(sim);
  });
  router.route('GET', '/incidents/:id/outlier_incident', read, (req, sim) => {
    const inc = findIncident(sim.db, req.params.id);
    return inc ? outlierIncident(req, sim, inc) : notFound(sim);
  });
}
