import { it } from 'vitest';
import { startProofRig } from '../support/proof';
it('speed', { timeout: 120000 }, async () => {
  const rig = await startProofRig({ clients: 16 });
  await rig.setState(['list_incidents'], 'approved');
  const clients = await Promise.all(Array.from({ length: 16 }, (_, i) => rig.connect(i)));
  for (const conc of [1, 16]) {
    const t0 = performance.now();
    await Promise.all(clients.slice(0, conc).map(async (c) => { for (let i = 0; i < Math.round(400 / conc); i++) await c.callTool({ name: 'list_incidents', arguments: { limit: 2 } }); }));
    const dt = performance.now() - t0;
    console.log(`conc ${conc}: ${(400 / (dt / 1000)).toFixed(0)} calls/s`);
  }
  const t0 = performance.now();
  for (let i = 0; i < 200; i++) await fetch(`${rig.sim.apiUrl('us')}/incidents?limit=2`, { headers: { authorization: `Token token=${rig.sim.keys.account}`, accept: 'application/vnd.pagerduty+json;version=2' } });
  console.log(`direct: ${(200 / ((performance.now() - t0) / 1000)).toFixed(0)} calls/s`);
  await rig.close();
});
