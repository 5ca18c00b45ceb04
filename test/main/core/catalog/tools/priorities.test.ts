import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

describe('list_priorities', () => {
  it('lists priorities from most to least severe', async () => {
    const out = await h.call('list_priorities');
    expect(out.priorities.map((p: any) => p.name)).toEqual(['P1', 'P2', 'P3']);
    expect(out.priorities[0].description).toMatch(/Critical/);
  });
});
