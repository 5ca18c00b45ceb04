// /alert_grouping_settings: cursor-paged (after/before), one setting per service at most.
import type { SimContext, SimDb, SimRequest, SimRouter } from '../types';
import { decodeCursor, encodeCursor, firstIds, invalid, isObject, nowIso, serviceRef, services, type Obj } from './platform-util';

const COLLECTION = 'alert_grouping_settings';
const TYPES = ['content_based', 'content_based_intelligent', 'intelligent', 'time'];

interface StoredSetting {
  id: string;
  name: string | null;
  description: string | null;
  type: string;
  config: Obj;
  serviceIds: string[];
  created_at: string;
  updated_at: string;
}

const settings = (db: SimDb) => db.collection<StoredSetting>(COLLECTION);

export function seed(db: SimDb): void {
  const [first] = firstIds(services(db), 1);
  const at = '2026-01-05T10:00:00Z';
  const id = db.newId();
  settings(db).set(id, {
    id,
    name: 'Group by host',
    description: 'Alerts from the same host within 5 minutes become one incident',
    type: 'content_based',
    config: { aggregate: 'all', fields: ['source', 'custom_details.host'], time_window: 300 },
    serviceIds: first ? [first] : [],
    created_at: at,
    updated_at: at,
  });
}

function render(s: StoredSetting, sim: SimContext): Obj {
  return {
    id: s.id,
    type: s.type,
    name: s.name,
    description: s.description,
    config: s.config,
    services: s.serviceIds.map((sid) => serviceRef(sim, sid)),
    created_at: s.created_at,
    updated_at: s.updated_at,
    self: `${sim.apiBase}/alert_grouping_settings/${s.id}`,
  };
}

/** Validates a create/update body; returns the errors (empty when valid). */
function validate(input: Obj, sim: SimContext, selfId: string | null, partial: boolean): string[] {
  const errors: string[] = [];
  if (!partial || input.type !== undefined) {
    if (!TYPES.includes(input.type)) errors.push(`type must be one of ${TYPES.join(', ')}`);
  }
  const config = input.config;
  if (config !== undefined && !isObject(config)) errors.push('config must be an object');
  if (TYPES.includes(input.type)) {
    const c = isObject(config) ? config : {};
    if (input.type === 'time' && typeof c.timeout !== 'number') errors.push("config.timeout is required for type 'time'");
    if (input.type.startsWith('content_based')) {
      if (c.aggregate !== 'all' && c.aggregate !== 'any') errors.push("config.aggregate must be 'all' or 'any'");
      if (!Array.isArray(c.fields) || c.fields.length === 0) errors.push('config.fields must list at least one field');
    }
  }
  if (!partial || input.services !== undefined) {
    if (!Array.isArray(input.services) || input.services.length === 0) {
      errors.push('services must list at least one service reference');
    } else if (input.type === 'content_based_intelligent' && input.services.length > 1) {
      errors.push("A 'content_based_intelligent' setting applies to exactly one service");
    } else {
      for (const s of input.services) {
        const sid = isObject(s) ? s.id : undefined;
        if (typeof sid !== 'string' || !services(sim.db).has(sid)) {
          errors.push(`Service ${String(sid)} was not found`);
          continue;
        }
        const owner = [...settings(sim.db).values()].find((x) => x.id !== selfId && x.serviceIds.includes(sid));
        if (owner) errors.push(`Service ${sid} already has an alert grouping setting (${owner.id})`);
      }
    }
  }
  return errors;
}

function bodyOf(req: SimRequest): Obj | null {
  return isObject(req.body) && isObject(req.body.alert_grouping_setting) ? req.body.alert_grouping_setting : null;
}

export function routes(router: SimRouter): void {
  router.route('GET', '/alert_grouping_settings', { scope: 'services' }, (req, sim) => {
    const limit = Math.min(Math.max(Number(req.query.get('limit') ?? 20) || 20, 1), 100);
    const wanted = req.query.getAll('service_ids[]');
    let all = [...settings(sim.db).values()];
    if (wanted.length) all = all.filter((s) => s.serviceIds.some((id) => wanted.includes(id)));
    const after = req.query.get('after');
    const before = req.query.get('before');
    let start = 0;
    if (after) {
      const pos = decodeCursor(after);
      if (pos === null) return invalid(sim, ['after is not a valid cursor']);
      start = pos;
    } else if (before) {
      const pos = decodeCursor(before);
      if (pos === null) return invalid(sim, ['before is not a valid cursor']);
      start = Math.max(0, pos - limit);
    }
    const page = all.slice(start, start + limit);
    const end = start + page.length;
    return {
      status: 200,
      body: {
        alert_grouping_settings: page.map((s) => render(s, sim)),
        after: end < all.length ? encodeCursor(end) : null,
        before: start > 0 ? encodeCursor(start) : null,
        limit,
        total: req.query.get('total') === 'true' ? all.length : null,
      },
    };
  });

  router.route('GET', '/alert_grouping_settings/:id', { scope: 'services' }, (req, sim) => {
    const s = settings(sim.db).get(req.params.id);
    return s ? { status: 200, body: { alert_grouping_setting: render(s, sim) } } : sim.notFound();
  });

  router.route('POST', '/alert_grouping_settings', { scope: 'services' }, (req, sim) => {
    const input = bodyOf(req);
    if (!input) return invalid(sim, ['The body must be {"alert_grouping_setting": {...}}']);
    const errors = validate(input, sim, null, false);
    if (errors.length) return invalid(sim, errors);
    const id = sim.db.newId();
    const at = nowIso(sim);
    const stored: StoredSetting = {
      id,
      name: typeof input.name === 'string' ? input.name : null,
      description: typeof input.description === 'string' ? input.description : null,
      type: input.type,
      config: isObject(input.config) ? input.config : {},
      serviceIds: input.services.map((s: Obj) => s.id),
      created_at: at,
      updated_at: at,
    };
    settings(sim.db).set(id, stored);
    return { status: 201, body: { alert_grouping_setting: render(stored, sim) } };
  });

  router.route('PUT', '/alert_grouping_settings/:id', { scope: 'services' }, (req, sim) => {
    const current = settings(sim.db).get(req.params.id);
    if (!current) return sim.notFound();
    const input = bodyOf(req);
    if (!input) return invalid(sim, ['The body must be {"alert_grouping_setting": {...}}']);
    const merged = { type: current.type, config: current.config, ...input };
    const errors = validate(merged, sim, current.id, input.services === undefined);
    if (errors.length) return invalid(sim, errors);
    const next: StoredSetting = {
      ...current,
      name: typeof input.name === 'string' ? input.name : current.name,
      description: typeof input.description === 'string' ? input.description : current.description,
      type: merged.type,
      config: isObject(merged.config) ? merged.config : {},
      serviceIds: Array.isArray(input.services) ? input.services.map((s: Obj) => s.id) : current.serviceIds,
      updated_at: nowIso(sim),
    };
    settings(sim.db).set(next.id, next);
    return { status: 200, body: { alert_grouping_setting: render(next, sim) } };
  });

  router.route('DELETE', '/alert_grouping_settings/:id', { scope: 'services' }, (req, sim) => {
    if (!settings(sim.db).delete(req.params.id)) return sim.notFound();
    return { status: 204 };
  });
}
