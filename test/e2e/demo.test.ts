import fs from 'node:fs';
import { createRequire } from 'node:module';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { describe, expect, it } from 'vitest';
import { keychainService } from '../../src/main/core/secrets';
import { startHeadless } from '../support/serve';

// `npm run demo`: a newcomer with no PagerDuty account points an MCP client at the printed URL and
// token and sees PagerDuty tools work; stopping the demo leaves nothing behind.
describe('npm run demo', () => {
  it('serves working PagerDuty tools to the demo client and cleans up on exit', async () => {
    const demo = await startHeadless('demo');
    const { mcpUrl, clientToken, pagerdutyUrl, dataDir } = demo.ready;
    expect(pagerdutyUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/us$/);
    expect(clientToken).toMatch(/^pdmcp_/);

    const client = new Client({ name: 'demo-test', version: '1.0.0' });
    await client.connect(new StreamableHTTPClientTransport(new URL(mcpUrl), { requestInit: { headers: { authorization: `Bearer ${clientToken}` } } }));
    const { tools } = await client.listTools();
    const names = tools.map((t) => t.name);
    // Default classification: reads approved at once, writes wait for review.
    expect(names).toContain('list_incidents');
    expect(names).toContain('get_user_data');
    expect(names).not.toContain('manage_incidents');
    const result = await client.callTool({ name: 'list_incidents', arguments: {} });
    expect(result.isError).toBeFalsy();
    expect(JSON.stringify(result.content)).toMatch(/incident/i);
    await client.close();

    // The demo's keychain entries, namespaced by its data directory's instance id.
    const instanceId = JSON.parse(fs.readFileSync(`${dataDir}/config.json`, 'utf8')).instanceId as string;
    const keytar = createRequire(import.meta.url)('keytar') as typeof import('keytar');
    expect((await keytar.findCredentials(keychainService(instanceId))).length).toBeGreaterThan(0);

    expect(await demo.stop('SIGINT')).toBe(0);
    expect(await keytar.findCredentials(keychainService(instanceId))).toEqual([]);
    expect(fs.existsSync(dataDir)).toBe(false);
  });
});
