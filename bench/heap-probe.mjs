// Runs a server script with a memory probe, for the leak measurement: on SIGUSR2 it collects garbage
// fully and prints one JSON line {"event":"heap",…} with heap, external memory and RSS. RSS alone cannot
// tell a leak from garbage the collector simply has not needed to reclaim yet.
//   node bench/heap-probe.mjs <script> [args…]
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import v8 from 'node:v8';
import vm from 'node:vm';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc');
process.on('SIGUSR2', () => {
  gc();
  gc();
  const m = process.memoryUsage();
  process.stdout.write(`${JSON.stringify({ event: 'heap', heapUsed: m.heapUsed, external: m.external, rss: m.rss })}\n`);
});
const script = path.resolve(process.argv[2]);
process.argv.splice(1, 2, script);
await import(pathToFileURL(script).href);
