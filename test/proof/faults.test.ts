// Fault suite: what a person (and the AI relaying tool errors) sees when PagerDuty misbehaves, the
// keychain is gone, or the audit disk fails — through the real gateway with the SDK's real Client and the
// simulator's injected faults. Each test counts what reached PagerDuty (the simulator's request log).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import type { Client } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditIo } from '../../src/main/core/audit';
import { createPagerDutyClient } from '../../src/main/core/pagerduty';
import { createSimulator } from '../simulator';
import { resultText, startProofRig, type ProofRig } from '../support/proof';

// The audit disk, switchable: when `full` is set every write fails the way a full disk does.
const disk = { full: false };
const failingIo: Partial<AuditIo> = {
  async write(handle, data, position) {
    if (disk.full) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    let done = 0;
    while (done < data.length) done += (await handle.write(data, done, data.length - done, position + done)).bytesWritten;
  },
};

let rig: ProofRig;
let client: Client;
let incidentId: string;

beforeAll(async () => {
  rig = await startProofRig({ extra: { auditIo: failingIo } });
  await rig.setState(['add_note_to_incident'], 'approved');
  client = await rig.connect();
  incidentId = [...rig.sim.db.collection<{ id: string }>('incidents').keys()][0]!;
});
afterAll(async () => {
  await rig?.close();
});

const listIncidents = () => client.callTool({ name: 'list_incidents', arguments: { limit: 3 } });
const addNote = () => client.callTool({ name: 'add_note_to_incident', arguments: { incident_id: incidentId, note: 'fault suite' } });
const posts = () => rig.sim.requests.filter((r) => r.method === 'POST');

describe('PagerDuty faults through the gateway', () => {
  it('retries a read after a 500, a 503 and a dropped connection, then answers', async () => {
    for (const fault of [{ kind: 'status', status: 500 }, { kind: 'status', status: 503 }, { kind: 'drop' }] as const) {
      rig.mark();
      rig.sim.faults.next(fault);
      const result = await listIncidents();
      expect(result.isError, resultText(result)).toBeFalsy();
      expect(resultText(result)).toContain('"incidents"');
      expect(rig.upstream()).toBe(2);
    }
  });

  it('gives a clear error after the retries run out on a read, and keeps serving afterwards', async () => {
    rig.mark();
    rig.sim.faults.next({ kind: 'status', status: 503 }, 3);
    const result = await listIncidents();
    expect(result.isError).toBe(true);
    expect(resultText(result)).toMatch(/server error \(503\).*Try again in a moment/);
    expect(rig.upstream()).toBe(3);
    expect((await listIncidents()).isError).toBeFalsy();
  });

  it('never retries a write: one request, and the error says it may or may not have been applied', async () => {
    for (const fault of [{ kind: 'status', status: 500 }, { kind: 'drop' }] as const) {
      const before = posts().length;
      rig.sim.faults.next(fault, 1, { method: 'POST' });
      const result = await addNote();
      expect(result.isError).toBe(true);
      expect(resultText(result)).toContain('may or may not have been applied');
      expect(posts().length - before).toBe(1);
    }
  });

  it('waits out a 429 for as long as ratelimit-reset says, then succeeds', async () => {
    rig.mark();
    rig.sim.faults.next({ kind: 'rate_limit', resetSeconds: 1 });
    const started = Date.now();
    const result = await listIncidents();
    expect(result.isError, resultText(result)).toBeFalsy();
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(rig.upstream()).toBe(2);
  });

  it('answers a slow PagerDuty once it answers', async () => {
    rig.sim.faults.next({ kind: 'delay', ms: 400 });
    const started = Date.now();
    const result = await listIncidents();
    expect(result.isError).toBeFalsy();
    expect(Date.now() - started).toBeGreaterThanOrEqual(390);
  });

  it('turns a 401 mid-session into a clear tool error and a connection that asks for a new key', async () => {
    expect((await rig.t.call('status.get', {})).connection.status).toBe('connected');
    rig.sim.faults.next({ kind: 'unauthorized' });
    const result = await listIncidents();
    expect(result.isError).toBe(true);
    expect(resultText(result)).toMatch(/401/);
    expect(resultText(result)).toMatch(/Reconnect PagerDuty in the app/);
    const connection = (await rig.t.call('status.get', {})).connection;
    expect(connection.status).toBe('error');
    expect(connection.message).toMatch(/rejected the saved API key \(401\).*Save a new key/);
    // The person fixes it by testing the (still valid) key again; calls work again.
    const tested = await rig.t.call('connection.test', {});
    expect(tested.ok).toBe(true);
    expect((await listIncidents()).isError).toBeFalsy();
  });
});

describe('slow beyond the timeout', () => {
  it('gives a clear timeout error for a read (client with a short per-attempt timeout)', async () => {
    // The gateway's timeout is 30 s per attempt; the same client code with a short one shows the message.
    const sim = await createSimulator();
    try {
      const api = createPagerDutyClient({ baseUrl: sim.apiUrl('us'), timeoutMs: 200, auth: { current: async () => ({ authorization: `Token token=${sim.keys.account}`, fromEmail: null }) } });
      sim.faults.next({ kind: 'delay', ms: 600 });
      await expect(api.request({ method: 'GET', path: '/incidents' })).rejects.toThrow(/did not answer GET \/incidents within .* Try again in a moment/);
      sim.faults.next({ kind: 'delay', ms: 600 }, 1, { method: 'POST' });
      await expect(api.request({ method: 'POST', path: '/incidents', body: {} })).rejects.toThrow(/may or may not have been applied/);
    } finally {
      await sim.close();
    }
  });
});

describe('audit disk failure', () => {
  it('refuses calls rather than running them unaudited, and says so', async () => {
    const verifiedBefore = await rig.t.call('audit.verify', {});
    expect(verifiedBefore.ok).toBe(true);
    disk.full = true;
    try {
      // The first call finds out that the disk fails: its answer becomes the refusal.
      const first = await listIncidents();
      expect(first.isError).toBe(true);
      expect(resultText(first)).toMatch(/audit log cannot be written; calls are refused/);
      // From now on nothing reaches PagerDuty: neither reads nor writes.
      rig.mark();
      const before = posts().length;
      for (const call of [listIncidents, addNote]) {
        const result = await call();
        expect(result.isError).toBe(true);
        expect(resultText(result)).toMatch(/audit log cannot be written/);
      }
      expect(rig.upstream()).toBe(0);
      expect(posts().length).toBe(before);
    } finally {
      disk.full = false;
    }
    const verified = await rig.t.call('audit.verify', {});
    expect(verified.ok).toBe(true);
  });

  // The chain probes the disk before refusing, so the first call after the disk recovers runs again.
  it('serves calls again once the disk works again', async () => {
    const result = await listIncidents();
    expect(result.isError, resultText(result)).toBeFalsy();
  });

  it('checks the disk before a write, so a failure nobody has noticed yet never lets an unrecordable write through', async () => {
    expect((await listIncidents()).isError).toBeFalsy();
    const before = posts().length;
    disk.full = true;
    try {
      const result = await addNote();
      expect(result.isError).toBe(true);
      expect(resultText(result)).toMatch(/audit log cannot be written/);
      expect(posts().length).toBe(before);
    } finally {
      disk.full = false;
    }
    expect((await addNote()).isError).toBeFalsy();
    expect(posts().length).toBe(before + 1);
    expect((await rig.t.call('audit.verify', {})).ok).toBe(true);
  });
});

describe('keychain unavailable', () => {
  it('refuses to save the API key with a clear error and writes it nowhere', async () => {
    const sim = await createSimulator();
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pdmcp-nokeychain-'));
    try {
      // A real process whose D-Bus session (and so the Secret Service) does not exist.
      const child = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'fixtures', 'no-keychain-child.ts')], {
        env: { ...process.env, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/pdmcp-bus', CHILD_DATA_DIR: dataDir, SIM_URL: sim.apiUrl('us'), SIM_KEY: sim.keys.account, SIM_EMAIL: sim.users[0]!.email },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stderr = '';
      child.stderr!.on('data', (d) => (stderr += String(d)));
      const report = await new Promise<{ keychain: { available: boolean }; error: { code: string; message: string } | null; status: string }>((resolve, reject) => {
        readline.createInterface({ input: child.stdout! }).once('line', (line) => resolve(JSON.parse(line)));
        child.once('exit', (code) => reject(new Error(`child exited ${code}: ${stderr}`)));
      });
      expect(report.keychain.available).toBe(false);
      expect(report.error?.message).toMatch(/system keychain is not available.*nothing was saved/);
      expect(report.status).toBe('not_configured');
      // Nothing about the key anywhere on disk: not in settings, logs or audit.
      const hits: string[] = [];
      const walk = (d: string) => {
        for (const e of fs.readdirSync(d, { withFileTypes: true })) {
          const p = path.join(d, e.name);
          if (e.isDirectory()) walk(p);
          else if (fs.readFileSync(p, 'utf8').includes(sim.keys.account)) hits.push(p);
        }
      };
      walk(dataDir);
      expect(hits).toEqual([]);
    } finally {
      await sim.close();
    }
  });
});
