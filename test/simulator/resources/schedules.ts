import type { SimDb, SimRouter } from '../types';

export function seed(_db: SimDb): void {}

export function routes(_router: SimRouter): void {}
