// The call chain's last line of defence: no call runs unrecorded. With the audit disk failing, calls
// are refused (and PagerDuty is not called); once the disk works again, calls run again.
import type { FileHandle } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUDIT_UNAVAILABLE } from '../../../../src/main/core/governance';
import { connectMcp, connectSimulator, createSimulator, startTestCore, type Simulator, type TestCore } from '../helpers';

let sim: Simulator;
let t: TestCore;
let diskFull = false;

beforeAll(async () => {
  sim = await createSimulator();
  t = await startTestCore({
    extra: {
      auditIo: {
        async write(handle: FileHandle, data: Buffer, position: number) {
          if (diskFull) throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
          let done = 0;
          while (done < data.length) done += (await handle.write(data, done, data.length - done, position + done)).bytesWritten;
        },
      },
    },
  });
  await connectSimulator(t, sim);
});
afterAll(async () => {
  await t?.close();
  await sim?.close();
});

const textOf = (r: unknown) => ((r as { content: { text: string }[] }).content[0]?.text ?? '');

describe('call chain and the audit log', () => {
  it('refuses calls it cannot record, without calling PagerDuty, and recovers with the disk', async () => {
    const { token } = await t.call('clients.create', { name: 'Cursor', profileId: 'pr_read_only' });
    const a = await connectMcp(t.url, token);
    try {
      expect((await a.client.callTool({ name: 'list_incidents', arguments: { limit: 1 } })).isError).toBeFalsy();

      diskFull = true;
      // The first call finds out: its result is withheld because its entry could not be written.
      const first = await a.client.callTool({ name: 'list_incidents', arguments: { limit: 1 } });
      expect(first.isError).toBe(true);
      expect(textOf(first)).toBe(AUDIT_UNAVAILABLE);
      const before = sim.requests.length;
      const second = await a.client.callTool({ name: 'list_incidents', arguments: { limit: 1 } });
      expect(textOf(second)).toBe(AUDIT_UNAVAILABLE);
      expect(sim.requests.length).toBe(before);

      diskFull = false;
      // The chain probes the disk before refusing again: the first call after recovery runs and is recorded.
      const ok = await a.client.callTool({ name: 'list_incidents', arguments: { limit: 1 } });
      expect(ok.isError).toBeFalsy();
      const page = await t.call('audit.query', { tool: 'list_incidents', limit: 10 });
      expect(page.entries.map((e) => e.outcome)).toEqual(['ok', 'ok']);
      expect((await t.call('audit.verify', {})).ok).toBe(true);
    } finally {
      await a.close();
    }
  });
});
