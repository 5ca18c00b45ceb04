// The stdio bridge as Claude Desktop runs it: the built out/main/bridge.js spawned by the SDK's
// StdioClientTransport, relaying to a real core — including across a restart of that core.
import fs from 'node:fs';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectSimulator, createSimulator, startTestCore, type Simulator, type TestCore } from '../core/helpers';

const BRIDGE = path.resolve(import.meta.dirname, '../../../out/main/bridge.js');

let sim: Simulator;
let t: TestCore;
let token: string;

beforeAll(async () => {
  if (!fs.existsSync(BRIDGE)) throw new Error(`${BRIDGE} is missing: run \`npx electron-vite build\` first.`);
  sim = await createSimulator();
  t = await startTestCore();
  await connectSimulator(t, sim);
  token = (await t.call('clients.create', { name: 'Claude Desktop', profileId: 'pr_read_only' })).token;
});
afterAll(async () => {
  await t?.close();
  await sim?.close();
});

function spawnBridge(url: string, clientToken: string, clientOptions: ConstructorParameters<typeof Client>[1] = {}) {
  let stderr = '';
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [BRIDGE, '--url', url],
    env: { ...(process.env as Record<string, string>), PDMCP_CLIENT_TOKEN: clientToken },
    stderr: 'pipe',
  });
  transport.stderr?.on('data', (d) => (stderr += String(d)));
  const client = new Client({ name: 'claude-desktop-test', version: '1.0.0' }, clientOptions);
  return { client, transport, stderr: () => stderr };
}

describe('stdio bridge', () => {
  it('relays tools/list and tools/call, and survives a restart of the app', async () => {
    const { client, transport, stderr } = spawnBridge(t.url, token);
    await client.connect(transport);
    try {
      const names = (await client.listTools()).tools.map((x) => x.name);
      expect(names).toContain('list_incidents');
      expect(names).not.toContain('manage_incidents');
      const result = await client.callTool({ name: 'list_incidents', arguments: { limit: 2 } });
      expect(result.isError).toBeFalsy();

      // Notifications flow back through the bridge too.
      const changed = new Promise<void>((resolve) => client.setNotificationHandler('notifications/tools/list_changed', async () => resolve()));
      await t.call('tools.setState', { names: ['list_incidents'], state: 'denied' });
      await changed;
      expect((await client.listTools()).tools.map((x) => x.name)).not.toContain('list_incidents');
      await t.call('tools.setState', { names: ['list_incidents'], state: 'approved' });

      // Restart the core on the same port and data folder, as an app restart would.
      const port = Number(new URL(t.url).port);
      await t.core.stop();
      const before = t;
      t = await startTestCore({ dataDir: before.dataDir, mcpPort: port });
      const again = await client.callTool({ name: 'list_incidents', arguments: { limit: 1 } }, { timeout: 15_000 });
      expect(again.isError).toBeFalsy();
      expect((await client.listTools()).tools.map((x) => x.name)).toContain('list_incidents');
      expect(stderr()).not.toContain(token);
    } finally {
      await client.close();
    }
  });

  it('relays a 2026-07-28 stdio client too: discover, list, call and listen, across a restart', async () => {
    const { client, transport, stderr } = spawnBridge(t.url, token, { versionNegotiation: { mode: 'auto' } });
    await client.connect(transport);
    try {
      expect(client.getProtocolEra()).toBe('modern');
      expect((await client.listTools()).tools.map((x) => x.name)).toContain('list_incidents');
      expect((await client.callTool({ name: 'list_incidents', arguments: { limit: 1 } })).isError).toBeFalsy();
      const subscription = await client.listen({ toolsListChanged: true });
      const changed = new Promise<void>((resolve) => client.setNotificationHandler('notifications/tools/list_changed', async () => resolve()));
      await t.call('tools.setState', { names: ['list_incidents'], state: 'denied' });
      await changed;
      expect((await client.listTools()).tools.map((x) => x.name)).not.toContain('list_incidents');
      await t.call('tools.setState', { names: ['list_incidents'], state: 'approved' });
      await subscription.close();

      const port = Number(new URL(t.url).port);
      await t.core.stop();
      t = await startTestCore({ dataDir: t.dataDir, mcpPort: port });
      const again = await client.callTool({ name: 'list_incidents', arguments: { limit: 1 } }, { timeout: 15_000 });
      expect(again.isError).toBeFalsy();
      expect(stderr()).not.toContain(token);
    } finally {
      await client.close();
    }
  });

  it('says clearly when the token is rejected', async () => {
    const { client, transport, stderr } = spawnBridge(t.url, 'pdmcp_not-a-real-token-at-all-000000000000');
    await expect(client.connect(transport)).rejects.toThrow();
    await new Promise((r) => setTimeout(r, 300));
    expect(stderr()).toContain('the token was rejected; create a new client in the app');
    await client.close().catch(() => {});
  });
});
