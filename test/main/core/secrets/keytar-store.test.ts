import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createKeytarSecretStore } from '../../../../src/main/core/secrets';

// These run against the real Secret Service (gnome-keyring) that `npm test` starts on a private D-Bus.
describe('keytar secret store (real keychain)', () => {
  it('stores, reads and deletes a secret', async () => {
    const store = createKeytarSecretStore(`test-${randomUUID()}`);
    expect(await store.check()).toEqual({ available: true, message: null });
    await store.set('api_key', 'u+secret-value-123');
    expect(await store.get('api_key')).toBe('u+secret-value-123');
    expect(await store.delete('api_key')).toBe(true);
    expect(await store.get('api_key')).toBeNull();
  });

  it('keeps two data directories apart and removes everything of one on request', async () => {
    const a = createKeytarSecretStore(`test-${randomUUID()}`);
    const b = createKeytarSecretStore(`test-${randomUUID()}`);
    await a.set('oauth_access_token', 'token-of-a');
    await a.set('oauth_refresh_token', 'refresh-of-a');
    await b.set('oauth_access_token', 'token-of-b');
    expect(await a.get('oauth_access_token')).toBe('token-of-a');
    expect(await a.deleteAll()).toBe(2);
    expect(await a.get('oauth_refresh_token')).toBeNull();
    expect(await b.get('oauth_access_token')).toBe('token-of-b');
    await b.deleteAll();
  });

  it('says clearly when no keychain is reachable and stores nothing anywhere else', () => {
    const root = path.resolve(import.meta.dirname, '../../../..');
    const script = `
      import { createKeytarSecretStore } from './src/main/core/secrets/index.ts';
      const s = createKeytarSecretStore('no-bus');
      console.log(JSON.stringify(await s.check()));
      try { await s.set('api_key', 'x-123456'); console.log('stored'); } catch (e) { console.log('refused:' + e.code); }`;
    const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: root,
      env: { ...process.env, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus' },
      encoding: 'utf8',
      timeout: 20_000,
    });
    const [check, outcome] = run.stdout.trim().split('\n');
    expect(JSON.parse(check!)).toMatchObject({ available: false });
    expect(JSON.parse(check!).message).toMatch(/keychain is not available.*GNOME Keyring/s);
    expect(outcome).toBe('refused:keychain_unavailable');
  });
});
