import { startProofRig } from '../support/proof';
const rig = await startProofRig({ clients: 1 });
await rig.setState(['list_incidents'], 'approved');
const c = await rig.connect(0);
for (let i = 0; i < 30; i++) await c.callTool({ name: 'list_incidents', arguments: { limit: 2 } });
const t0 = performance.now();
const lap: number[] = [];
for (let i = 0; i < 300; i++) { const t = performance.now(); await c.callTool({ name: 'list_incidents', arguments: { limit: 2 } }); lap.push(performance.now() - t); }
console.log('calls/s', (300 / ((performance.now() - t0) / 1000)).toFixed(0), 'median ms', lap.sort((a, b) => a - b)[150].toFixed(1));
await rig.close();
process.exit(0);
