import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createConfBackend, createSettingsStore, migrate, SCHEMA_VERSION, SettingsFileError } from '../../../../src/main/core/settings';

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'pdmcp-settings-'));

describe('settings store', () => {
  it('starts with defaults, persists changes, and reads them back in a new process-like instance', () => {
    const dir = tmp();
    const store = createSettingsStore(createConfBackend(dir));
    const first = store.read();
    expect(first.settings.defaultClassification).toBe('read_approved_write_pending');
    expect(first.schemaVersion).toBe(SCHEMA_VERSION);
    store.update((s) => {
      s.settings.askTimeoutSeconds = 30;
    });
    store.close();
    const again = createSettingsStore(createConfBackend(dir));
    expect(again.read().settings.askTimeoutSeconds).toBe(30);
    expect(again.read().instanceId).toBe(first.instanceId);
    again.close();
  });

  it('refuses an invalid change and keeps the file as it was', () => {
    const dir = tmp();
    const store = createSettingsStore(createConfBackend(dir));
    store.read();
    const before = fs.readFileSync(store.filePath, 'utf8');
    expect(() =>
      store.update((s) => {
        (s.settings as { mcpPort: number }).mcpPort = 99999;
      }),
    ).toThrow(SettingsFileError);
    expect(fs.readFileSync(store.filePath, 'utf8')).toBe(before);
    store.close();
  });

  it('migrates a pre-versioned file and refuses one from a newer app with a clear message', () => {
    expect(migrate({}).schemaVersion).toBe(SCHEMA_VERSION);
    expect(() => migrate({ schemaVersion: SCHEMA_VERSION + 1 })).toThrow(/newer version of the app/);
    expect(() => migrate([])).toThrow(/does not hold a JSON object/);
    expect(() => migrate({ ...migrate({}), settings: { defaultClassification: 'whatever' } })).toThrow(/settings file is invalid at settings/);
  });

  it('sees a change written by another process at once (the CLI while serve runs)', async () => {
    const dir = tmp();
    const store = createSettingsStore(createConfBackend(dir), { watch: true });
    store.read();
    const seen = new Promise<number>((resolve) => store.onChange((s) => resolve(s.settings.askTimeoutSeconds)));
    // Another process rewrites the file, as the CLI would (conf writes atomically via rename).
    const script = `
      const fs = require('fs'); const p = ${JSON.stringify(store.filePath)};
      const s = JSON.parse(fs.readFileSync(p, 'utf8')); s.settings.askTimeoutSeconds = 77;
      fs.writeFileSync(p + '.tmp', JSON.stringify(s)); fs.renameSync(p + '.tmp', p);`;
    expect(spawnSync(process.execPath, ['-e', script]).status).toBe(0);
    const started = Date.now();
    expect(await seen).toBe(77);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(store.read().settings.askTimeoutSeconds).toBe(77);
    store.close();
  });
});

describe('privacy of the data folder', () => {
  it.skipIf(process.platform === 'win32')('keeps the settings file 0600 and its folder 0700, also when an older version left them open', () => {
    const dir = path.join(tmp(), 'data');
    fs.mkdirSync(dir, { mode: 0o755 });
    const file = path.join(dir, 'config.json');
    fs.writeFileSync(file, '{}', { mode: 0o644 });
    fs.chmodSync(file, 0o644);
    const store = createSettingsStore(createConfBackend(dir));
    const mode = (p: string) => fs.statSync(p).mode & 0o777;
    expect(mode(dir)).toBe(0o700);
    expect(mode(store.filePath)).toBe(0o600);
    store.update((s) => {
      s.settings.askTimeoutSeconds = 42;
    });
    expect(mode(store.filePath)).toBe(0o600);
    store.close();
  });

  it.skipIf(process.platform === 'win32')('keeps log files 0600 in a 0700 folder', async () => {
    const { createLogger } = await import('../../../../src/main/core/log');
    const dir = path.join(tmp(), 'logs');
    fs.mkdirSync(dir, { mode: 0o755 });
    const file = path.join(dir, 'app.log');
    fs.writeFileSync(file, '', { mode: 0o644 });
    fs.chmodSync(file, 0o644);
    const log = createLogger({ file });
    log.info('hello');
    await expect.poll(() => fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.statSync(dir).mode & 0o777).toBe(0o700);
  });
});
