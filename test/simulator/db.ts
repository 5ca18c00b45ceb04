// The simulator's in-memory PagerDuty account. Ids come from a seeded generator so a fresh simulator
// always produces the same ids in the same order (stable demo data, reproducible tests).
import type { SimDb, SimUser } from './types';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

export function createDb(seed = 0x5eed): SimDb {
  const collections = new Map<string, Map<string, any>>();
  const counters = new Map<string, number>();
  const issued = new Set<string>();
  let state = seed >>> 0;
  // mulberry32: tiny, deterministic, good enough for ids
  const random = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };

  const collection = <T extends { id: string }>(name: string): Map<string, T> => {
    let map = collections.get(name);
    if (!map) {
      map = new Map();
      collections.set(name, map);
    }
    return map as Map<string, T>;
  };

  const users = collection<SimUser>('users');

  return {
    collection,
    users,
    newId(style = 'legacy') {
      const [first, length] = style === 'long' ? ['Q', 14] : ['P', 7];
      for (;;) {
        let id = first;
        while (id.length < length) id += ALPHABET[Math.floor(random() * ALPHABET.length)];
        if (!issued.has(id)) {
          issued.add(id);
          return id;
        }
      }
    },
    counter(name) {
      const next = (counters.get(name) ?? 0) + 1;
      counters.set(name, next);
      return next;
    },
    apiKeys: new Map(),
    accessTokens: new Map(),
  };
}
