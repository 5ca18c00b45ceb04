// Small helpers shared by the simulator's platform areas (alert grouping, workflows, orchestrations,
// status pages, analytics, webhooks). They read the core areas' collections by their API plurals.
import type { SimContext, SimDb, SimResponse } from '../types';

export type Obj = Record<string, any>;

/** PagerDuty's 400 for a body it refuses: code 2001 with the reasons in `errors`. */
export function invalid(sim: SimContext, errors: string[]): SimResponse {
  return sim.error(400, 2001, 'Invalid Input Provided', errors);
}

export function nowIso(sim: SimContext): string {
  return sim.now().toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function services(db: SimDb): Map<string, Obj> {
  return db.collection<Obj & { id: string }>('services');
}

export function teams(db: SimDb): Map<string, Obj> {
  return db.collection<Obj & { id: string }>('teams');
}

export function incidents(db: SimDb): Map<string, Obj> {
  return db.collection<Obj & { id: string }>('incidents');
}

/** Service name for references; the services area may not have seeded yet when we seed. */
export function serviceRef(sim: SimContext, id: string): Obj {
  const svc = services(sim.db).get(id);
  return sim.ref('service', id, (svc?.name as string | undefined) ?? id, `/service-directory/${id}`);
}

export function teamRef(sim: SimContext, id: string): Obj {
  const team = teams(sim.db).get(id);
  return sim.ref('team', id, (team?.name as string | undefined) ?? id);
}

/** The first `n` ids of a collection, for seed data that points at core resources. */
export function firstIds(map: Map<string, Obj>, n: number): string[] {
  return [...map.keys()].slice(0, n);
}

export function isObject(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

// Opaque cursors as PagerDuty's cursor-paged endpoints hand them out (base64 of a position).
export function encodeCursor(position: number): string {
  return Buffer.from(`pos:${position}`).toString('base64');
}

export function decodeCursor(cursor: string): number | null {
  const text = Buffer.from(cursor, 'base64').toString('utf8');
  const m = /^pos:(\d+)$/.exec(text);
  return m ? Number(m[1]) : null;
}
