// /webhook_subscriptions (v3 webhooks) and /extension_schemas.
import type { SimContext, SimDb, SimRouter } from '../types';
import { firstIds, invalid, isObject, services, teams, type Obj } from './platform-util';
import { randomBytes } from 'node:crypto';

const EVENT_TYPES = new Set([
  'incident.acknowledged', 'incident.annotated', 'incident.conference_bridge.updated', 'incident.custom_field_values.updated',
  'incident.delegated', 'incident.escalated', 'incident.incident_type.changed', 'incident.priority_updated', 'incident.reassigned',
  'incident.reopened', 'incident.resolved', 'incident.responder.added', 'incident.responder.replied',
  'incident.status_update_published', 'incident.triggered', 'incident.unacknowledged', 'incident.workflow.completed',
  'incident.workflow.started', 'pagey.ping', 'service.created', 'service.deleted', 'service.updated',
]);
const FILTER_TYPES = ['account_reference', 'service_reference', 'team_reference'];

interface StoredSubscription {
  id: string;
  description: string | null;
  active: boolean;
  events: string[];
  filter: { type: string; id?: string };
  url: string;
  customHeaders: Array<{ name: string; value: string }>;
  deliveryId: string;
  secret: string;
  temporarily_disabled: boolean;
}

interface StoredSchema {
  id: string;
  label: string;
  key: string;
  description: string;
  send_types: string[];
  guide_url: string | null;
  url: string | null;
}

const subscriptions = (db: SimDb) => db.collection<StoredSubscription>('webhook_subscriptions');
const schemas = (db: SimDb) => db.collection<StoredSchema>('extension_schemas');

const newSecret = () => randomBytes(24).toString('base64url');

export function seed(db: SimDb): void {
  const [svc] = firstIds(services(db), 1);
  const add = (s: Omit<StoredSubscription, 'id' | 'deliveryId' | 'secret'>) => {
    const id = db.newId();
    subscriptions(db).set(id, { id, deliveryId: db.newId(), secret: newSecret(), ...s });
  };
  add({
    description: 'Ops chat bridge',
    active: true,
    events: ['incident.triggered', 'incident.acknowledged', 'incident.resolved'],
    filter: { type: 'account_reference' },
    url: 'https://hooks.acme.example/pagerduty',
    customHeaders: [{ name: 'X-Bridge-Token', value: 'bridge-token-value' }],
    temporarily_disabled: false,
  });
  if (svc) {
    add({
      description: 'Checkout service audit',
      active: false,
      events: ['incident.triggered', 'service.updated'],
      filter: { type: 'service_reference', id: svc },
      url: 'https://audit.acme.example/pd',
      customHeaders: [],
      temporarily_disabled: false,
    });
  }
  const schema = (s: Omit<StoredSchema, 'id'>) => {
    const id = db.newId();
    schemas(db).set(id, { id, ...s });
  };
  const incidentSends = ['trigger', 'acknowledge', 'resolve', 'delegate', 'escalate', 'unacknowledge', 'assign', 'annotate'];
  schema({ label: 'Generic V2 Webhook', key: 'generic_v2_webhook', description: 'Sends incident events as JSON to a URL you choose.', send_types: incidentSends, guide_url: 'https://developer.pagerduty.com/docs/webhooks', url: null });
  schema({ label: 'Slack V2', key: 'slack_v2', description: 'Posts incident notifications to a Slack channel.', send_types: incidentSends, guide_url: 'https://www.pagerduty.com/docs/guides/slack-integration-guide/', url: null });
  schema({ label: 'ServiceNow (v7)', key: 'servicenow_v7', description: 'Synchronises incidents with ServiceNow.', send_types: ['trigger', 'acknowledge', 'resolve', 'assign'], guide_url: 'https://www.pagerduty.com/docs/guides/servicenow-integration-guide/', url: null });
}

function render(s: StoredSubscription, sim: SimContext, withSecret: boolean): Obj {
  return {
    id: s.id,
    type: 'webhook_subscription',
    active: s.active,
    description: s.description,
    events: s.events,
    filter: s.filter,
    delivery_method: {
      id: s.deliveryId,
      type: 'http_delivery_method',
      url: s.url,
      // PagerDuty masks custom header values after creation; the signing secret only comes back from create.
      custom_headers: s.customHeaders.map((h) => ({ name: h.name, value: '**redacted**' })),
      secret: withSecret ? s.secret : null,
      temporarily_disabled: s.temporarily_disabled,
    },
    self: `${sim.apiBase}/webhook_subscriptions/${s.id}`,
  };
}

function renderSchema(s: StoredSchema, sim: SimContext): Obj {
  return {
    id: s.id,
    type: 'extension_schema',
    summary: s.label,
    self: `${sim.apiBase}/extension_schemas/${s.id}`,
    html_url: null,
    label: s.label,
    key: s.key,
    description: s.description,
    icon_url: `https://pd-static-assets.pagerduty.com/extensions/${s.key}/icon.png`,
    logo_url: `https://pd-static-assets.pagerduty.com/extensions/${s.key}/logo.png`,
    guide_url: s.guide_url,
    url: s.url,
    send_types: s.send_types,
  };
}

function checkEvents(events: unknown, errors: string[]): void {
  if (!Array.isArray(events) || events.length === 0) errors.push('events must list at least one event type');
  else for (const e of events) if (!EVENT_TYPES.has(e)) errors.push(`${String(e)} is not a webhook event type`);
}

function checkFilter(filter: unknown, sim: SimContext, errors: string[]): void {
  if (!isObject(filter) || !FILTER_TYPES.includes(filter.type)) {
    errors.push(`filter.type must be one of ${FILTER_TYPES.join(', ')}`);
    return;
  }
  if (filter.type === 'service_reference' && !services(sim.db).has(filter.id)) errors.push(`filter.id: service ${String(filter.id)} was not found`);
  if (filter.type === 'team_reference' && !teams(sim.db).has(filter.id)) errors.push(`filter.id: team ${String(filter.id)} was not found`);
}

export function routes(router: SimRouter): void {
  const opts = { scope: 'webhook_subscriptions' };

  router.route('GET', '/webhook_subscriptions', opts, (req, sim) => {
    const type = req.query.get('filter_type');
    const fid = req.query.get('filter_id');
    const items = [...subscriptions(sim.db).values()]
      .filter((s) => (!type || s.filter.type === type) && (!fid || s.filter.id === fid))
      .map((s) => render(s, sim, false));
    return sim.paginate(req, items, 'webhook_subscriptions');
  });

  router.route('GET', '/webhook_subscriptions/:id', opts, (req, sim) => {
    const s = subscriptions(sim.db).get(req.params.id);
    return s ? { status: 200, body: { webhook_subscription: render(s, sim, false) } } : sim.notFound();
  });

  router.route('POST', '/webhook_subscriptions', opts, (req, sim) => {
    const input = isObject(req.body) ? req.body.webhook_subscription : undefined;
    if (!isObject(input)) return invalid(sim, ['The body must be {"webhook_subscription": {...}}']);
    const errors: string[] = [];
    const dm = isObject(input.delivery_method) ? input.delivery_method : {};
    if (dm.type !== 'http_delivery_method') errors.push("delivery_method.type must be 'http_delivery_method'");
    if (typeof dm.url !== 'string' || !/^https:\/\/[^\s/]+/.test(dm.url)) errors.push('delivery_method.url must be an https:// URL');
    const headers = dm.custom_headers ?? [];
    if (!Array.isArray(headers) || headers.some((h: unknown) => !isObject(h) || typeof h.name !== 'string' || typeof h.value !== 'string')) {
      errors.push('delivery_method.custom_headers must be a list of {name, value}');
    }
    checkEvents(input.events, errors);
    checkFilter(input.filter, sim, errors);
    if (errors.length) return invalid(sim, errors);
    const id = sim.db.newId();
    const stored: StoredSubscription = {
      id,
      description: typeof input.description === 'string' ? input.description : null,
      active: input.active !== false,
      events: input.events,
      filter: input.filter.type === 'account_reference' ? { type: 'account_reference' } : { type: input.filter.type, id: input.filter.id },
      url: dm.url,
      customHeaders: headers.map((h: Obj) => ({ name: h.name, value: h.value })),
      deliveryId: sim.db.newId(),
      secret: newSecret(),
      temporarily_disabled: false,
    };
    subscriptions(sim.db).set(id, stored);
    return { status: 201, body: { webhook_subscription: render(stored, sim, true) } };
  });

  router.route('PUT', '/webhook_subscriptions/:id', opts, (req, sim) => {
    const current = subscriptions(sim.db).get(req.params.id);
    if (!current) return sim.notFound();
    const input = isObject(req.body) ? req.body.webhook_subscription : undefined;
    if (!isObject(input)) return invalid(sim, ['The body must be {"webhook_subscription": {...}}']);
    const errors: string[] = [];
    if (input.delivery_method !== undefined) errors.push('delivery_method cannot be updated; create a new subscription instead');
    if (input.events !== undefined) checkEvents(input.events, errors);
    if (input.filter !== undefined) checkFilter(input.filter, sim, errors);
    if (input.active !== undefined && typeof input.active !== 'boolean') errors.push('active must be true or false');
    if (errors.length) return invalid(sim, errors);
    const next: StoredSubscription = {
      ...current,
      description: typeof input.description === 'string' ? input.description : current.description,
      active: typeof input.active === 'boolean' ? input.active : current.active,
      events: input.events ?? current.events,
      filter: input.filter ? (input.filter.type === 'account_reference' ? { type: 'account_reference' } : { type: input.filter.type, id: input.filter.id }) : current.filter,
    };
    subscriptions(sim.db).set(next.id, next);
    return { status: 200, body: { webhook_subscription: render(next, sim, false) } };
  });

  router.route('DELETE', '/webhook_subscriptions/:id', opts, (req, sim) => {
    if (!subscriptions(sim.db).delete(req.params.id)) return sim.notFound();
    return { status: 204 };
  });

  router.route('GET', '/extension_schemas', { scope: 'extension_schemas' }, (req, sim) => {
    return sim.paginate(req, [...schemas(sim.db).values()].map((s) => renderSchema(s, sim)), 'extension_schemas');
  });

  router.route('GET', '/extension_schemas/:id', { scope: 'extension_schemas' }, (req, sim) => {
    const s = schemas(sim.db).get(req.params.id);
    return s ? { status: 200, body: { extension_schema: renderSchema(s, sim) } } : sim.notFound();
  });
}

