// Priorities, most severe first.
import type { SimDb, SimRouter } from '../types';
import { coll } from './core-render';

export function seed(_db: SimDb): void {}

export function routes(router: SimRouter): void {
  router.route('GET', '/priorities', { scope: 'priorities' }, (req, sim) => {
    const all = [...coll(sim.db, 'priorities').values()]
      .sort((a, b) => (a.order ?? 0) - (b.order ?? 0))
      .map((p) => ({ id: p.id, type: 'priority', summary: p.name, self: `${sim.apiBase}/priorities/${p.id}`, html_url: null, name: p.name, description: p.description ?? null, color: p.color }));
    return sim.paginate(req, all, 'priorities');
  });
}
