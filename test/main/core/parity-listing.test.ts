import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PARITY_TOOLS } from '../../../src/main/core/catalog/parity';
import { connectMcp, connectSimulator, createSimulator, startTestCore, type Simulator, type TestCore } from './helpers';

// Issue 8's finish line: every one of the official server's 103 tools is listed by tools/list for a
// client whose profile holds all toolsets, once approved — and not before.
let sim: Simulator;
let t: TestCore;
beforeAll(async () => {
  sim = await createSimulator();
  t = await startTestCore();
  await connectSimulator(t, sim);
});
afterAll(async () => {
  await t?.close();
  await sim?.close();
});

describe('parity through the gateway', () => {
  it('lists all 103 tools to an all-toolsets client after approval, and only the approved ones before', async () => {
    const toolsets = await t.call('toolsets.list', {});
    const profile = await t.call('profiles.create', { name: 'All toolsets', toolsetIds: toolsets.map((s) => s.id) });
    const { token } = await t.call('clients.create', { name: 'Parity check', profileId: profile.id });
    const mcp = await connectMcp(t.url, token);
    try {
      const names = PARITY_TOOLS.map(([name]) => name);
      const writes = PARITY_TOOLS.filter(([, , cls]) => cls === 'write').map(([name]) => name);
      const before = (await mcp.client.listTools()).tools.map((x) => x.name);
      expect(before.filter((n) => writes.includes(n))).toEqual([]); // writes wait for review
      expect(before).toHaveLength(names.length - writes.length);

      const changed = mcp.nextListChanged();
      await t.call('tools.setState', { names, state: 'approved' });
      await changed;
      const after = (await mcp.client.listTools()).tools.map((x) => x.name);
      expect([...after].sort()).toEqual([...names].sort());
    } finally {
      await mcp.close();
    }
  });
});
