// `npm run demo`: the PagerDuty simulator plus `serve` against it, in a fresh temporary data
// directory, with an API-key connection and a demo client ready — so a newcomer sees tools work with
// no PagerDuty account. On exit it removes its keychain entries and its folder: nothing left behind.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createSimulator } from '../../../test/simulator';
import { fail, serve } from './serve';

const { values } = parseArgs({ args: process.argv.slice(2), options: { port: { type: 'string' }, keep: { type: 'boolean' } }, strict: true });
const port = values.port === undefined ? 0 : Number(values.port);

try {
  const sim = await createSimulator({ port: 0 });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pagerduty-mcp-demo-'));
  await serve(
    { dataDir, port },
    {
      async prepare({ core }) {
        const h = core.handlers;
        const actor = sim.users[0]!;
        const saved = await h['connection.saveApiKey']({ apiKey: sim.keys.account, actorEmail: actor.email, region: 'us', baseUrl: sim.apiUrl('us') });
        if (!saved.ok) throw new Error(`demo: the simulator refused the demo key: ${saved.message}`);
        // A profile holding every toolset, so the demo client sees every approved tool at once.
        const toolsets = await h['toolsets.list']({});
        const profile = await h['profiles.create']({ name: 'Demo (all toolsets)', toolsetIds: toolsets.map((t) => t.id) });
        const demo = await h['clients.create']({ name: 'Demo client', profileId: profile.id });
        return { pagerdutyUrl: sim.apiUrl('us'), clientToken: demo.token };
      },
      async onStop({ secrets }) {
        await secrets.deleteAll().catch(() => 0);
        await sim.close();
        if (!values.keep) fs.rmSync(dataDir, { recursive: true, force: true });
      },
    },
  );
} catch (error) {
  fail(error);
}
