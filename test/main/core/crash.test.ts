// Nothing is lost on crash: a core process killed with SIGKILL while several clients call leaves an
// audit log whose chain verifies and that holds every call whose result reached a client.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { afterAll, describe, expect, it } from 'vitest';
import { openAuditLog } from '../../../src/main/core/audit';
import type { AuditEntry } from '../../../src/shared/model';
import { connectMcp, createSimulator, type Simulator } from './helpers';

let sim: Simulator | undefined;
afterAll(async () => {
  await sim?.close();
});

describe('crash', () => {
  it('keeps every answered call in a verifiable log after SIGKILL under load', async () => {
    sim = await createSimulator();
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pdmcp-crash-'));
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'fixtures', 'core-child.ts')], {
      env: { ...process.env, CHILD_DATA_DIR: dataDir, SIM_URL: sim.apiUrl('us'), SIM_KEY: sim.keys.account, SIM_EMAIL: sim.users[0]!.email },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr!.on('data', (d) => (stderr += String(d)));
    const ready = await new Promise<{ url: string; tokens: string[] }>((resolve, reject) => {
      readline.createInterface({ input: child.stdout! }).once('line', (line) => resolve(JSON.parse(line)));
      child.once('exit', (code) => reject(new Error(`child exited ${code}: ${stderr}`)));
      setTimeout(() => reject(new Error(`child not ready in 20 s: ${stderr}`)), 20_000).unref();
    });


    const clients = await Promise.all(ready.tokens.map((token) => connectMcp(ready.url, token)));
    const answered = new Set<string>();
    let n = 0;
    let killed = false;
    const failures: string[] = [];
    let finished = 0;
    const worker = async (i: number) => {
      const c = clients[i % clients.length]!;
      while (!killed) {
        const since = new Date(Date.UTC(2020, 0, 1) + n++ * 1000).toISOString();
        try {
          await c.client.callTool({ name: 'list_incidents', arguments: { since, limit: 1 } });
          if (!killed) answered.add(since);
        } catch (error) {
          if (!killed) failures.push(String(error));
          return;
        }
      }
    };
    const workers = Array.from({ length: 6 }, (_, i) => worker(i).finally(() => (finished += 1)));
    while (answered.size < 40 && finished < workers.length) await new Promise((r) => setTimeout(r, 20));
    expect(failures).toEqual([]);
    // Results that arrive after the kill signal was sent are not counted: only what surely came before.
    const snapshot = new Set(answered);
    killed = true;
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    // Calls in flight at the kill never get an answer; closing the clients ends them.
    await Promise.allSettled(clients.map((c) => c.close()));
    await Promise.allSettled(workers);

    const audit = await openAuditLog({ dir: path.join(dataDir, 'audit') });
    try {
      const verify = await audit.verify();
      expect(verify.ok, verify.message).toBe(true);
      const entries: AuditEntry[] = [];
      let cursor: string | undefined;
      do {
        const page = await audit.query({ limit: 500, cursor });
        entries.push(...page.entries);
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      const logged = new Set(entries.filter((e) => e.tool === 'list_incidents').map((e) => String(e.args.since)));
      const lost = [...snapshot].filter((s) => !logged.has(s));
      expect(lost).toEqual([]);
      expect(snapshot.size).toBeGreaterThanOrEqual(40);
    } finally {
      await audit.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});
